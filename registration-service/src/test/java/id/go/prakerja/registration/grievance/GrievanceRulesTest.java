package id.go.prakerja.registration.grievance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import id.go.prakerja.registration.grievance.GrievanceRules.Action;
import id.go.prakerja.registration.grievance.GrievanceRules.Status;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The grievance's life as a state machine, over any sequence of operators' actions. */
class GrievanceRulesTest {

    /** Plays the actions from a filed grievance, skipping the refused ones; returns the statuses it went through. */
    private static List<Status> play(List<Action> actions) {
        Status status = Status.OPEN;
        List<Status> seen = new java.util.ArrayList<>(List.of(status));
        for (Action action : actions) {
            Optional<Status> next = GrievanceRules.next(status, action);
            if (next.isPresent()) {
                status = next.get();
                seen.add(status);
            }
        }
        return seen;
    }

    @Property
    void a_resolved_grievance_allows_nothing_more(@ForAll Action action) {
        assertThat(GrievanceRules.next(Status.RESOLVED, action)).isEmpty();
    }

    @Property
    void a_grievance_is_resolved_at_most_once_and_stays_resolved(@ForAll @Size(max = 30) List<Action> actions) {
        List<Status> seen = play(actions);
        int resolved = seen.indexOf(Status.RESOLVED);
        if (resolved >= 0) {
            assertThat(seen.subList(resolved, seen.size())).containsOnly(Status.RESOLVED).hasSize(1);
        }
        assertThat(seen.stream().filter(s -> s == Status.RESOLVED).count()).isLessThanOrEqualTo(1);
    }

    @Property
    void every_status_that_is_not_resolved_can_be_answered_and_resolved(@ForAll Status status) {
        assertThat(GrievanceRules.allowed(status, Action.ANSWER)).isEqualTo(status.open());
        assertThat(GrievanceRules.allowed(status, Action.RESOLVE)).isEqualTo(status.open());
        assertThat(GrievanceRules.allowed(status, Action.ASSIGN)).isEqualTo(status.open());
    }

    @Property
    void each_allowed_action_leads_where_it_says(@ForAll Status status, @ForAll Action action) {
        GrievanceRules.next(status, action).ifPresent(next -> assertThat(next).isEqualTo(switch (action) {
            case ASSIGN -> status;
            case ANSWER -> Status.ANSWERED;
            case ESCALATE -> Status.ESCALATED;
            case RESOLVE -> Status.RESOLVED;
        }));
    }

    @Property
    void an_escalated_grievance_is_not_escalated_again_until_answered(@ForAll @Size(max = 30) List<Action> actions) {
        Status status = Status.OPEN;
        for (Action action : actions) {
            Optional<Status> next = GrievanceRules.next(status, action);
            if (status == Status.ESCALATED && action == Action.ESCALATE) {
                assertThat(next).isEmpty();
            }
            status = next.orElse(status);
        }
    }

    @Example
    void the_ordinary_path_assign_answer_resolve() {
        assertThat(play(List.of(Action.ASSIGN, Action.ANSWER, Action.RESOLVE, Action.RESOLVE, Action.ANSWER)))
                .containsExactly(Status.OPEN, Status.OPEN, Status.ANSWERED, Status.RESOLVED);
    }
}
