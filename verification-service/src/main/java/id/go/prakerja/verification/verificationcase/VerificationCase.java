package id.go.prakerja.verification.verificationcase;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.verification.ParticipantRejected;
import id.go.prakerja.events.verification.ParticipantVerified;
import id.go.prakerja.events.verification.VerificationLayer;
import id.go.prakerja.events.verification.VerificationLayerFailed;
import id.go.prakerja.events.verification.VerificationLayerPassed;
import id.go.prakerja.events.verification.VerificationReviewQueued;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/**
 * A participant's path through the four layers, strictly in order: email, NIK at Dukcapil,
 * phone OTP, KTP + selfie. The rules of that path live here, free of Spring, and every transition
 * returns the events it causes:
 * <ul>
 * <li>the current layer is the first one not passed; passing it starts the next, and passing the
 * last verifies the participant;</li>
 * <li>a failed attempt may be retried while the layer has attempts left; the last allowed failure,
 * or an attempt the automation cannot decide, puts the case in the operator's review queue;</li>
 * <li>an operator approves (the layer passes) or rejects (the participant is rejected) a case in
 * review, and may reject a case in progress;</li>
 * <li>NIK and KYC are checked by outside parties: {@code checkDueAt} says when the next check is due;
 * a partner that is unavailable fails nobody, the check waits and runs again.</li>
 * </ul>
 */
@Entity
public class VerificationCase {

    public enum Status {
        IN_PROGRESS, VERIFIED, REJECTED, IN_REVIEW
    }

    /** Whose move it is. */
    public enum WaitingFor {
        PARTICIPANT, PARTNER, OPERATOR, NOBODY
    }

    @Id
    private UUID participantId;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Enumerated(EnumType.STRING)
    private VerificationLayer currentLayer;
    @Embedded
    @AttributeOverrides({@AttributeOverride(name = "status", column = @Column(name = "email_status")),
            @AttributeOverride(name = "attempts", column = @Column(name = "email_attempts")),
            @AttributeOverride(name = "reason", column = @Column(name = "email_reason"))})
    private LayerProgress email;
    @Embedded
    @AttributeOverrides({@AttributeOverride(name = "status", column = @Column(name = "nik_status")),
            @AttributeOverride(name = "attempts", column = @Column(name = "nik_attempts")),
            @AttributeOverride(name = "reason", column = @Column(name = "nik_reason"))})
    private LayerProgress nik;
    @Embedded
    @AttributeOverrides({@AttributeOverride(name = "status", column = @Column(name = "phone_status")),
            @AttributeOverride(name = "attempts", column = @Column(name = "phone_attempts")),
            @AttributeOverride(name = "reason", column = @Column(name = "phone_reason"))})
    private LayerProgress phone;
    @Embedded
    @AttributeOverrides({@AttributeOverride(name = "status", column = @Column(name = "kyc_status")),
            @AttributeOverride(name = "attempts", column = @Column(name = "kyc_attempts")),
            @AttributeOverride(name = "reason", column = @Column(name = "kyc_reason"))})
    private LayerProgress kyc;
    @Enumerated(EnumType.STRING)
    private VerificationLayer reviewLayer;
    private String reviewReason;
    private Instant reviewSince;
    private Instant checkDueAt;
    private int checkWaits;
    private Instant decidedAt;
    private String decidedBy;
    // written once when the case opens; not updatable, so a case change that loaded the row before
    // the re-encryption job re-sealed it cannot write the older value back
    @Column(updatable = false)
    private String nikSealed;
    private String nikHash;
    @Column(updatable = false)
    private String kkSealed;
    private String fullName;
    private String birthPlace;
    private LocalDate birthDate;
    @Column(name = "email")
    private String emailAddress;
    @Column(name = "phone")
    private String phoneNumber;
    private String provinceCode;
    private Instant openedAt;
    private UUID openedByEvent;
    @Version
    private long version;

    protected VerificationCase() {
    }

    public static VerificationCase open(UUID participantId, Applicant applicant, Instant openedAt, UUID openedByEvent) {
        VerificationCase c = new VerificationCase();
        c.participantId = participantId;
        c.status = Status.IN_PROGRESS;
        c.email = LayerProgress.notStarted();
        c.nik = LayerProgress.notStarted();
        c.phone = LayerProgress.notStarted();
        c.kyc = LayerProgress.notStarted();
        c.currentLayer = VerificationLayer.EMAIL;
        c.email.start();
        c.nikSealed = applicant.nikSealed();
        c.nikHash = applicant.nikHash();
        c.kkSealed = applicant.kkSealed();
        c.fullName = applicant.fullName();
        c.birthPlace = applicant.birthPlace();
        c.birthDate = applicant.birthDate();
        c.emailAddress = applicant.email();
        c.phoneNumber = applicant.phone();
        c.provinceCode = applicant.provinceCode();
        c.openedAt = openedAt;
        c.openedByEvent = openedByEvent;
        return c;
    }

    /** What Dukcapil and the SMS and face-match providers will need, sealed where personal. */
    public record Applicant(String nikSealed, String nikHash, String kkSealed, String fullName, String birthPlace,
            LocalDate birthDate, String email, String phone, String provinceCode) {
    }

    // ---- transitions ------------------------------------------------------------------------

    /** The current layer passed (by the automation, or by an operator's approval). */
    public List<DomainEvent> pass(VerificationLayer layer, Instant now) {
        requireCurrent(layer);
        List<DomainEvent> events = new ArrayList<>();
        events.add(new VerificationLayerPassed(layer, progress(layer).pass(), now));
        advance(now, events);
        return events;
    }

    /**
     * An attempt at the current layer failed. While attempts are left the participant may try
     * again; the last allowed failure sends the case to review.
     */
    public List<DomainEvent> fail(VerificationLayer layer, String reasonCode, int maxAttempts, Instant now) {
        requireCurrent(layer);
        int attempt = progress(layer).fail(reasonCode);
        boolean retryable = attempt < maxAttempts;
        clearCheck();
        List<DomainEvent> events = new ArrayList<>();
        events.add(new VerificationLayerFailed(layer, reasonCode, retryable, attempt, now));
        if (!retryable) {
            events.add(review(layer, reasonCode, now));
        }
        return events;
    }

    /**
     * The automation cannot decide the current layer (or the last attempt failed): an operator will.
     * The case enters the review queue once per call, so the event is announced exactly once.
     */
    public VerificationReviewQueued review(VerificationLayer layer, String reasonCode, Instant now) {
        requireCurrent(layer);
        if (status == Status.IN_REVIEW) {
            throw new IllegalStateException("case of " + participantId + " is already in review");
        }
        progress(layer).review(reasonCode);
        status = Status.IN_REVIEW;
        reviewLayer = layer;
        reviewReason = reasonCode;
        reviewSince = now;
        clearCheck();
        return new VerificationReviewQueued(layer, reasonCode, now);
    }

    /** The participant tries a failed layer again; a Dukcapil check is due at once. */
    public void retry(VerificationLayer layer, Instant now) {
        requireCurrent(layer);
        if (progress(layer).status() != LayerStatus.FAILED) {
            throw new IllegalStateException(layer + " of " + participantId + " has not failed");
        }
        progress(layer).retry();
        if (layer == VerificationLayer.NIK) {
            checkDueAt = now;
        }
    }

    /** KTP photo and selfie arrived for the current KYC layer; the face match is due at once. */
    public void evidenceSubmitted(Instant now) {
        requireCurrent(VerificationLayer.KYC);
        if (kyc.status() == LayerStatus.FAILED) {
            kyc.retry();
        }
        checkDueAt = now;
        checkWaits = 0;
    }

    /** The outside party could not answer: nobody fails, the check is due again after a wait that grows. */
    public void partnerUnavailable(String reasonCode, Duration wait, Instant now) {
        if (status != Status.IN_PROGRESS || currentLayer == null) {
            return;
        }
        progress(currentLayer).note(reasonCode);
        checkWaits++;
        checkDueAt = now.plus(wait);
    }

    public List<DomainEvent> approve(String operator, Instant now) {
        if (status != Status.IN_REVIEW) {
            throw new IllegalStateException("case of " + participantId + " is not in review");
        }
        VerificationLayer layer = reviewLayer;
        leaveReview();
        decidedBy = operator;
        return pass(layer, now);
    }

    public List<DomainEvent> reject(String reasonCode, String operator, Instant now) {
        if (status != Status.IN_REVIEW && status != Status.IN_PROGRESS) {
            throw new IllegalStateException("case of " + participantId + " is already " + status);
        }
        VerificationLayer layer = currentLayer;
        progress(layer).rejected(reasonCode);
        leaveReview();
        clearCheck();
        status = Status.REJECTED;
        decidedAt = now;
        decidedBy = operator;
        return List.of(new ParticipantRejected(layer, reasonCode, now));
    }

    /**
     * The participant changed their e-mail address or phone number. While the case is open, the
     * layer that confirmed the old one starts again (and becomes current if it comes first); a
     * closed case only keeps the new contact.
     *
     * @return whether the layer was reopened
     */
    public boolean contactChanged(VerificationLayer layer, String newValue, Instant now) {
        if (layer == VerificationLayer.EMAIL) {
            emailAddress = newValue;
        } else if (layer == VerificationLayer.PHONE) {
            phoneNumber = newValue;
        } else {
            throw new IllegalArgumentException(layer + " has no contact");
        }
        if ((status != Status.IN_PROGRESS && status != Status.IN_REVIEW) || progress(layer).status() == LayerStatus.NOT_STARTED) {
            return false;
        }
        progress(layer).reopen("CONTACT_CHANGED");
        if (status == Status.IN_REVIEW && reviewLayer == layer) {
            leaveReview();
            status = Status.IN_PROGRESS;
        }
        if (status == Status.IN_PROGRESS) {
            currentLayer = firstNotPassed();
            if (currentLayer != VerificationLayer.NIK && currentLayer != VerificationLayer.KYC) {
                clearCheck();
            }
        }
        return true;
    }

    private void advance(Instant now, List<DomainEvent> events) {
        clearCheck();
        VerificationLayer next = firstNotPassed();
        if (next == null) {
            status = Status.VERIFIED;
            currentLayer = null;
            decidedAt = now;
            events.add(new ParticipantVerified(now));
            return;
        }
        status = Status.IN_PROGRESS;
        currentLayer = next;
        progress(next).start();
        if (next == VerificationLayer.NIK && nik.status() == LayerStatus.PENDING) {
            checkDueAt = now;
        }
    }

    private VerificationLayer firstNotPassed() {
        for (VerificationLayer layer : VerificationLayer.values()) {
            if (progress(layer).status() != LayerStatus.PASSED) {
                return layer;
            }
        }
        return null;
    }

    private void requireCurrent(VerificationLayer layer) {
        if (status == Status.VERIFIED || status == Status.REJECTED || layer != currentLayer) {
            throw new IllegalStateException(layer + " is not the current layer of " + participantId + " (" + status
                    + ", current " + currentLayer + ")");
        }
    }

    private void leaveReview() {
        reviewLayer = null;
        reviewReason = null;
        reviewSince = null;
        if (status == Status.IN_REVIEW) {
            status = Status.IN_PROGRESS;
        }
    }

    /** Nothing for an outside party to check (any more). */
    public void clearCheck() {
        checkDueAt = null;
        checkWaits = 0;
    }

    // ---- reading ----------------------------------------------------------------------------

    public LayerProgress progress(VerificationLayer layer) {
        return switch (layer) {
            case EMAIL -> email;
            case NIK -> nik;
            case PHONE -> phone;
            case KYC -> kyc;
        };
    }

    /** Whether the participant may act on this layer now (ask for a code, enter it, upload, retry). */
    public boolean awaitsParticipant(VerificationLayer layer) {
        return status == Status.IN_PROGRESS && currentLayer == layer && waitingFor() == WaitingFor.PARTICIPANT;
    }

    public WaitingFor waitingFor() {
        return switch (status) {
            case VERIFIED, REJECTED -> WaitingFor.NOBODY;
            case IN_REVIEW -> WaitingFor.OPERATOR;
            case IN_PROGRESS -> checkDueAt != null ? WaitingFor.PARTNER : WaitingFor.PARTICIPANT;
        };
    }

    public Map<VerificationLayer, LayerProgress> layers() {
        Map<VerificationLayer, LayerProgress> layers = new LinkedHashMap<>();
        for (VerificationLayer layer : VerificationLayer.values()) {
            layers.put(layer, progress(layer));
        }
        return layers;
    }

    public UUID participantId() { return participantId; }
    public Status status() { return status; }
    public VerificationLayer currentLayer() { return currentLayer; }
    public VerificationLayer reviewLayer() { return reviewLayer; }
    public String reviewReason() { return reviewReason; }
    public Instant reviewSince() { return reviewSince; }
    public Instant checkDueAt() { return checkDueAt; }
    public int checkWaits() { return checkWaits; }
    public Instant decidedAt() { return decidedAt; }
    public String decidedBy() { return decidedBy; }
    public String nikSealed() { return nikSealed; }
    public String kkSealed() { return kkSealed; }
    public String fullName() { return fullName; }
    public String birthPlace() { return birthPlace; }
    public LocalDate birthDate() { return birthDate; }
    public String email() { return emailAddress; }
    public String phone() { return phoneNumber; }
    public String provinceCode() { return provinceCode; }
    public Instant openedAt() { return openedAt; }
    public UUID openedByEvent() { return openedByEvent; }
}
