package id.go.prakerja.training.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import id.go.prakerja.simulators.training.Training;
import id.go.prakerja.training.TrainingServiceTest;
import tools.jackson.databind.JsonNode;

/** A platform's feed row that cannot be stored is refused alone: the rest of its feed and the other platforms go on. */
class CatalogueFeedTest extends TrainingServiceTest {

    @Autowired
    private CatalogueFeed feed;

    /** Pulls every platform once (waiting for a pull already running to end), and returns when it began. */
    private Instant pulledAll() {
        awaitCatalogue();
        Instant began = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // a pull already running (the one at start-up) holds the lease: pullAll then does nothing. BUKALAPAK is pulled
        // first and TOKOPEDIA last, so once both are at or after the start, one whole pull ran after it.
        await().atMost(WAIT).until(() -> {
            feed.pullAll();
            Instant first = lastPullAt("BUKALAPAK");
            return !first.isBefore(began) && !lastPullAt("TOKOPEDIA").isBefore(first);
        });
        return began;
    }

    private Instant lastPullAt(String platform) {
        Timestamp at = jdbc.queryForObject("select last_pull_at from platform where code = ?", Timestamp.class, platform);
        return at == null ? Instant.EPOCH : at.toInstant();
    }

    private static Training training(String id, String title, long price) {
        return new Training(id, "BUKALAPAK", title, price, 8, "Bisnis", "Akademi Uji", "Pelatihan uji umpan katalog.", "ONLINE");
    }

    @Test
    void an_over_long_title_is_refused_and_reported_while_the_rest_of_the_feed_and_later_platforms_are_pulled() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String tooLong = "BUKALAPAK-T" + suffix + "L";
        String tooDear = "BUKALAPAK-T" + suffix + "P";
        String good = "BUKALAPAK-T" + suffix + "G";
        SIMULATORS.trainingPlatforms().publish(training(tooLong, "Strategi Pemasaran Digital ".repeat(12), 250_000));
        SIMULATORS.trainingPlatforms().publish(training(tooDear, "Pelatihan Kepemimpinan Eksekutif", 500_000_000));
        SIMULATORS.trainingPlatforms().publish(training(good, "Dasar Akuntansi untuk Usaha Kecil", 250_000));
        try {
            Instant began = pulledAll();

            // BUKALAPAK comes first: every platform after it was pulled too
            for (String platform : jdbc.queryForList("select code from platform", String.class)) {
                assertThat(lastPullAt(platform)).as(platform).isAfterOrEqualTo(began);
                assertThat(jdbc.queryForObject("select last_pull_error from platform where code = ?", String.class, platform))
                        .as(platform).isNull();
            }
            assertThat(jdbc.queryForObject("select status from training where id = ?", String.class, good))
                    .isEqualTo("PENDING_APPROVAL");
            assertThat(jdbc.queryForObject("select count(*) from training where id in (?, ?)", Long.class, tooLong, tooDear))
                    .isZero();

            JsonNode refusals = operator().get("/admin/platforms/BUKALAPAK/catalogue/refusals").json();
            assertThat(refusals).extracting(r -> r.get("trainingId").asString() + " " + r.get("reason").asString() + " "
                    + r.get("field").asString()).containsExactlyInAnyOrder(tooLong + " FIELD_TOO_LONG title",
                            tooDear + " PRICE_OUT_OF_BOUNDS price");
            JsonNode platforms = operator().get("/admin/platforms").json();
            for (JsonNode p : platforms) {
                assertThat(p.get("lastPullRefused").asInt()).as(p.get("code").asString())
                        .isEqualTo(p.get("code").asString().equals("BUKALAPAK") ? 2 : 0);
            }
        } finally {
            // the platform fixes its rows: the next pull takes them and has nothing to refuse
            SIMULATORS.trainingPlatforms().publish(training(tooLong, "Strategi Pemasaran Digital", 250_000));
            SIMULATORS.trainingPlatforms().publish(training(tooDear, "Pelatihan Kepemimpinan Eksekutif", 900_000));
        }
        pulledAll();
        assertThat(operator().get("/admin/platforms/BUKALAPAK/catalogue/refusals").json()).isEmpty();
    }

    @Test
    void an_unexpected_failure_with_one_platform_is_recorded_and_the_next_platforms_are_pulled() {
        // the database refuses MAUBELAJARAPA's trainings (as a full disk or a broken constraint would)
        jdbc.execute("""
                create or replace function test_refuse_maubelajarapa() returns trigger language plpgsql as $$
                begin
                  if new.platform_code = 'MAUBELAJARAPA' then
                    raise exception 'storage refused';
                  end if;
                  return new;
                end $$""");
        jdbc.execute("""
                create trigger test_refuse_maubelajarapa before insert on training
                   for each row execute function test_refuse_maubelajarapa()""");
        try {
            Instant began = pulledAll();
            assertThat(jdbc.queryForObject("select last_pull_error from platform where code = 'MAUBELAJARAPA'", String.class))
                    .isNotBlank();
            for (String platform : List.of("PIJAR_MAHIR", "PINTARIA", "SEKOLAHMU", "SISNAKER", "SKILL_ACADEMY", "TOKOPEDIA")) {
                assertThat(lastPullAt(platform)).as(platform).isAfterOrEqualTo(began);
            }
            assertThat(lastPullAt("MAUBELAJARAPA")).isBefore(began);
            assertThat(operator().get("/admin/platforms").json()).filteredOn(p -> p.get("code").asString().equals("MAUBELAJARAPA"))
                    .singleElement().satisfies(p -> assertThat(p.get("lastPullError").asString()).isNotBlank());
        } finally {
            jdbc.execute("drop trigger if exists test_refuse_maubelajarapa on training");
            jdbc.execute("drop function if exists test_refuse_maubelajarapa()");
        }
        pulledAll();
        assertThat(jdbc.queryForObject("select last_pull_error from platform where code = 'MAUBELAJARAPA'", String.class)).isNull();
    }
}
