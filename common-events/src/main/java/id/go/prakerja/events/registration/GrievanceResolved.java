package id.go.prakerja.events.registration;

import java.time.Instant;
import java.util.UUID;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

/**
 * An operator resolved a grievance; it is closed for good.
 *
 * @param grievanceId the grievance
 * @param step        the step it was about
 * @param resolution  how it was closed
 * @param resolvedAt  when
 */
public record GrievanceResolved(UUID grievanceId, GrievanceStep step, GrievanceResolution resolution, Instant resolvedAt)
        implements DomainEvent {

    public GrievanceResolved {
        Require.notNull(grievanceId, "grievanceId");
        Require.notNull(step, "step");
        Require.notNull(resolution, "resolution");
        Require.notNull(resolvedAt, "resolvedAt");
    }
}
