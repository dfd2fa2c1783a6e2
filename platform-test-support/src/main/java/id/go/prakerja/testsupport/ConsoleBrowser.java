package id.go.prakerja.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console's page in a real, headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}), driven as an operator would: sign in, read the funnel, open a
 * backlog reason down to a participant's timeline, download a CSV, take a screenshot. Used by
 * the console's own test and by the end-to-end journey against the running platform.
 *
 * <pre>{@code
 * try (ConsoleBrowser browser = ConsoleBrowser.open("http://localhost:8080", downloads)) {
 *     browser.signIn("operator", password);
 *     Map<String, Long> funnel = browser.funnel();
 *     ConsoleBrowser.Timeline timeline = browser.openTimeline("PAYMENT", "PAYMENT_UNKNOWN");
 *     Path csv = browser.downloadCsv("csv-funnel", "funnel.csv");
 *     browser.showFunnel().screenshot(Path.of("docs/operator-console-funnel.png"));
 * }
 * }</pre>
 */
public final class ConsoleBrowser implements AutoCloseable {

    /** Flags that keep a headless Chromium quiet, offline apart from the page, and free of any earlier profile. */
    public static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1400,1800");

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final String baseUrl;
    private final Path downloads;
    private final Path profile;

    private ConsoleBrowser(WebDriver driver, String baseUrl, Path downloads, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.downloads = downloads;
        this.profile = profile;
    }

    /**
     * Starts Chromium on the console's page.
     *
     * @param baseUrl where the page is served: the gateway ({@code http://localhost:8080}) or the console itself
     * @param downloads an empty directory for CSV downloads
     */
    public static ConsoleBrowser open(String baseUrl, Path downloads) {
        try {
            Files.createDirectories(downloads);
            Path profile = Files.createTempDirectory("console-browser-profile");
            ChromeOptions options = new ChromeOptions();
            binary("PRAKERJA_CHROMIUM", "/usr/bin/chromium").ifPresent(path -> options.setBinary(path.toFile()));
            options.addArguments(FLAGS);
            options.addArguments("--user-data-dir=" + profile.toAbsolutePath());
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                    "download.prompt_for_download", false, "safebrowsing.enabled", false));
            ChromeDriverService.Builder service = new ChromeDriverService.Builder();
            binary("PRAKERJA_CHROMEDRIVER", "/usr/bin/chromedriver").ifPresent(path -> service.usingDriverExecutable(path.toFile()));
            ChromeDriver driver = new ChromeDriver(service.build(), options);
            driver.get(baseUrl + "/console/");
            return new ConsoleBrowser(driver, baseUrl, downloads, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.Optional<Path> binary(String variable, String fallback) {
        String configured = System.getenv(variable);
        Path path = Path.of(configured != null && !configured.isBlank() ? configured : fallback);
        return Files.isExecutable(path) ? java.util.Optional.of(path) : java.util.Optional.empty();
    }

    /** Signs in with the local operator login the page offers (user name and password). */
    public ConsoleBrowser signIn(String username, String password) {
        WebElement user = waitFor(By.id("username"));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in-button")).click();
        waitFor(By.id("tab-funnel"));
        return this;
    }

    /** Bahasa Indonesia ("id", the default) or English ("en"). */
    public ConsoleBrowser language(String language) {
        new Select(driver.findElement(By.id("language"))).selectByValue(language);
        return this;
    }

    public ConsoleBrowser showFunnel() {
        waitFor(By.id("tab-funnel")).click();
        waitUntil(d -> !d.findElements(By.cssSelector("[data-funnel-step]")).isEmpty());
        return this;
    }

    /** The funnel's counts in total as the page shows them, step by step (REGISTERED, ...), once they are on the page. */
    public Map<String, Long> funnel() {
        showFunnel();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (WebElement cell : driver.findElements(By.cssSelector("[data-funnel-step]"))) {
            counts.put(cell.getAttribute("data-funnel-step"), Long.parseLong(cell.getText().replaceAll("[^0-9]", "")));
        }
        return counts;
    }

    /** Waits until the page shows at least this many at a step (live updates arrive without reloading). */
    public Map<String, Long> funnelOnceAtLeast(String step, long count) {
        showFunnel();
        waitUntil(d -> d.findElements(By.cssSelector("[data-funnel-step='" + step + "']")).stream()
                .anyMatch(cell -> Long.parseLong(cell.getText().replaceAll("[^0-9]", "")) >= count));
        return funnel();
    }

    /** The reasons the backlog shows, as stage/reason. */
    public List<String> backlogReasons() {
        waitFor(By.id("tab-backlog")).click();
        waitUntil(d -> !d.findElements(By.cssSelector("#backlog-table a.reason")).isEmpty());
        List<String> reasons = new ArrayList<>();
        for (WebElement link : driver.findElements(By.cssSelector("#backlog-table a.reason"))) {
            reasons.add(link.getAttribute("data-stage") + "/" + link.getAttribute("data-reason"));
        }
        return reasons;
    }

    /** What the page shows of one participant's timeline. */
    public record Timeline(String participantId, List<String> eventTypes) {
    }

    /** Opens a backlog reason's list, then the first participant in it, and reads their timeline. */
    public Timeline openTimeline(String stage, String reason) {
        backlogReasons();
        waitFor(By.cssSelector("#backlog-table a.reason[data-stage='" + stage + "'][data-reason='" + reason + "']")).click();
        WebElement participant = waitFor(By.cssSelector("#waiting-list a.participant"));
        String participantId = participant.getAttribute("data-participant");
        participant.click();
        waitUntil(d -> participantId.equals(d.findElement(By.id("timeline-participant")).getText())
                && !d.findElements(By.cssSelector("#timeline li.event")).isEmpty());
        List<String> types = driver.findElements(By.cssSelector("#timeline li.event")).stream()
                .map(e -> e.getAttribute("data-type")).toList();
        return new Timeline(participantId, types);
    }

    /**
     * Clicks a CSV button of the current view ({@code csv-funnel}, {@code csv-backlog},
     * {@code csv-waiting}, {@code csv-timeline}, {@code csv-money}, {@code csv-operations}) and waits for the file.
     */
    public Path downloadCsv(String buttonId, String filename) {
        Path file = downloads.resolve(filename);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        WebElement button = waitFor(By.id(buttonId));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView(true);", button);
        button.click();
        new WebDriverWait(driver, WAIT).until(d -> Files.isRegularFile(file) && size(file) > 0);
        return file;
    }

    /** Error messages the page shows now (a failed request, a script error it caught); empty when all is well. */
    public List<String> errors() {
        return driver.findElements(By.cssSelector(".error")).stream().filter(WebElement::isDisplayed).map(WebElement::getText)
                .filter(text -> !text.isBlank()).toList();
    }

    /** Saves what the browser shows now as a PNG. */
    public Path screenshot(Path target) {
        try {
            if (target.toAbsolutePath().getParent() != null) {
                Files.createDirectories(target.toAbsolutePath().getParent());
            }
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(target, png);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public WebDriver driver() {
        return driver;
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(driver, WAIT).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.getFirst().isDisplayed() ? null : found.getFirst();
        });
    }

    private void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind harms nothing
            }
        }
    }
}
