package id.go.prakerja.registration.participant;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import id.go.prakerja.events.registration.Education;
import id.go.prakerja.events.registration.JobStatus;
import id.go.prakerja.events.registration.Sex;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** A registered applicant. NIK and KK are stored sealed, found by their blind index. */
@Entity
public class Participant {

    public enum Status {
        REGISTERED, VERIFIED, REJECTED, SELECTED, REVOKED
    }

    @Id
    private UUID id;
    // identity fields never change after registration; not updatable, so a profile update that
    // loaded the row before the re-encryption job re-sealed it cannot write the older value back
    @Column(name = "nik_sealed", updatable = false)
    private String nikSealed;
    private String nikHash;
    @Column(name = "kk_sealed", updatable = false)
    private String kkSealed;
    private String kkHash;
    private String fullName;
    private String birthPlace;
    private LocalDate birthDate;
    @Enumerated(EnumType.STRING)
    private Sex sex;
    private String email;
    private String phone;
    private String address;
    private String provinceCode;
    private String regencyCode;
    @Enumerated(EnumType.STRING)
    private Education education;
    @Enumerated(EnumType.STRING)
    private JobStatus jobStatus;
    private boolean inFormalEducation;
    @Enumerated(EnumType.STRING)
    private PublicOffice publicOffice;
    @Enumerated(EnumType.STRING)
    private Status status;
    private Instant statusChangedAt;
    private Instant registeredAt;
    @Version
    private long version;

    protected Participant() {
    }

    Participant(UUID id, String nikSealed, String nikHash, String kkSealed, String kkHash, String fullName,
            String birthPlace, LocalDate birthDate, Sex sex, String email, String phone, String address,
            String provinceCode, String regencyCode, Education education, JobStatus jobStatus, Declarations declarations,
            Instant registeredAt) {
        this.id = id;
        this.nikSealed = nikSealed;
        this.nikHash = nikHash;
        this.kkSealed = kkSealed;
        this.kkHash = kkHash;
        this.fullName = fullName;
        this.birthPlace = birthPlace;
        this.birthDate = birthDate;
        this.sex = sex;
        this.email = email;
        this.phone = phone;
        this.address = address;
        this.provinceCode = provinceCode;
        this.regencyCode = regencyCode;
        this.education = education;
        this.jobStatus = jobStatus;
        this.inFormalEducation = declarations.inFormalEducation();
        this.publicOffice = declarations.publicOffice();
        this.status = Status.REGISTERED;
        this.statusChangedAt = registeredAt;
        this.registeredAt = registeredAt;
    }

    /** Verification passed all four layers; the participant may join a wave. */
    public void verified(Instant at) {
        if (status == Status.REGISTERED || status == Status.REJECTED) {
            status = Status.VERIFIED;
            statusChangedAt = at;
        }
    }

    public void rejected(Instant at) {
        if (status == Status.REGISTERED) {
            status = Status.REJECTED;
            statusChangedAt = at;
        }
    }

    /**
     * Applies the fields a participant may change themselves (identity fields are Dukcapil's
     * and stay as registered); returns the ones that really changed, by their event names.
     */
    public java.util.Map<String, String> update(String newEmail, String newPhone, String newAddress, Education newEducation,
            JobStatus newJobStatus) {
        java.util.Map<String, String> changed = new java.util.TreeMap<>();
        if (newEmail != null && !newEmail.equals(email)) {
            email = newEmail;
            changed.put("email", newEmail);
        }
        if (newPhone != null && !newPhone.equals(phone)) {
            phone = newPhone;
            changed.put("phone", newPhone);
        }
        if (newAddress != null && !newAddress.equals(address)) {
            address = newAddress;
            changed.put("address", newAddress);
        }
        if (newEducation != null && newEducation != education) {
            education = newEducation;
            changed.put("education", newEducation.name());
        }
        if (newJobStatus != null && newJobStatus != jobStatus) {
            jobStatus = newJobStatus;
            changed.put("jobStatus", newJobStatus.name());
        }
        return changed;
    }

    /** Participation ends; returns false when it had already ended. */
    public boolean revoke(Instant at) {
        if (status == Status.REVOKED) {
            return false;
        }
        status = Status.REVOKED;
        statusChangedAt = at;
        return true;
    }

    public UUID id() { return id; }
    public String nikSealed() { return nikSealed; }
    public String nikHash() { return nikHash; }
    public String kkSealed() { return kkSealed; }
    public String fullName() { return fullName; }
    public String birthPlace() { return birthPlace; }
    public LocalDate birthDate() { return birthDate; }
    public Sex sex() { return sex; }
    public String email() { return email; }
    public String phone() { return phone; }
    public String address() { return address; }
    public String provinceCode() { return provinceCode; }
    public String regencyCode() { return regencyCode; }
    public Education education() { return education; }
    public JobStatus jobStatus() { return jobStatus; }
    public Status status() { return status; }
    public Instant registeredAt() { return registeredAt; }
}
