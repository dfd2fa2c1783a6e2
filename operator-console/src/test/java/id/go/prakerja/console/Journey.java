package id.go.prakerja.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.cohort.ParticipantSelected;
import id.go.prakerja.events.cohort.WaveJoined;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.incentive.IntegritySignalCleared;
import id.go.prakerja.events.incentive.IntegritySignalConfirmed;
import id.go.prakerja.events.incentive.IntegritySignalRaised;
import id.go.prakerja.events.incentive.PayoutAccountLinkRequested;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.AccountRejectionReason;
import id.go.prakerja.events.payment.DisbursementOutcomeUnknown;
import id.go.prakerja.events.payment.DisbursementSucceeded;
import id.go.prakerja.events.payment.PayoutAccountRejected;
import id.go.prakerja.events.payment.PayoutAccountVerified;
import id.go.prakerja.events.registration.Education;
import id.go.prakerja.events.registration.JobStatus;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.ParticipantRevoked;
import id.go.prakerja.events.registration.RevocationReason;
import id.go.prakerja.events.registration.Sex;
import id.go.prakerja.events.training.BalanceForfeited;
import id.go.prakerja.events.training.ForfeitReason;
import id.go.prakerja.events.training.TrainingCompletionReconciled;
import id.go.prakerja.events.training.TrainingCompletionReported;
import id.go.prakerja.events.training.TrainingPurchased;
import id.go.prakerja.events.training.VoucherLapseReason;
import id.go.prakerja.events.training.VoucherLapsed;
import id.go.prakerja.events.verification.ParticipantVerified;
import id.go.prakerja.events.verification.VerificationLayer;
import id.go.prakerja.events.verification.VerificationLayerPassed;
import id.go.prakerja.events.verification.VerificationReviewQueued;
import id.go.prakerja.testsupport.KafkaProbe;

/**
 * One participant's way through the programme as the services announce it, each step a real
 * event on its real topic, at a chosen time. The console must piece it together from the topics alone.
 */
public final class Journey {

    public final UUID participantId = UUID.randomUUID();
    private final UUID correlation = UUID.randomUUID();
    private final List<EventEnvelope<?>> sent = new ArrayList<>();
    private final String province;
    private final int wave;
    private Instant at;

    public Journey(String province, int wave, Instant start) {
        this.province = province;
        this.wave = wave;
        this.at = start;
    }

    private Journey send(DomainEvent payload) {
        EventEnvelope<DomainEvent> event = EventEnvelope.of(payload, participantId, correlation, null, at);
        KafkaProbe.send(event.topic(), participantId.toString(), EventJson.write(event));
        sent.add(event);
        at = at.plus(Duration.ofHours(1));
        return this;
    }

    /** Sends an event already sent once more, byte for byte (a redelivery, a producer retry). */
    public Journey again(int index) {
        EventEnvelope<?> event = sent.get(index);
        KafkaProbe.send(event.topic(), participantId.toString(), EventJson.write(event));
        return this;
    }

    public Instant now() {
        return at;
    }

    public Journey after(Duration pause) {
        at = at.plus(pause);
        return this;
    }

    public List<EventEnvelope<?>> sent() {
        return sent;
    }

    public Journey registered() {
        return send(new ParticipantRegistered("sealed-nik", "sealed-kk", "nik-hash-" + participantId, province, province + "71",
                "Jakarta", LocalDate.of(1995, 5, 17), Sex.FEMALE, "budi@example.com", "+6281234567890", "Budi Santoso",
                Education.SMA_SMK, JobStatus.JOB_SEEKER, at));
    }

    public Journey layersPassed() {
        for (VerificationLayer layer : VerificationLayer.values()) {
            send(new VerificationLayerPassed(layer, 1, at));
        }
        return this;
    }

    public Journey emailPassedThenReview() {
        send(new VerificationLayerPassed(VerificationLayer.EMAIL, 1, at));
        return send(new VerificationReviewQueued(VerificationLayer.NIK, "NAME_UNCERTAIN", at));
    }

    public Journey verified() {
        return send(new ParticipantVerified(at));
    }

    public Journey joined() {
        return send(new WaveJoined(wave, province, at));
    }

    public Journey selected() {
        return send(new ParticipantSelected(wave, "1234567812345678", 1_000_000L, at.plus(Duration.ofDays(30))));
    }

    public UUID purchase = UUID.randomUUID();

    public Journey purchased(long price) {
        return send(new TrainingPurchased(purchase, "TRN-1", "SKILL_ACADEMY", price, true, at));
    }

    /** The voucher of the last purchase ended unredeemed; its price is back in the balance. */
    public Journey voucherLapsed(long price, VoucherLapseReason reason) {
        return send(new VoucherLapsed(purchase, "TRN-1", "SKILL_ACADEMY", price, reason, at));
    }

    public Journey forfeited(long amount, ForfeitReason reason) {
        return send(new BalanceForfeited(amount, reason, at));
    }

    public Journey grievanceFiled(UUID grievance, id.go.prakerja.events.registration.GrievanceStep step) {
        return send(new id.go.prakerja.events.registration.GrievanceFiled(grievance, step, 1, at));
    }

    public Journey grievanceAnswered(UUID grievance, id.go.prakerja.events.registration.GrievanceStep step) {
        return send(new id.go.prakerja.events.registration.GrievanceAnswered(grievance, step, at));
    }

    public Journey grievanceEscalated(UUID grievance, id.go.prakerja.events.registration.GrievanceStep step) {
        return send(new id.go.prakerja.events.registration.GrievanceEscalated(grievance, step, at));
    }

    public Journey grievanceResolved(UUID grievance, id.go.prakerja.events.registration.GrievanceStep step,
            id.go.prakerja.events.registration.GrievanceResolution resolution) {
        return send(new id.go.prakerja.events.registration.GrievanceResolved(grievance, step, resolution, at));
    }

    public Journey revoked(RevocationReason reason) {
        return send(new ParticipantRevoked(reason, at));
    }

    public Journey completed() {
        return send(new TrainingCompletionReported(purchase, "TRN-1", "SKILL_ACADEMY", true, at));
    }

    public Journey reconciled() {
        return send(new TrainingCompletionReconciled(purchase, "TRN-1", "SKILL_ACADEMY", "CERT-1", 5, at, true));
    }

    public final UUID link = UUID.randomUUID();

    public Journey accountLinked(PayoutPartner partner) {
        return send(new PayoutAccountLinkRequested(link, partner, SealedForGateway.linkField("accountNumber", participantId,
                "+6281234567890"), SealedForGateway.linkField("nik", participantId, "3174050101900001"),
                SealedForGateway.linkField("fullName", participantId, "Budi Santoso"),
                SealedForGateway.linkField("registeredPhone", participantId, "+6281234567890")));
    }

    public Journey accountVerified() {
        return send(new PayoutAccountVerified(link, at));
    }

    public Journey accountRejected(AccountRejectionReason reason) {
        return send(new PayoutAccountRejected(link, reason, at));
    }

    public Journey disbursementRequested(int tranche, PayoutPartner partner) {
        return send(new DisbursementRequested(DisbursementRequested.instructionId(participantId, IncentiveKind.POST_TRAINING, tranche),
                IncentiveKind.POST_TRAINING, tranche, 600_000L, partner, SealedForGateway.accountToPay(participantId, "+6281234567890")));
    }

    public Journey paid(int tranche) {
        return send(new DisbursementSucceeded(DisbursementRequested.instructionId(participantId, IncentiveKind.POST_TRAINING, tranche),
                "REF-" + tranche, at));
    }

    /** Incentive-service's integrity signal came to involve this participant, with the others it names. */
    public Journey integritySignalRaised(long signalId, List<UUID> involved) {
        return send(new IntegritySignalRaised(signalId, "SHARED_PAYOUT_ACCOUNT", involved, at));
    }

    public Journey integritySignalCleared(long signalId) {
        return send(new IntegritySignalCleared(signalId, "SHARED_PAYOUT_ACCOUNT", at));
    }

    public Journey integritySignalConfirmed(long signalId) {
        return send(new IntegritySignalConfirmed(signalId, "SHARED_PAYOUT_ACCOUNT", at));
    }

    public Journey outcomeUnknown(int tranche, PayoutPartner partner) {
        return send(new DisbursementOutcomeUnknown(DisbursementRequested.instructionId(participantId, IncentiveKind.POST_TRAINING, tranche),
                partner, "TIMEOUT", at));
    }
}
