package id.go.prakerja.events.registration;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A participant created an account and a profile.
 *
 * @param nik        field-encrypted NIK; opaque here, only the consumers holding the key can read it
 * @param kkNumber   field-encrypted family card (KK) number
 * @param nikHash    blind index of the NIK, for lookups and duplicate checks without decrypting
 * @param province   2-digit BPS province code
 * @param regency    4-digit BPS regency code (starts with the province code)
 */
public record ParticipantRegistered(
        String nik,
        String kkNumber,
        String nikHash,
        String province,
        String regency,
        String birthPlace,
        LocalDate birthDate,
        Sex sex,
        String email,
        String phone,
        String fullName,
        Education education,
        JobStatus jobStatus,
        Instant registeredAt) implements DomainEvent {

    public ParticipantRegistered {
        Require.notBlank(nik, "nik");
        Require.notBlank(kkNumber, "kkNumber");
        Require.notBlank(nikHash, "nikHash");
        Require.digits(province, 2, "province");
        Require.digits(regency, 4, "regency");
        Require.that(regency.startsWith(province), "regency " + regency + " is not in province " + province);
        Require.notBlank(birthPlace, "birthPlace");
        Require.notNull(birthDate, "birthDate");
        Require.notNull(sex, "sex");
        Require.notBlank(email, "email");
        Require.notBlank(phone, "phone");
        Require.notBlank(fullName, "fullName");
        Require.notNull(education, "education");
        Require.notNull(jobStatus, "jobStatus");
        Require.notNull(registeredAt, "registeredAt");
    }

    /** Personal data stays out of logs. */
    @Override
    public String toString() {
        return "ParticipantRegistered[nikHash=" + nikHash + ", province=" + province + ", regency=" + regency
                + ", education=" + education + ", jobStatus=" + jobStatus + ", registeredAt=" + registeredAt + "]";
    }
}
