package id.go.prakerja.registration.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
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

import id.go.prakerja.registration.RegistrationServiceTest;
import id.go.prakerja.registration.TestApplicants;
import id.go.prakerja.support.crypto.CryptoProperties;
import id.go.prakerja.support.crypto.FieldKeyRotation;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.testsupport.HttpApi;

/**
 * A field-key rotation on the real database, as an operator runs it: the service holds keys 1
 * and 2 with 1 current (application-test.yml); key 2 becomes current, the re-encryption job walks
 * the participant table (stopped part-way and resumed), and afterwards every participant opens
 * with key 2 alone, bound to its own row, and is still found by NIK through the blind index.
 */
class FieldKeyRotationTest extends RegistrationServiceTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    PersonalDataCrypto serviceCrypto;
    @Autowired
    TokenIssuer tokens;
    @Autowired
    ParticipantRepository participants;
    @Value("${prakerja.crypto.field-key}")
    String key1;
    @Value("${prakerja.crypto.field-keys.2}")
    String key2;
    @Value("${prakerja.crypto.blind-index-key}")
    String blindIndexKey;

    @Test
    void after_the_key_rotates_and_the_job_runs_every_participant_opens_under_the_new_key_alone_and_is_found_by_nik() {
        HttpApi operator = api().withToken(tokens.issue("ops", Roles.OPERATOR).accessToken());
        List<Map<String, Object>> applicants = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Map<String, Object> applicant = applicant();
            assertThat(api().post("/api/v1/participants", applicant).status()).isEqualTo(201);
            applicants.add(applicant);
        }
        // one participant as databases from before key ids hold them
        Map<String, Object> old = applicants.getFirst();
        UUID oldId = idOf(old);
        jdbc.update("update participant set nik_sealed = ?, kk_sealed = ? where id = ?", legacySeal((String) old.get("nik")),
                legacySeal((String) old.get("kkNumber")), oldId);

        PersonalDataCrypto during = crypto(Map.of(1, key1, 2, key2), 2);
        PersonalDataCrypto after = crypto(Map.of(2, key2), 2);
        FieldKeyRotation job = new FieldKeyRotation(List.of(SealedParticipantData.PARTICIPANT), during, jdbc, transactions, 5);

        // stopped after two batches ...
        var stopped = job.run(2);
        assertThat(stopped.finished()).isFalse();
        assertThat(stopped.tables().getFirst().walked()).isEqualTo(10);
        assertThat(job.remaining().get("participant")).isPositive();
        // ... while the old key is still accepted: the service, holding both keys, answers as before
        assertThat(foundByNik(operator, old)).isEqualTo(maskedNik(old));

        // a profile change that loaded its participant before the job re-sealed the row ...
        UUID notYetResealed = jdbc.queryForObject("select id from participant where nik_sealed not like 'v2:2:%' limit 1",
                UUID.class);
        Participant loadedBefore = participants.findById(notYetResealed).orElseThrow();

        // ... and resumed by a new run (as after a restart) from where it stopped
        var resumed = new FieldKeyRotation(List.of(SealedParticipantData.PARTICIPANT), during, jdbc, transactions, 5)
                .run(100_000);
        assertThat(resumed.finished()).isTrue();
        assertThat(resumed.tables().getFirst().walked()).isGreaterThanOrEqualTo(rows());
        assertThat(resumed.tables().getFirst().unreadable()).isZero();
        assertThat(job.remaining()).containsEntry("participant", 0L);
        assertThat(job.run(10).tables().getFirst().walked()).as("a finished walk does nothing more")
                .isEqualTo(resumed.tables().getFirst().walked());

        // ... is saved after it: the identity columns it still holds under key 1 are not written back
        loadedBefore.update(null, null, "Jl. Lambung Mangkurat 2", null, null);
        participants.save(loadedBefore);
        assertThat(jdbc.queryForObject("select nik_sealed from participant where id = ?", String.class, loadedBefore.id()))
                .startsWith("v2:2:");

        // every row opens with key 2 alone, each value only in its own row and column
        jdbc.query("select id, nik_sealed, kk_sealed from participant", rs -> {
            UUID id = rs.getObject(1, UUID.class);
            String nik = rs.getString(2);
            assertThat(nik).startsWith("v2:2:");
            assertThat(after.decryptAtRest(nik, SealedParticipantData.nik(id))).hasSize(16);
            assertThat(after.decryptAtRest(rs.getString(3), SealedParticipantData.kk(id))).hasSize(16);
            assertThatThrownBy(() -> after.decryptAtRest(nik, SealedParticipantData.kk(id)))
                    .isInstanceOf(IllegalArgumentException.class);
        });
        for (Map<String, Object> applicant : applicants) {
            UUID id = idOf(applicant);
            String nik = jdbc.queryForObject("select nik_sealed from participant where id = ?", String.class, id);
            assertThat(after.decryptAtRest(nik, SealedParticipantData.nik(id))).isEqualTo(applicant.get("nik"));
            assertThatThrownBy(() -> after.decryptAtRest(nik, SealedParticipantData.nik(UUID.randomUUID())))
                    .as("a NIK copied to another row does not open").isInstanceOf(IllegalArgumentException.class);
        }

        // the blind index has its own key: the participant is found by NIK as before the rotation
        assertThat(jdbc.queryForList("select id from participant where nik_hash = ?", UUID.class,
                after.blindIndex((String) old.get("nik")))).containsExactly(oldId);
        assertThat(foundByNik(operator, old)).isEqualTo(maskedNik(old));

        // back to key 1, through the service's own operator endpoint, for the tests that follow
        assertThat(operator.post("/admin/crypto/field-keys/reseal/restart", null).status()).isEqualTo(200);
        var back = operator.post("/admin/crypto/field-keys/reseal?batches=10000", null);
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.json().get("finished").asBoolean()).isTrue();
        assertThat(back.json().get("currentKeyId").asInt()).isEqualTo(1);
        assertThat(operator.get("/admin/crypto/field-keys/remaining").json().get("participant").asLong()).isZero();
        assertThat(api().withToken(tokens.issue(oldId.toString(), Roles.PARTICIPANT).accessToken())
                .get("/api/v1/participants/me").json().get("nik").asString()).isEqualTo(maskedNik(old));
    }

    private PersonalDataCrypto crypto(Map<Integer, String> fieldKeys, int current) {
        return new PersonalDataCrypto(new CryptoProperties(null, fieldKeys, current, blindIndexKey, null, Map.of(), null, true));
    }

    private String foundByNik(HttpApi operator, Map<String, Object> applicant) {
        var found = operator.get("/admin/participants?nik=" + applicant.get("nik")).json();
        assertThat(found.size()).isEqualTo(1);
        return found.get(0).get("nik").asString();
    }

    private static String maskedNik(Map<String, Object> applicant) {
        return PersonalDataCrypto.mask((String) applicant.get("nik"));
    }

    private long rows() {
        return jdbc.queryForObject("select count(*) from participant", Long.class);
    }

    private UUID idOf(Map<String, Object> applicant) {
        return jdbc.queryForObject("select id from participant where nik_hash = ?", UUID.class,
                serviceCrypto.blindIndex((String) applicant.get("nik")));
    }

    /** The format from before key ids: {@code v1:} base64(iv || AES-GCM with the purpose as associated data). */
    private String legacySeal(String plain) {
        try {
            byte[] iv = new byte[12];
            new SecureRandom().nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(key1), "AES"),
                    new GCMParameterSpec(128, iv));
            cipher.updateAAD("at-rest".getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger SERIAL =
            new java.util.concurrent.atomic.AtomicInteger((int) (System.nanoTime() % 9000));

    /** Applicants of their own regency (Banjarmasin, born 15 May 1985), so no other test's NIK is reused. */
    private static Map<String, Object> applicant() {
        int n = 1 + SERIAL.incrementAndGet() % 9998;
        return TestApplicants.body("637101150585" + "%04d".formatted(n), "6371" + "%012d".formatted(n), "Rina Kunci",
                "Banjarmasin", "1985-05-15", "rotation" + n + "@example.id", "0813" + "%08d".formatted(70_000_000 + n),
                "Jl. Lambung Mangkurat 1");
    }
}
