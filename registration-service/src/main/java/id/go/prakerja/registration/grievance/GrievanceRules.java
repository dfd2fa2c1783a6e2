package id.go.prakerja.registration.grievance;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What may happen to a grievance, and what it becomes. A filed grievance is {@code OPEN}; an
 * answer makes it {@code ANSWERED} (a further answer keeps it so, and answers an escalated one);
 * an escalation makes an open or answered one {@code ESCALATED}; a resolution closes it for good.
 * Assigning changes who handles it, not its status. Nothing happens to a resolved grievance.
 */
public final class GrievanceRules {

    public enum Status {
        OPEN, ANSWERED, ESCALATED, RESOLVED;

        /** Still waiting for an operator: counts towards the participant's cap of open grievances. */
        public boolean open() {
            return this != RESOLVED;
        }
    }

    public enum Action {
        ASSIGN, ANSWER, ESCALATE, RESOLVE
    }

    /** The statuses each action may start from. */
    private static final java.util.Map<Action, Set<Status>> FROM = java.util.Map.of(
            Action.ASSIGN, EnumSet.of(Status.OPEN, Status.ANSWERED, Status.ESCALATED),
            Action.ANSWER, EnumSet.of(Status.OPEN, Status.ANSWERED, Status.ESCALATED),
            Action.ESCALATE, EnumSet.of(Status.OPEN, Status.ANSWERED),
            Action.RESOLVE, EnumSet.of(Status.OPEN, Status.ANSWERED, Status.ESCALATED));

    private GrievanceRules() {
    }

    /** @return the status after {@code action}, empty when the action is not allowed in {@code current} */
    public static Optional<Status> next(Status current, Action action) {
        if (!FROM.get(action).contains(current)) {
            return Optional.empty();
        }
        return Optional.of(switch (action) {
            case ASSIGN -> current;
            case ANSWER -> Status.ANSWERED;
            case ESCALATE -> Status.ESCALATED;
            case RESOLVE -> Status.RESOLVED;
        });
    }

    public static boolean allowed(Status current, Action action) {
        return next(current, action).isPresent();
    }
}
