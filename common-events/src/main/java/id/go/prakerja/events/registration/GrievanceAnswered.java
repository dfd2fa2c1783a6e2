package id.go.prakerja.events.registration;

import java.time.Instant;
import java.util.UUID;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

/**
 * An operator answered a grievance; the participant can read the answer. The answer's text stays in
 * registration.
 *
 * @param grievanceId the grievance
 * @param step        the step it is about
 * @param answeredAt  when the answer was given
 */
public record GrievanceAnswered(UUID grievanceId, GrievanceStep step, Instant answeredAt) implements DomainEvent {

    public GrievanceAnswered {
        Require.notNull(grievanceId, "grievanceId");
        Require.notNull(step, "step");
        Require.notNull(answeredAt, "answeredAt");
    }
}
