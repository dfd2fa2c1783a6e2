package id.go.prakerja.payment.disbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.account.AccountLinkSealing;
import id.go.prakerja.support.crypto.CryptoProperties;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.testsupport.TestInfrastructure;

/**
 * V9 to V11 on a database of its own holding payments, attempts and re-requests written before them
 * (more than one batch of them): each account is sealed where the gateway opens it, with its masked
 * form beside it and nothing of it left in clear; without V10 nothing is dropped.
 */
class PaymentAccountSealingTest {

    /** More than two of the migration's batches (500), so its walk by primary key goes on past each. */
    private static final int PAYMENTS = 1_203;

    private final PersonalDataCrypto crypto = new PersonalDataCrypto(new CryptoProperties(key(), key(), null));
    private final PaymentAccounts accounts = new PaymentAccounts(crypto);

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void accounts_written_in_clear_are_sealed_where_the_gateway_opens_them_and_the_clear_columns_go() {
        DriverManagerDataSource db = beforeSealing();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        writeInClear(jdbc);

        service(db).javaMigrations(new AccountLinkSealing(crypto), new PaymentAccountSealing(crypto),
                new PaymentRequestHashKeying(crypto)).load().migrate();

        assertThat(columns(jdbc, "payment")).doesNotContain("account_number").contains("account_number_sealed", "account_masked");
        // an attempt keeps its masked account; its sealed one is its payment's or its re-request's (V12)
        assertThat(columns(jdbc, "payment_attempt")).doesNotContain("account_number", "account_number_sealed")
                .contains("account_masked");
        assertThat(columns(jdbc, "payment_rerequest")).doesNotContain("previous_account_number")
                .contains("previous_account_number_sealed", "previous_account_masked");

        // every payment, as the ledger reads it, opens to its account; the masked one keeps its last four digits
        List<Payment> payments = jdbc.query("select * from payment order by instruction_id", PaymentLedger.ROWS);
        assertThat(payments).hasSize(PAYMENTS);
        for (Payment p : payments) {
            String account = accountOf(p.instructionId(), p.attempt());
            assertThat(accounts.open(p)).isEqualTo(account);
            assertThat(p.accountMasked()).isEqualTo(Payment.mask(account)).endsWith(account.substring(account.length() - 4));
            assertThat(p.accountSealed()).doesNotContain(account.substring(1));
        }
        List<PaymentLedger.Attempt> attempts = jdbc.query(PaymentLedger.ATTEMPTS + " order by a.instruction_id, a.attempt",
                PaymentLedger::attempt);
        assertThat(attempts).hasSize(PAYMENTS + 2);
        for (PaymentLedger.Attempt a : attempts) {
            String account = accountOf(a.instructionId(), a.attempt());
            assertThat(accounts.open(a)).isEqualTo(account);
            assertThat(a.accountMasked()).isEqualTo(Payment.mask(account));
        }
        List<Map<String, Object>> rerequests = jdbc.queryForList("select * from payment_rerequest order by instruction_id");
        assertThat(rerequests).hasSize(2);
        for (Map<String, Object> r : rerequests) {
            String account = accountOf((String) r.get("instruction_id"), 1);
            assertThat(accounts.openPrevious((String) r.get("previous_account_number_sealed"), (UUID) r.get("event_id")))
                    .isEqualTo(account);
            assertThat(r.get("previous_account_masked")).isEqualTo(Payment.mask(account));
        }
        // nothing of any account left in clear in any row
        String raw = jdbc.queryForList("select p::text from payment p union all select a::text from payment_attempt a"
                + " union all select r::text from payment_rerequest r", String.class).stream().collect(Collectors.joining("\n"));
        for (int i = 1; i <= PAYMENTS; i++) {
            assertThat(raw).doesNotContain(accountOf(instruction(i), 1).substring(1));
        }
        assertThat(raw).doesNotContain(accountOf(instruction(1), 2).substring(1), accountOf(instruction(2), 2).substring(1));
        // each request hash is keyed (V13), as the intake computes it, so a request repeated after the upgrade is the same
        for (Map<String, Object> row : jdbc.queryForList("select * from payment")) {
            String id = (String) row.get("instruction_id");
            assertThat(row.get("content_hash")).isEqualTo(DisbursementIntake.contentHash(crypto, (UUID) row.get("participant_id"),
                    (String) row.get("kind"), (Integer) row.get("sequence"), (Long) row.get("amount"), (String) row.get("partner"),
                    accountOf(id, ((Integer) row.get("attempt")))));
        }
        // bound to its row: a payment's value copied to another payment does not open there
        assertThat(catchThrowable(() -> accounts.openPayment(payments.get(0).accountSealed(), payments.get(1).instructionId())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void without_the_sealing_migration_nothing_is_dropped() {
        DriverManagerDataSource db = beforeSealing();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        writeInClear(jdbc);

        // V10 is a bean of the running gateway: a migration without it finds clear rows at V11 and stops
        Throwable failed = catchThrowable(() -> service(db).javaMigrations(new AccountLinkSealing(crypto)).load().migrate());

        assertThat(failed).hasStackTraceContaining("did not seal; nothing dropped");
        assertThat(columns(jdbc, "payment")).contains("account_number");
        assertThat(columns(jdbc, "payment_attempt")).contains("account_number");
        assertThat(columns(jdbc, "payment_rerequest")).contains("previous_account_number");
        assertThat(jdbc.queryForObject("select count(*) from payment where account_number is not null", Integer.class))
                .isEqualTo(PAYMENTS);
    }

    /** A database of its own at the schema as it was before V9, whatever came before it. */
    private DriverManagerDataSource beforeSealing() {
        DriverManagerDataSource db = new DriverManagerDataSource(
                TestInfrastructure.get().jdbcUrl("payment_account_sealing_" + Long.toHexString(System.nanoTime())),
                TestInfrastructure.get().username(), TestInfrastructure.get().password());
        Flyway.configure().dataSource(db).locations("classpath:db/platform").table("platform_schema_history").load().migrate();
        MigrationVersion beforeSealing = Arrays.stream(service(db).load().info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v != null && v.compareTo(MigrationVersion.fromVersion("9")) < 0)
                .max(Comparator.naturalOrder()).orElseThrow();
        service(db).javaMigrations(new AccountLinkSealing(crypto)).target(beforeSealing).load().migrate();
        return db;
    }

    /**
     * {@value #PAYMENTS} payments, each with its first attempt, to BNI accounts; the first two failed
     * at a blocked account and were requested again to an OVO phone (a re-request, a second attempt).
     */
    private static void writeInClear(JdbcTemplate jdbc) {
        jdbc.update("""
                insert into payment (instruction_id, participant_id, correlation_id, request_event_id, partner, kind, sequence,
                    amount, account_number, content_hash, attempt, partner_reference_no, status, due_at, created_at, updated_at)
                select 'INS-' || lpad(g::text, 6, '0'), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'BNI',
                       'POST_TRAINING', 1, 600000, '77' || lpad(g::text, 8, '0'), md5(g::text), 1,
                       'REF-' || lpad(g::text, 6, '0') || 'R1', 'RECEIVED', now(), now(), now()
                  from generate_series(1, ?) g""", PAYMENTS);
        jdbc.update("""
                insert into payment_attempt (instruction_id, attempt, partner_reference_no, partner, account_number, amount,
                    request_event_id, created_at)
                select instruction_id, 1, partner_reference_no, partner, account_number, amount, request_event_id, now()
                  from payment""");
        for (int i = 1; i <= 2; i++) {
            String id = instruction(i);
            String second = accountOf(id, 2);
            jdbc.update("""
                    insert into payment_rerequest (event_id, instruction_id, attempt, previous_event_id, previous_partner,
                        previous_account_number, previous_reference_no, previous_reason_code, received_at)
                    select gen_random_uuid(), instruction_id, 2, request_event_id, partner, account_number, partner_reference_no,
                           'ACCOUNT_BLOCKED', now()
                      from payment where instruction_id = ?""", id);
            jdbc.update("""
                    insert into payment_attempt (instruction_id, attempt, partner_reference_no, partner, account_number, amount,
                        request_event_id, created_at)
                    values (?, 2, ?, ?, ?, 600000, gen_random_uuid(), now())""", id, id.replace("INS-", "REF-") + "R2",
                    PayoutPartner.OVO.name(), second);
            jdbc.update("""
                    update payment set attempt = 2, partner = 'OVO', account_number = ?, partner_reference_no = ?
                     where instruction_id = ?""", second, id.replace("INS-", "REF-") + "R2", id);
            jdbc.update("update payment_attempt set settled_as = 'NOT_CREDITED' where instruction_id = ? and attempt = 1", id);
        }
    }

    private static String instruction(int i) {
        return "INS-" + String.format("%06d", i);
    }

    /** The account of an attempt as written in clear: a BNI account first, an OVO phone after an account change. */
    private static String accountOf(String instructionId, int attempt) {
        int n = Integer.parseInt(instructionId.substring(4));
        return attempt == 1 ? "77" + String.format("%08d", n) : "0819" + String.format("%08d", n);
    }

    private static List<String> columns(JdbcTemplate jdbc, String table) {
        return jdbc.queryForList("select column_name from information_schema.columns where table_name = ?", String.class,
                table);
    }

    private static FluentConfiguration service(DriverManagerDataSource db) {
        // as the platform configures it: the service's history starts on a schema that is not empty
        return Flyway.configure().dataSource(db).locations("classpath:db/migration").baselineOnMigrate(true).baselineVersion("0");
    }
}
