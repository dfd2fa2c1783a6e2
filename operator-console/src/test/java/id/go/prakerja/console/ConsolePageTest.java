package id.go.prakerja.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.testsupport.ConsoleBrowser;
import id.go.prakerja.testsupport.HttpApi;

/** The page in a real headless Chromium shows what the JSON says, and opens down to a participant. */
class ConsolePageTest extends ConsoleServiceTest {

    @TempDir
    Path downloads;

    @Test
    void the_page_shows_the_funnel_of_the_json_and_opens_a_backlog_reason_down_to_a_timeline() throws Exception {
        HttpApi operator = operator();
        int wave = ThreadLocalRandom.current().nextInt(10_000, 1_000_000);
        Journey stuck = new Journey("51", wave, Instant.now().minus(java.time.Duration.ofDays(2))).registered().layersPassed().verified().joined()
                .selected().purchased(250_000L).completed().reconciled().accountLinked(PayoutPartner.LINKAJA).accountVerified()
                .disbursementRequested(1, PayoutPartner.LINKAJA).outcomeUnknown(1, PayoutPartner.LINKAJA);
        await().atMost(WAIT).until(() -> ReadModelTest.timelineSize(operator, stuck) == stuck.sent().size());

        try (ConsoleBrowser browser = ConsoleBrowser.open(baseUrl(), downloads)) {
            browser.signIn("operator", "operator-test-password");

            // the page shows the numbers the JSON gives (both read now; nothing else is publishing)
            Map<String, Long> shown = browser.funnel();
            Map<String, Long> json = new HashMap<>();
            operator.get("/admin/reports/funnel").json().get("steps")
                    .forEach(s -> json.put(s.get("step").asString(), s.get("count").asLong()));
            assertThat(shown).isEqualTo(json);
            assertThat(shown.get("ACCOUNT_VERIFIED")).isPositive();

            // a new participant appears without reloading the page (server-sent events)
            long registered = shown.get("REGISTERED");
            new Journey("51", wave, Instant.now()).registered();
            assertThat(browser.funnelOnceAtLeast("REGISTERED", registered + 1).get("REGISTERED")).isEqualTo(registered + 1);

            Path funnelCsv = browser.downloadCsv("csv-funnel", "funnel.csv");
            assertThat(Files.readAllLines(funnelCsv).getFirst()).isEqualTo("asOf,grouping,group,step,count,conversion");
            assertThat(browser.errors()).as("errors on the page").isEmpty();
            browser.screenshot(Path.of("target", "operator-console-funnel.png"));
            assertThat(Files.size(Path.of("target", "operator-console-funnel.png"))).isGreaterThan(10_000);

            assertThat(browser.backlogReasons()).contains("PAYMENT/PAYMENT_UNKNOWN");
            ConsoleBrowser.Timeline timeline = browser.openTimeline("PAYMENT", "PAYMENT_UNKNOWN");
            List<String> expected = operator.get("/admin/reports/participants/" + timeline.participantId() + "/timeline").json()
                    .get("events").valueStream().map(e -> e.get("type").asString()).toList();
            assertThat(timeline.eventTypes()).isEqualTo(expected).contains("DisbursementOutcomeUnknown");

            Path timelineCsv = browser.downloadCsv("csv-timeline", "timeline.csv");
            assertThat(Files.readAllLines(timelineCsv)).hasSize(1 + expected.size());

            assertThat(browser.errors()).as("errors on the page").isEmpty();

            // money with the settlement reports' table, operations with partner health (asked of the payment
            // gateway by the page; not running here, so the table says it cannot be reached)
            var driver = browser.driver();
            driver.findElement(org.openqa.selenium.By.id("tab-money")).click();
            await().atMost(WAIT).until(() -> driver.findElement(org.openqa.selenium.By.id("settlements")).isDisplayed());
            assertThat(driver.findElement(org.openqa.selenium.By.id("integrity-signals")).isDisplayed()).isTrue();
            driver.findElement(org.openqa.selenium.By.id("tab-operations")).click();
            await().atMost(WAIT).until(() -> driver.findElement(org.openqa.selenium.By.id("partner-health")).getText()
                    .contains("Layanan pembayaran tidak terjangkau"));
            assertThat(browser.errors()).as("errors on the page").isEmpty();
            browser.language("en");
            assertThat(browser.driver().findElement(org.openqa.selenium.By.id("tab-funnel")).getText()).isEqualTo("Funnel");
        }
    }

    @Test
    void a_wrong_password_signs_nobody_in() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(baseUrl(), downloads)) {
            browser.driver().findElement(org.openqa.selenium.By.id("username")).sendKeys("operator");
            browser.driver().findElement(org.openqa.selenium.By.id("password")).sendKeys("wrong");
            browser.driver().findElement(org.openqa.selenium.By.id("sign-in-button")).click();
            await().atMost(WAIT).until(() -> browser.driver().findElement(org.openqa.selenium.By.id("sign-in-error")).isDisplayed());
            assertThat(browser.driver().findElement(org.openqa.selenium.By.id("sign-in-error")).getText())
                    .isEqualTo("Nama pengguna atau kata sandi salah.");
        }
    }
}
