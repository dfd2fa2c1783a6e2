package id.go.prakerja.verification.kyc;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.verification.SealedApplicantData;

/**
 * The KTP photo and selfie of each KYC attempt, sealed with the service's at-rest key. They stay
 * for the operator who reviews a case; images are read back only for the face match and for that
 * operator.
 */
@Repository
public class KycEvidence {

    public enum Image {
        KTP_PHOTO, SELFIE
    }

    public record Evidence(int attempt, byte[] ktpPhoto, String ktpType, byte[] selfie, String selfieType,
            Instant uploadedAt) {
    }

    private final JdbcTemplate jdbc;
    private final PersonalDataCrypto crypto;

    public KycEvidence(JdbcTemplate jdbc, PersonalDataCrypto crypto) {
        this.jdbc = jdbc;
        this.crypto = crypto;
    }

    void store(UUID participantId, int attempt, byte[] ktpPhoto, String ktpType, byte[] selfie, String selfieType,
            Instant uploadedAt) {
        jdbc.update("""
                insert into kyc_evidence (participant_id, attempt, ktp_photo, ktp_type, selfie, selfie_type, uploaded_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (participant_id, attempt) do update set ktp_photo = excluded.ktp_photo,
                    ktp_type = excluded.ktp_type, selfie = excluded.selfie, selfie_type = excluded.selfie_type,
                    uploaded_at = excluded.uploaded_at""",
                participantId, attempt, crypto.encryptBytesAtRest(ktpPhoto, SealedApplicantData.ktpPhoto(participantId, attempt)),
                ktpType, crypto.encryptBytesAtRest(selfie, SealedApplicantData.selfie(participantId, attempt)),
                selfieType, Timestamp.from(uploadedAt));
    }

    /** The newest attempt's images, opened. */
    public Optional<Evidence> latest(UUID participantId) {
        List<Evidence> found = jdbc.query("""
                select attempt, ktp_photo, ktp_type, selfie, selfie_type, uploaded_at from kyc_evidence
                where participant_id = ? order by attempt desc limit 1""",
                (rs, i) -> new Evidence(rs.getInt(1),
                        crypto.decryptBytesAtRest(rs.getBytes(2), SealedApplicantData.ktpPhoto(participantId, rs.getInt(1))),
                        rs.getString(3),
                        crypto.decryptBytesAtRest(rs.getBytes(4), SealedApplicantData.selfie(participantId, rs.getInt(1))),
                        rs.getString(5), rs.getTimestamp(6).toInstant()),
                participantId);
        return found.stream().findFirst();
    }
}
