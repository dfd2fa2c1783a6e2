package id.go.prakerja.events.incentive;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

/**
 * An integrity signal now involves this participant (the envelope's): it was raised with them, or
 * they were added to a signal already raised. While it is open their incentive is held, until two
 * operators clear ({@link IntegritySignalCleared}) or confirm ({@link IntegritySignalConfirmed})
 * them. One event per participant involved, keyed by them like every incentive event, so each
 * participant's raise, clearance and confirmation stay in order. No evidence travels: no account, no NIK.
 *
 * @param signalId       the signal in the service that raised it, for operators to look it up
 * @param kind           what the signal found: {@code SHARED_PAYOUT_ACCOUNT} today; a name in upper
 *                       case, so that new kinds (a shared phone, e-mail or face) need no new version
 * @param participantIds everyone the signal involves now, this participant included
 * @param raisedAt       when the signal came to involve this participant
 */
public record IntegritySignalRaised(long signalId, String kind, List<UUID> participantIds, Instant raisedAt)
        implements DomainEvent {

    public IntegritySignalRaised {
        Require.positive(signalId, "signalId");
        IntegritySignalKinds.require(kind);
        Require.that(participantIds != null && !participantIds.isEmpty() && participantIds.stream().allMatch(java.util.Objects::nonNull),
                "participantIds must name the participants involved");
        participantIds = List.copyOf(participantIds);
        Require.notNull(raisedAt, "raisedAt");
    }
}
