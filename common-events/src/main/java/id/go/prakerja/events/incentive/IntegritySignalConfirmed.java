package id.go.prakerja.events.incentive;

import java.time.Instant;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

/**
 * Two operators confirmed an integrity signal against this participant (for example
 * {@code SHARED_PAYOUT_ACCOUNT}: their payout account is linked by another participant too, and the
 * participant is not entitled to be paid through it). Registration, which owns participation,
 * revokes the participant ({@code ParticipantRevoked} with reason {@code FRAUD}). No evidence
 * travels: no account, no NIK, no other participant.
 *
 * @param signalId    the signal in incentive-service, for operators to look it up
 * @param signal      what the signal found, e.g. {@code SHARED_PAYOUT_ACCOUNT}
 * @param confirmedAt when the second operator approved the confirmation
 */
public record IntegritySignalConfirmed(long signalId, String signal, Instant confirmedAt) implements DomainEvent {

    public IntegritySignalConfirmed {
        Require.positive(signalId, "signalId");
        Require.notBlank(signal, "signal");
        Require.notNull(confirmedAt, "confirmedAt");
    }
}
