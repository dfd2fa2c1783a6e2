package id.go.prakerja.events.registration;

import java.time.Instant;
import java.util.UUID;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

/**
 * An operator escalated a grievance: it needs more than the first line can give.
 *
 * @param grievanceId the grievance
 * @param step        the step it is about
 * @param escalatedAt when it was escalated
 */
public record GrievanceEscalated(UUID grievanceId, GrievanceStep step, Instant escalatedAt) implements DomainEvent {

    public GrievanceEscalated {
        Require.notNull(grievanceId, "grievanceId");
        Require.notNull(step, "step");
        Require.notNull(escalatedAt, "escalatedAt");
    }
}
