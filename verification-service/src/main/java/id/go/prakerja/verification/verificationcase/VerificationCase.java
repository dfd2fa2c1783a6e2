package id.go.prakerja.verification.verificationcase;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import id.go.prakerja.events.verification.VerificationLayer;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/**
 * A participant's path through the four layers, in order: email, NIK at Dukcapil,
 * phone OTP, KTP + selfie. Opened when the participant registers; the email layer is
 * pending from the start.
 */
@Entity
public class VerificationCase {

    public enum Status {
        IN_PROGRESS, VERIFIED, REJECTED, IN_REVIEW
    }

    @Id
    private UUID participantId;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Enumerated(EnumType.STRING)
    private VerificationLayer currentLayer;
    @Enumerated(EnumType.STRING)
    private LayerStatus emailStatus;
    @Enumerated(EnumType.STRING)
    private LayerStatus nikStatus;
    @Enumerated(EnumType.STRING)
    private LayerStatus phoneStatus;
    @Enumerated(EnumType.STRING)
    private LayerStatus kycStatus;
    private String nikSealed;
    private String nikHash;
    private String kkSealed;
    private String fullName;
    private String birthPlace;
    private LocalDate birthDate;
    private String email;
    private String phone;
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
        c.currentLayer = VerificationLayer.EMAIL;
        c.emailStatus = LayerStatus.PENDING;
        c.nikStatus = LayerStatus.NOT_STARTED;
        c.phoneStatus = LayerStatus.NOT_STARTED;
        c.kycStatus = LayerStatus.NOT_STARTED;
        c.nikSealed = applicant.nikSealed();
        c.nikHash = applicant.nikHash();
        c.kkSealed = applicant.kkSealed();
        c.fullName = applicant.fullName();
        c.birthPlace = applicant.birthPlace();
        c.birthDate = applicant.birthDate();
        c.email = applicant.email();
        c.phone = applicant.phone();
        c.provinceCode = applicant.provinceCode();
        c.openedAt = openedAt;
        c.openedByEvent = openedByEvent;
        return c;
    }

    /** What Dukcapil and the SMS and face-match providers will need, sealed where personal. */
    public record Applicant(String nikSealed, String nikHash, String kkSealed, String fullName, String birthPlace,
            LocalDate birthDate, String email, String phone, String provinceCode) {
    }

    public Map<VerificationLayer, LayerStatus> layers() {
        Map<VerificationLayer, LayerStatus> layers = new LinkedHashMap<>();
        layers.put(VerificationLayer.EMAIL, emailStatus);
        layers.put(VerificationLayer.NIK, nikStatus);
        layers.put(VerificationLayer.PHONE, phoneStatus);
        layers.put(VerificationLayer.KYC, kycStatus);
        return layers;
    }

    public UUID participantId() { return participantId; }
    public Status status() { return status; }
    public VerificationLayer currentLayer() { return currentLayer; }
    public String nikSealed() { return nikSealed; }
    public String fullName() { return fullName; }
    public String provinceCode() { return provinceCode; }
    public Instant openedAt() { return openedAt; }
}
