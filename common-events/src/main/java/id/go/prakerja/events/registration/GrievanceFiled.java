package id.go.prakerja.events.registration;

import java.time.Instant;
import java.util.UUID;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

/**
 * A participant filed a grievance about a step of the programme. The participant's own words and
 * images stay in registration; only what operators count travels.
 *
 * @param grievanceId the grievance in registration-service
 * @param step        the step it is about
 * @param images      how many images came with it (0-2)
 * @param filedAt     when it was filed
 */
public record GrievanceFiled(UUID grievanceId, GrievanceStep step, int images, Instant filedAt) implements DomainEvent {

    public GrievanceFiled {
        Require.notNull(grievanceId, "grievanceId");
        Require.notNull(step, "step");
        Require.between(images, 0, 2, "images");
        Require.notNull(filedAt, "filedAt");
    }
}
