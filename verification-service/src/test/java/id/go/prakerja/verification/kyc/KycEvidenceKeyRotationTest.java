package id.go.prakerja.verification.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.support.crypto.CryptoProperties;
import id.go.prakerja.support.crypto.FieldKeyRotation;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.verification.SealedApplicantData;
import id.go.prakerja.verification.VerificationServiceTest;

/**
 * The re-encryption job over verification's sealed tables on the real database: the cases' NIK
 * and KK (text) and the KYC images (bytes, keyed by participant and attempt), some still in the
 * format from before key ids. The service holds keys 1 and 2 with 1 current (application-test.yml).
 */
class KycEvidenceKeyRotationTest extends VerificationServiceTest {

    @Autowired
    KycEvidence evidence;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Value("${prakerja.crypto.field-key}")
    String key1;
    @Value("${prakerja.crypto.field-keys.2}")
    String key2;

    private record Stored(UUID participant, int attempt, byte[] photo, byte[] selfie) {
    }

    @Test
    void after_the_key_rotates_and_the_job_runs_every_case_and_kyc_image_opens_under_the_new_key_alone() {
        Applicant applicant = registered();
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID participant = i == 0 ? applicant.id() : UUID.randomUUID();
            for (int attempt = 1; attempt <= 2; attempt++) {
                byte[] photo = ("ktp " + participant + " " + attempt).getBytes(StandardCharsets.UTF_8);
                byte[] selfie = ("selfie " + participant + " " + attempt).getBytes(StandardCharsets.UTF_8);
                evidence.store(participant, attempt, photo, "image/png", selfie, "image/png", Instant.now());
                stored.add(new Stored(participant, attempt, photo, selfie));
            }
        }
        // images stored before key ids: bare iv || ciphertext+tag under key 1
        Stored old = stored.getLast();
        jdbc.update("update kyc_evidence set ktp_photo = ?, selfie = ? where participant_id = ? and attempt = ?",
                legacySeal(old.photo()), legacySeal(old.selfie()), old.participant(), old.attempt());

        PersonalDataCrypto during = crypto(Map.of(1, key1, 2, key2));
        PersonalDataCrypto after = crypto(Map.of(2, key2));
        var tables = List.of(SealedApplicantData.VERIFICATION_CASE, SealedApplicantData.KYC_EVIDENCE);

        var stopped = new FieldKeyRotation(tables, during, jdbc, transactions, 2).run(1);
        assertThat(stopped.finished()).isFalse();
        var resumed = new FieldKeyRotation(tables, during, jdbc, transactions, 2).run(100_000);
        assertThat(resumed.finished()).isTrue();
        assertThat(resumed.tables()).allSatisfy(t -> assertThat(t.unreadable()).isZero());
        assertThat(new FieldKeyRotation(tables, during, jdbc, transactions, 2).remaining())
                .containsEntry("verification_case", 0L).containsEntry("kyc_evidence", 0L);

        jdbc.query("select participant_id, attempt, ktp_photo, selfie from kyc_evidence", rs -> {
            UUID participant = rs.getObject(1, UUID.class);
            int attempt = rs.getInt(2);
            after.decryptBytesAtRest(rs.getBytes(3), SealedApplicantData.ktpPhoto(participant, attempt));
            byte[] selfie = rs.getBytes(4);
            after.decryptBytesAtRest(selfie, SealedApplicantData.selfie(participant, attempt));
            assertThatThrownBy(() -> after.decryptBytesAtRest(selfie, SealedApplicantData.selfie(participant, attempt + 1)))
                    .as("an image copied to another attempt does not open").isInstanceOf(IllegalArgumentException.class);
        });
        for (Stored s : stored) {
            var images = jdbc.queryForMap("select ktp_photo, selfie from kyc_evidence where participant_id = ? and attempt = ?",
                    s.participant(), s.attempt());
            assertThat(after.decryptBytesAtRest((byte[]) images.get("ktp_photo"),
                    SealedApplicantData.ktpPhoto(s.participant(), s.attempt()))).isEqualTo(s.photo());
            assertThat(after.decryptBytesAtRest((byte[]) images.get("selfie"),
                    SealedApplicantData.selfie(s.participant(), s.attempt()))).isEqualTo(s.selfie());
        }
        jdbc.query("select participant_id, nik_sealed, kk_sealed from verification_case", rs -> {
            UUID participant = rs.getObject(1, UUID.class);
            assertThat(after.decryptAtRest(rs.getString(2), SealedApplicantData.nik(participant))).hasSize(16);
            assertThat(after.decryptAtRest(rs.getString(3), SealedApplicantData.kk(participant))).hasSize(16);
        });
        assertThat(after.decryptAtRest(jdbc.queryForObject("select nik_sealed from verification_case where participant_id = ?",
                String.class, applicant.id()), SealedApplicantData.nik(applicant.id()))).isEqualTo(applicant.resident().nik());

        // back to key 1 through the service's own endpoint, for the tests that follow
        var operator = operator();
        assertThat(operator.post("/admin/crypto/field-keys/reseal/restart", null).status()).isEqualTo(200);
        var back = operator.post("/admin/crypto/field-keys/reseal?batches=10000", null);
        assertThat(back.json().get("finished").asBoolean()).isTrue();
        var remaining = operator.get("/admin/crypto/field-keys/remaining").json();
        assertThat(remaining.get("kyc_evidence").asLong()).isZero();
        assertThat(remaining.get("verification_case").asLong()).isZero();
        assertThat(evidence.latest(old.participant()).orElseThrow().selfie()).isEqualTo(old.selfie());
    }

    private PersonalDataCrypto crypto(Map<Integer, String> fieldKeys) {
        return new PersonalDataCrypto(new CryptoProperties(null, fieldKeys, 2, null, null, Map.of(), null, true));
    }

    /** The byte format from before key ids: iv || AES-GCM with the purpose as associated data. */
    private byte[] legacySeal(byte[] plain) {
        try {
            byte[] iv = new byte[12];
            new SecureRandom().nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(key1), "AES"),
                    new GCMParameterSpec(128, iv));
            cipher.updateAAD("at-rest".getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
