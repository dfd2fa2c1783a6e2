package id.go.prakerja.events.operations;

import java.time.Instant;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

/**
 * An operator's state-changing call that concerns one participant (the envelope's key), as the
 * service that took it recorded it in its append-only audit trail: so the console's participant
 * timeline shows who did what to the participant, beside the events it caused. Only calls that
 * succeeded (2xx) are announced; refused ones stay in the service's own audit trail.
 *
 * @param service  the service that took the action ({@code spring.application.name})
 * @param action   a short name of what was done, when the service gave one (e.g. {@code TRANCHE_RETRY_REQUESTED})
 * @param method   the HTTP method of the call
 * @param path     the call's path
 * @param target   the id of what the action is about (a tranche, a change request), when known
 * @param operator the operator's subject in the token
 * @param roles    the operator's roles, comma-separated
 * @param outcome  the HTTP status the call ended with
 * @param reason   the reason the operator gave, if any
 * @param at       when it was recorded
 */
public record OperatorActionRecorded(String service, String action, String method, String path, String target,
        String operator, String roles, int outcome, String reason, Instant at) implements DomainEvent {

    public OperatorActionRecorded {
        Require.notBlank(service, "service");
        Require.notBlank(method, "method");
        Require.notBlank(path, "path");
        Require.notBlank(operator, "operator");
        Require.notNull(at, "at");
    }
}
