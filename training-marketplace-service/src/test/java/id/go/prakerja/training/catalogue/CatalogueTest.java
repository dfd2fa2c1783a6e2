package id.go.prakerja.training.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import id.go.prakerja.simulators.training.Training;
import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.training.TrainingServiceTest;
import tools.jackson.databind.JsonNode;

/** The catalogue participants see: the platforms' feeds, full-text search, filters, sorts, pages, approval. */
class CatalogueTest extends TrainingServiceTest {

    private HttpApi participant;
    @Autowired
    private TrainingCatalogue catalogue;
    @Autowired
    private CatalogueChanges changes;
    @Autowired
    @Qualifier(PlatformSchedulers.WORKERS)
    private ThreadPoolTaskScheduler workers;

    @BeforeEach
    void catalogue() {
        awaitCatalogue();
        participant = api().withToken(tokens.issue(UUID.randomUUID().toString(), Roles.PARTICIPANT).accessToken());
    }

    private JsonNode search(String query) {
        var response = participant.get("/api/v1/trainings?" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<Long> prices(JsonNode page) {
        List<Long> prices = new ArrayList<>();
        page.get("items").forEach(t -> prices.add(t.get("price").asLong()));
        return prices;
    }

    @Test
    void the_eight_platforms_feeds_make_the_catalogue_of_about_1500_trainings() {
        JsonNode platforms = participant.get("/api/v1/platforms").json();
        assertThat(platforms).hasSize(8);
        assertThat(search("size=1").get("total").asLong()).isGreaterThanOrEqualTo(1_450);
        JsonNode one = search("size=1&platform=SISNAKER").get("items").get(0);
        assertThat(one.get("platformName").asString()).isEqualTo("Sisnaker Kemnaker");
        assertThat(one.get("provider").asString()).isNotBlank();
        assertThat(one.get("durationHours").asInt()).isPositive();
    }

    @Test
    void indonesian_words_find_their_stems_and_the_best_match_comes_first() {
        // "pemasaran" and "memasarkan" share the stem "pasar" under PostgreSQL's Indonesian configuration
        JsonNode barista = search("q=barista%20profesional&size=5");
        assertThat(barista.get("total").asLong()).isPositive();
        assertThat(barista.get("items").get(0).get("title").asString()).containsIgnoringCase("barista");
        JsonNode kue = search("q=kue&size=100");
        kue.get("items").forEach(t -> assertThat(t.get("title").asString() + " " + t.get("description").asString())
                .containsIgnoringCase("kue"));
        assertThat(search("q=zzzqqq").get("total").asLong()).isZero();
    }

    @Test
    void filters_sorts_and_pages_are_applied_together() {
        JsonNode cheap = search("maxPrice=200000&mode=ONLINE&sort=price_asc&size=50");
        List<Long> prices = prices(cheap);
        assertThat(prices).isSortedAccordingTo(Long::compare).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(200_000));
        cheap.get("items").forEach(t -> assertThat(t.get("mode").asString()).isEqualTo("ONLINE"));
        assertThat(prices(search("minPrice=900000&sort=price_desc&size=50"))).isSortedAccordingTo((a, b) -> Long.compare(b, a))
                .allSatisfy(p -> assertThat(p).isGreaterThanOrEqualTo(900_000));

        JsonNode page0 = search("platform=PINTARIA&sort=price_asc&size=10&page=0");
        JsonNode page1 = search("platform=PINTARIA&sort=price_asc&size=10&page=1");
        assertThat(page0.get("total").asLong()).isEqualTo(page1.get("total").asLong());
        assertThat(page0.get("items").get(9).get("price").asLong()).isLessThanOrEqualTo(page1.get("items").get(0).get("price").asLong());
        assertThat(page0.get("items").get(0).get("trainingId").asString()).isNotEqualTo(page1.get("items").get(0).get("trainingId").asString());

        String category = participant.get("/api/v1/trainings/categories").json().get(0).asString();
        search("category=" + category.replace(" ", "%20") + "&size=20").get("items")
                .forEach(t -> assertThat(t.get("category").asString()).isEqualTo(category));
    }

    @Test
    void sorting_by_rating_puts_the_best_rated_first_and_min_rating_filters() {
        List<String> ids = jdbc.queryForList("select id from training where status = 'ACTIVE' and platform_code = 'MAUBELAJARAPA' "
                + "order by id limit 3", String.class);
        // ratings as participants' purchases leave them
        jdbc.update("update training set rating_sum = 0, rating_count = 0, review_count = 0 where platform_code = 'MAUBELAJARAPA'");
        jdbc.update("update training set rating_sum = 5, rating_count = 1, review_count = 1 where id = ?", ids.get(0));
        jdbc.update("update training set rating_sum = 9, rating_count = 2, review_count = 2 where id = ?", ids.get(1));
        jdbc.update("update training set rating_sum = 3, rating_count = 1, review_count = 1 where id = ?", ids.get(2));
        // written here as another instance of the service would: it moves the shared catalogue version after its
        // commit, and this instance's search follows within a poll
        jdbc.update("update catalogue_version set version = version + 1 where id = 1");
        // until then the page answered before the change may still be served, with ratings other tests left (a
        // training rated 5 by an earlier purchase can come first): wait for the new order itself
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode byRating = search("platform=MAUBELAJARAPA&sort=rating&size=5");
            assertThat(byRating.get("items").get(0).get("trainingId").asString()).isEqualTo(ids.get(0));
            assertThat(byRating.get("items").get(0).get("averageRating").asDouble()).isEqualTo(5.0);
            assertThat(byRating.get("items").get(1).get("trainingId").asString()).isEqualTo(ids.get(1));
            assertThat(byRating.get("items").get(1).get("averageRating").asDouble()).isEqualTo(4.5);
            assertThat(byRating.get("items").get(2).get("trainingId").asString()).isEqualTo(ids.get(2));
        });
        assertThat(search("platform=MAUBELAJARAPA&minRating=4").get("total").asLong()).isEqualTo(2);
        assertThat(search("platform=MAUBELAJARAPA&sort=reviews&size=1").get("items").get(0).get("trainingId").asString())
                .isEqualTo(ids.get(1));
    }

    @Test
    void a_new_training_a_platform_publishes_waits_for_an_operator_and_a_suspended_one_disappears() {
        String id = "PINTARIA-T" + UUID.randomUUID().toString().substring(0, 6);
        SIMULATORS.trainingPlatforms().publish(new Training(id, "PINTARIA", "Merangkai Bunga Segar untuk Acara", 275_000, 12,
                "Kerajinan dan Gaya Hidup", "Sanggar Bunga Lestari", "Merangkai bunga segar untuk pesta dan acara kantor.",
                "OFFLINE"));
        JsonNode pulled = operator().post("/admin/platforms/PINTARIA/catalogue/pull", null).json();
        assertThat(pulled.get("listed").asInt()).isGreaterThan(180);

        assertThat(participant.get("/api/v1/trainings/" + id).status()).isEqualTo(404);
        assertThat(search("q=merangkai%20bunga").get("total").asLong()).isZero();
        assertThat(operator().get("/admin/trainings?status=PENDING_APPROVAL&platform=PINTARIA").json())
                .extracting(t -> t.get("trainingId").asString()).contains(id);

        operator().post("/admin/trainings/" + id + "/approve", null);
        JsonNode shown = participant.get("/api/v1/trainings/" + id).json();
        assertThat(shown.get("mode").asString()).isEqualTo("OFFLINE");
        assertThat(search("q=merangkai%20bunga").get("items").get(0).get("trainingId").asString()).isEqualTo(id);

        operator().post("/admin/trainings/" + id + "/suspend", null);
        assertThat(participant.get("/api/v1/trainings/" + id).status()).isEqualTo(404);
        // the same search, answered a moment ago with the training, no longer shows it
        assertThat(search("q=merangkai%20bunga").get("total").asLong()).isZero();
        assertThat(search("q=Merangkai%20%20BUNGA").get("items")).isEmpty();
        // a participant who could buy it (selected, Rp1,000,000 for a Rp275,000 training, nothing held) is refused
        // because of the suspension alone, and keeps the whole balance
        Participant buyer = selected();
        var refused = buyer.buy(id);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        assertThat(refused.json().get("code").asString()).isEqualTo("TRAINING_NOT_FOUND");
        assertThat(buyer.available()).isEqualTo(1_000_000);
        assertThat(buyer.api().get("/api/v1/purchases").json()).isEmpty();
    }

    @Test
    void an_operator_price_applies_to_purchases_from_then_on_only() {
        Participant p = selected();
        String training = trainingsPriced(500_000, 1).getFirst();
        JsonNode purchase = p.buy(training).json();
        assertThat(purchase.get("price").asLong()).isEqualTo(500_000);
        String cheap = "platform=" + platformOf(training) + "&maxPrice=150000&sort=price_desc&size=100";
        assertThat(search(cheap).get("items")).extracting(t -> t.get("trainingId").asString()).doesNotContain(training);
        operator().send("PUT", "/admin/trainings/" + training + "/price", Map.of("price", 150_000), Map.of());
        assertThat(search(cheap).get("items")).extracting(t -> t.get("trainingId").asString()).contains(training);
        assertThat(p.api().get("/api/v1/purchases/" + purchase.get("purchaseId").asString()).json().get("price").asLong())
                .isEqualTo(500_000);
        assertThat(p.balance().get("reserved").asLong()).isEqualTo(500_000);
        assertThat(participant.get("/api/v1/trainings/" + training).json().get("price").asLong()).isEqualTo(150_000);
    }

    @Test
    void a_participants_new_rating_and_review_show_in_search_at_once() {
        Participant p = selected();
        String training = trainingsPriced(300_000, 1).getFirst();
        String platform = platformOf(training);
        JsonNode purchase = p.buy(training).json();
        expectStatus(redeem(platform, purchase.get("voucherCode").asString()), 200);
        String rated = "platform=" + platform + "&minRating=5&sort=rating&size=100";
        assertThat(search(rated).get("items")).extracting(t -> t.get("trainingId").asString()).doesNotContain(training);

        String id = purchase.get("purchaseId").asString();
        expectStatus(p.api().send("PUT", "/api/v1/purchases/" + id + "/rating", Map.of("rating", 5), Map.of()), 200);
        JsonNode shown = null;
        for (JsonNode t : search(rated).get("items")) {
            if (t.get("trainingId").asString().equals(training)) {
                shown = t;
            }
        }
        assertThat(shown).as("rated training in search").isNotNull();
        assertThat(shown.get("averageRating").asDouble()).isEqualTo(5.0);
        int reviews = shown.get("reviewCount").asInt();

        expectStatus(p.api().send("PUT", "/api/v1/purchases/" + id + "/review",
                Map.of("text", "Materinya jelas dan langsung bisa dipraktikkan."), Map.of()), 200);
        for (JsonNode t : search(rated).get("items")) {
            if (t.get("trainingId").asString().equals(training)) {
                assertThat(t.get("reviewCount").asInt()).isEqualTo(reviews + 1);
            }
        }
    }

    @Test
    void the_same_search_written_differently_is_one_query() {
        var query = new TrainingCatalogue.Query("  Barista   PROFESIONAL ", " Kuliner", "tokopedia", null, 500_000L, null,
                "online", null, 0, 20);
        var other = new TrainingCatalogue.Query("barista profesional", "kuliner", "TOKOPEDIA ", null, 500_000L, null,
                "ONLINE", TrainingCatalogue.Sort.RELEVANCE, 0, 20);
        assertThat(TrainingCatalogue.normalised(query)).isEqualTo(TrainingCatalogue.normalised(other));
        assertThat(TrainingCatalogue.normalised(new TrainingCatalogue.Query(null, null, null, null, null, null, null, null, 1, 20))
                .sort()).isEqualTo(TrainingCatalogue.Sort.RATING);
    }

    @Test
    void a_flood_of_searches_from_one_participant_is_refused_with_429_and_retry_after_and_others_search_on() throws Exception {
        String flooder = tokens.issue(UUID.randomUUID().toString(), Roles.PARTICIPANT).accessToken();
        HttpClient http = HttpClient.newHttpClient();
        int limit = settings.catalogue().searchRateLimit();
        List<HttpResponse<String>> refused = new ArrayList<>();
        for (int i = 0; i < limit + 10; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/api/v1/trainings?size=5&maxPrice=" + (300_000 + i))).header("Authorization", "Bearer " + flooder).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isIn(200, 429);
            if (response.statusCode() == 429) {
                refused.add(response);
            }
        }
        assertThat(refused).as("searches past %d per %s", limit, settings.catalogue().searchRatePeriod()).hasSizeGreaterThanOrEqualTo(10);
        HttpResponse<String> tooMany = refused.getFirst();
        assertThat(tooMany.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(tooMany.body()).contains("\"code\":\"SEARCH_RATE_LIMITED\"");
        long retryAfter = Long.parseLong(tooMany.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, settings.catalogue().searchRatePeriod().toSeconds());
        // another participant is not held back by this one
        assertThat(search("size=5").get("total").asLong()).isPositive();
    }

    @Test
    void a_page_larger_than_the_maximum_is_a_400_problem_naming_the_maximum() {
        var response = participant.get("/api/v1/trainings?size=" + (settings.catalogue().searchMaxPageSize() + 1));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).contains("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("PAGE_SIZE_TOO_LARGE");
        assertThat(search("size=" + settings.catalogue().searchMaxPageSize()).get("items")).hasSize(
                settings.catalogue().searchMaxPageSize());
    }

    @Test
    void the_kept_search_pages_stay_within_their_bytes_however_many_large_distinct_pages_are_asked() {
        long bound = catalogue.searchCacheBound();
        assertThat(bound).isEqualTo(settings.catalogue().searchCacheBytes().toBytes());
        long written = 0;
        int size = settings.catalogue().searchMaxPageSize();
        List<TrainingCatalogue.Sort> sorts = List.of(TrainingCatalogue.Sort.PRICE_ASC, TrainingCatalogue.Sort.PRICE_DESC,
                TrainingCatalogue.Sort.NEWEST);
        for (int i = 0; i < 600; i++) {
            // distinct queries, each a full page of the largest size
            byte[] page = catalogue.searchWritten(new TrainingCatalogue.Query(null, null, null, null, 2_000_000L + i, null,
                    null, sorts.get(i % sorts.size()), 0, size));
            written += page.length;
            assertThat(catalogue.searchCacheWeight()).as("after %d pages", i + 1).isLessThanOrEqualTo(bound);
        }
        assertThat(written).as("bytes of pages written").isGreaterThan(bound);
        // a repeated search is still answered from what is kept
        var last = new TrainingCatalogue.Query(null, null, null, null, 2_000_599L, null, null, sorts.get(599 % sorts.size()), 0,
                size);
        assertThat(catalogue.searchWritten(last)).isSameAs(catalogue.searchWritten(last));
    }

    @Test
    void the_catalogue_version_is_read_even_while_every_worker_thread_is_busy() {
        int threads = workers.getScheduledThreadPoolExecutor().getCorePoolSize();
        CountDownLatch busy = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            workers.execute(() -> {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            // every worker thread held (a long feed pull or deadline job would do the same)
            await().atMost(WAIT).until(() -> busy.getCount() == 0);
            long before = changes.version();
            // another instance's change
            jdbc.update("update catalogue_version set version = version + 1 where id = 1");
            await().atMost(Duration.ofSeconds(5)).until(() -> changes.version() > before);
        } finally {
            release.countDown();
        }
    }

    @Test
    void bad_search_parameters_are_400_problems() {
        for (String query : List.of("sort=cheapest", "mode=HYBRID", "size=0", "size=101", "page=-1", "minRating=7",
                "minPrice=abc")) {
            var response = participant.get("/api/v1/trainings?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).contains("application/problem+json");
        }
    }
}
