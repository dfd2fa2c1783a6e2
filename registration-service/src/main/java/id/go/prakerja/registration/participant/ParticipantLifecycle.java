package id.go.prakerja.registration.participant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.incentive.IntegritySignalConfirmed;
import id.go.prakerja.events.registration.ParticipantRevoked;
import id.go.prakerja.events.registration.RevocationReason;
import id.go.prakerja.events.training.BalanceForfeited;
import id.go.prakerja.events.training.ForfeitReason;
import id.go.prakerja.support.outbox.Outbox;

/**
 * What happens to a participant after registering, as other contexts report it. Runs in
 * the consuming transaction; each change is idempotent in itself as well.
 */
@Service
public class ParticipantLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ParticipantLifecycle.class);

    private final ParticipantRepository participants;
    private final BannedNikRepository banned;
    private final Outbox outbox;

    public ParticipantLifecycle(ParticipantRepository participants, BannedNikRepository banned, Outbox outbox) {
        this.participants = participants;
        this.banned = banned;
        this.outbox = outbox;
    }

    public void verified(EventEnvelope<?> event) {
        participants.findById(event.participantId()).ifPresentOrElse(p -> p.verified(event.occurredAt()),
                () -> log.warn("verification result for unknown participant {}", event.participantId()));
    }

    public void rejected(EventEnvelope<?> event) {
        participants.findById(event.participantId()).ifPresent(p -> p.rejected(event.occurredAt()));
    }

    /**
     * A participant who did not buy a first training within the deadline loses the balance,
     * their participation, and the right to register again.
     */
    public void balanceForfeited(EventEnvelope<BalanceForfeited> event) {
        if (event.payload().reason() != ForfeitReason.DEADLINE) {
            return;
        }
        Participant participant = participants.findById(event.participantId()).orElse(null);
        if (participant == null) {
            log.warn("forfeit for unknown participant {}", event.participantId());
            return;
        }
        if (!banned.existsById(participant.nikHash())) {
            banned.save(new BannedNik(participant.nikHash(), participant.id(), "FIRST_PURCHASE_DEADLINE_MISSED",
                    event.occurredAt()));
        }
        if (participant.revoke(event.occurredAt())) {
            outbox.publish(event.cause(new ParticipantRevoked(RevocationReason.FIRST_PURCHASE_DEADLINE_MISSED,
                    event.occurredAt()), event.occurredAt()));
            log.info("participant {} revoked: first purchase deadline missed", participant.id());
        }
    }

    /**
     * Two incentive operators confirmed an integrity signal against the participant (for example a
     * payout account several participants link): participation ends, announced as
     * {@link ParticipantRevoked} with reason FRAUD, on which training, incentive and survey stop.
     */
    public void integritySignalConfirmed(EventEnvelope<IntegritySignalConfirmed> event) {
        Participant participant = participants.findById(event.participantId()).orElse(null);
        if (participant == null) {
            log.warn("integrity signal confirmed for unknown participant {}", event.participantId());
            return;
        }
        if (participant.revoke(event.payload().confirmedAt())) {
            outbox.publish(event.cause(new ParticipantRevoked(RevocationReason.FRAUD, event.payload().confirmedAt()),
                    event.occurredAt()));
            log.info("participant {} revoked: integrity signal {} ({}) confirmed", participant.id(), event.payload().signalId(),
                    event.payload().signal());
        }
    }

}
