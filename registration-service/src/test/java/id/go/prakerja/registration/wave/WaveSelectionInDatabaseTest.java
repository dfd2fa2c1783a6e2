package id.go.prakerja.registration.wave;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.registration.RegistrationServiceTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The SQL statement that selects a wave ({@link SelectionRun}) against the rule in plain Java
 * ({@link WaveSelection}), over generated waves: many equal priorities (the seeded order alone
 * decides), provinces with quota 0 or no quota, and totals below a single province's quota.
 * Each wave is decided inside a transaction that is rolled back, so nothing stays behind.
 */
class WaveSelectionInDatabaseTest extends RegistrationServiceTest {

    private static final List<String> PROVINCES = List.of("31", "32", "33", "35");
    private static final AtomicLong UNIQUE = new AtomicLong();

    @Autowired
    Waves waves;
    @Autowired
    SelectionRun selection;
    @Autowired
    WaveRepository repository;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    record Applicant(String province, int priority) {
    }

    record Case(Map<String, Long> quotas, long total, long seed, List<Applicant> applicants) {
    }

    @Test
    void the_database_selects_exactly_what_the_rule_says_with_ties_empty_quotas_and_a_binding_total() {
        int number = WaveNumbers.next();
        Stream.concat(edgeCases(), cases().sampleStream().limit(30)).forEach(c -> check(number, c));
    }

    private void check(int number, Case c) {
        transactions.executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            Instant now = Instant.now();
            waves.create(new Waves.NewWave(number, now.minusSeconds(1), now.plus(Duration.ofDays(1)), c.total(), c.quotas(),
                    List.of(), c.seed()));
            waves.open(number);
            waves.close(number);
            repository.flush(); // the wave and its quotas, for the SQL below
            List<WaveSelection.Applicant> applied = new ArrayList<>();
            for (Applicant a : c.applicants()) {
                UUID id = participant(a.province());
                jdbc.update("insert into wave_application (wave_number, participant_id, province, priority, applied_at, status) "
                        + "values (?, ?, ?, ?, ?, 'WAITING')", number, id, a.province(), a.priority(), Timestamp.from(now));
                applied.add(new WaveSelection.Applicant(id, a.province(), a.priority()));
            }

            selection.decide(number);

            List<UUID> byCard = jdbc.queryForList("select participant_id from wave_application where wave_number = ? "
                    + "and status = 'SELECTED' order by card_number", UUID.class, number);
            List<UUID> expected = List.copyOf(WaveSelection.select(applied, c.quotas(), c.total(), c.seed()));
            assertThat(byCard).as(c.toString()).isEqualTo(expected);
            assertThat((long) byCard.size()).as(c.toString()).isEqualTo(WaveSelectionTest.expectedCount(applied, c.quotas(), c.total()));
            assertThat(jdbc.queryForObject("select count(*) from wave_application where wave_number = ? and status = 'WAITING'",
                    Long.class, number)).isZero();
        });
    }

    /** The shapes most likely to expose a difference, always checked. */
    private static Stream<Case> edgeCases() {
        List<Applicant> crowd = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            crowd.add(new Applicant(PROVINCES.get(i % 3), 0)); // one priority for all: only the seeded order decides
        }
        return Stream.of(
                new Case(Map.of("31", 20L, "32", 5L, "33", 5L), 3, 11L, crowd),   // total below one province's quota
                new Case(Map.of("31", 0L, "32", 4L, "33", 0L), 100, 12L, crowd),  // quota 0
                new Case(Map.of("35", 10L), 10, 13L, crowd),                        // nobody from a province with places
                new Case(Map.of("31", 5L), 5, 14L, List.of()));                     // nobody applied
    }

    private static Arbitrary<Case> cases() {
        Arbitrary<Map<String, Long>> quotas = Arbitraries.longs().between(0, 8).list().ofSize(PROVINCES.size() - 1).map(q -> {
            Map<String, Long> byProvince = new LinkedHashMap<>();
            for (int i = 0; i < q.size(); i++) {
                byProvince.put(PROVINCES.get(i), q.get(i)); // the last province has no quota at all
            }
            return byProvince;
        });
        Arbitrary<Applicant> applicant = Combinators.combine(Arbitraries.of(PROVINCES), Arbitraries.integers().between(0, 2))
                .as(Applicant::new);
        return Combinators.combine(quotas, Arbitraries.longs().between(1, 30), Arbitraries.longs(),
                applicant.list().ofMaxSize(50)).as(Case::new);
    }

    /** A bare participant row (the selection reads only the application, and the participant for exclusions). */
    private UUID participant(String province) {
        UUID id = UUID.randomUUID();
        long n = UNIQUE.incrementAndGet();
        jdbc.update("""
                insert into participant (id, nik_sealed, nik_hash, kk_sealed, kk_hash, full_name, birth_place, birth_date, sex,
                    email, phone, address, province_code, regency_code, education, job_status, in_formal_education,
                    public_office, status, status_changed_at, registered_at, version)
                values (?, 'sealed', ?, 'sealed', ?, 'Peserta', 'Kota', date '1990-01-01', 'MALE', ?, ?, 'Jl. Uji', ?, ?,
                    'SMA_SMK', 'JOB_SEEKER', false, 'NONE', 'VERIFIED', now(), now(), 0)""",
                id, "sel-" + id, "sel-kk-" + id, "seleksi-" + id + "@example.id", "+6288" + "%010d".formatted(n), province,
                province + "01");
        return id;
    }
}
