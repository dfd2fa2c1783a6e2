package id.go.prakerja.payment.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import id.go.prakerja.support.crypto.CryptoProperties;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.testsupport.TestInfrastructure;

/**
 * V6 to V8 on a database of its own holding link requests written before them: each is sealed
 * where the gateway opens it, with nothing of it left in clear.
 */
class AccountLinkSealingTest {

    private static final String NIK = "3174051505900123";
    private final PersonalDataCrypto crypto = new PersonalDataCrypto(new CryptoProperties(key(), null, null));

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void link_requests_written_in_clear_are_sealed_where_the_gateway_opens_them_and_the_clear_columns_go() {
        DriverManagerDataSource db = new DriverManagerDataSource(
                TestInfrastructure.get().jdbcUrl("payment_link_sealing_" + Long.toHexString(System.nanoTime())),
                TestInfrastructure.get().username(), TestInfrastructure.get().password());
        JdbcTemplate jdbc = new JdbcTemplate(db);
        Flyway.configure().dataSource(db).locations("classpath:db/platform").table("platform_schema_history").load().migrate();
        // the schema as it was before V6, whatever came before it
        MigrationVersion beforeSealing = Arrays.stream(service(db).load().info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v != null && v.compareTo(MigrationVersion.fromVersion("6")) < 0)
                .max(Comparator.naturalOrder()).orElseThrow();
        service(db).target(beforeSealing).load().migrate();

        UUID pending = UUID.randomUUID();
        UUID verified = UUID.randomUUID();
        UUID notFound = UUID.randomUUID();
        insert(jdbc, pending, "7712345678", "PENDING", null, null);
        insert(jdbc, verified, "081377700123", "VERIFIED", 100, "RAHMAT=RAHMAT(100) HIDAYATULAH=HIDAYATULAH(100)");
        insert(jdbc, notFound, "5550000001", "REJECTED", null, "no such account at BNI");

        service(db).javaMigrations(new AccountLinkSealing(crypto)).load().migrate();

        assertThat(jdbc.queryForList("select column_name from information_schema.columns where table_name = 'account_link'",
                String.class)).doesNotContain("account_number", "full_name", "registered_phone")
                .contains("account_number_sealed", "full_name_sealed", "registered_phone_sealed", "account_masked");
        for (var link : Map.of(pending, "7712345678", verified, "081377700123", notFound, "5550000001").entrySet()) {
            Map<String, Object> row = jdbc.queryForMap("select * from account_link where link_id = ?", link.getKey());
            String raw = row.values().stream().map(String::valueOf).collect(Collectors.joining(" | ")).toUpperCase(Locale.ROOT);
            assertThat(raw).doesNotContain(link.getValue(), NIK, "81377700999", "RAHMAT", "HIDAYAT");
            assertThat(open(row, SealedAccountLinks.ACCOUNT_NUMBER, link.getKey())).isEqualTo(link.getValue());
            assertThat(open(row, SealedAccountLinks.FULL_NAME, link.getKey())).isEqualTo("Rahmat Hidayatullah");
            assertThat(open(row, SealedAccountLinks.REGISTERED_PHONE, link.getKey())).isEqualTo("+6281377700999");
            assertThat(open(row, SealedAccountLinks.NIK, link.getKey())).isEqualTo(NIK);
            assertThat((String) row.get("account_masked")).isEqualTo(SealedAccountLinks.maskAccount(link.getValue()))
                    .endsWith(link.getValue().substring(link.getValue().length() - 4));
        }
        assertThat(jdbc.queryForObject("select name_comparison from account_link where link_id = ?", String.class, verified))
                .isEqualTo("R****T=R****T(100) H*********H=H*********H(100)");
        assertThat(jdbc.queryForObject("select name_comparison from account_link where link_id = ?", String.class, notFound))
                .isEqualTo("no such account at BNI");
        assertThat(jdbc.queryForObject("select status from account_link where link_id = ?", String.class, pending)).isEqualTo("PENDING");
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration service(DriverManagerDataSource db) {
        // as the platform configures it: the service's history starts on a schema that is not empty
        return Flyway.configure().dataSource(db).locations("classpath:db/migration").baselineOnMigrate(true).baselineVersion("0");
    }

    private void insert(JdbcTemplate jdbc, UUID link, String account, String status, Integer score, String comparison) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
                insert into account_link (link_id, participant_id, correlation_id, request_event_id, partner, account_number,
                    nik_sealed, full_name, registered_phone, status, name_score, name_comparison, due_at, created_at)
                values (?, ?, ?, ?, 'BNI', ?, ?, 'Rahmat Hidayatullah', '+6281377700999', ?, ?, ?, ?, ?)""",
                link, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), account,
                crypto.encryptAtRest(NIK, AccountLinks.nikAtRest(link)), status, score, comparison, now, now);
    }

    private String open(Map<String, Object> row, String column, UUID link) {
        return crypto.decryptAtRest((String) row.get(column), SealedAccountLinks.atRest(column, link));
    }
}
