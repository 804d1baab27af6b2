package io.imagecast.logs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imagecast.logs.LogFixtures;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The viewer page in headless Chromium (Debian's chromium + chromium-driver packages). */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class ViewerBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Inject
    DataSource dataSource;

    private WebDriver browser;
    private final String session = "view-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void start() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian packages chromium and chromium-driver (apt-get install chromium chromium-driver)");
        List<io.imagecast.events.log.LogRecord> logs = new ArrayList<>();
        Instant now = Instant.now().minusSeconds(120);
        for (int i = 0; i < 8; i++) {
            logs.add(LogFixtures.line(
                    now.plusSeconds(i),
                    i == 7 ? "error" : "info",
                    "sender-service",
                    "node-v",
                    session,
                    i == 7 ? "receiver 10.9.9.9 dropped" : "progress " + i));
        }
        LogFixtures.publish(logs);
        LogFixtures.awaitStored(dataSource, session, 8);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-extensions",
                "--no-first-run",
                "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsFiltersHistogramAndSessionLinks() {
        String port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", String.class);
        browser.get("http://127.0.0.1:" + port + "/viewer/#token=" + TestTokens.viewer());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);

        // Token taken from the fragment, label values loaded into the filters.
        wait.until(d -> new Select(d.findElement(By.id("service")))
                .getOptions().stream().anyMatch(o -> o.getText().equals("sender-service")));
        assertThat(browser.getCurrentUrl()).doesNotContain("token=");

        browser.findElement(By.id("session")).sendKeys(session);
        browser.findElement(By.id("search")).click();
        wait.until(d -> d.findElements(By.cssSelector("#rows tr")).size() == 8);
        List<WebElement> rows = browser.findElements(By.cssSelector("#rows tr"));
        assertThat(rows.get(0).getText()).contains("receiver 10.9.9.9 dropped").contains("error");
        assertThat(browser.findElement(By.id("session-bar")).isDisplayed()).isTrue();

        // Histogram: bars for both levels, legend with totals.
        wait.until(d ->
                !d.findElements(By.cssSelector("#histogram rect.level-error")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#histogram rect.level-info")))
                .isNotEmpty();
        assertThat(browser.findElement(By.id("legend")).getText())
                .contains("info 7")
                .contains("error 1");

        // Text search narrows the rows.
        browser.findElement(By.id("text")).sendKeys("progress 3");
        browser.findElement(By.id("search")).click();
        wait.until(d -> d.findElements(By.cssSelector("#rows tr")).size() == 1
                && d.findElement(By.cssSelector("#rows tr")).getText().contains("progress 3"));

        // A session link selects that session.
        browser.findElement(By.id("text")).clear();
        browser.findElement(By.id("session")).clear();
        // Other test classes in this JVM stored thousands of newer lines: narrow to this node.
        new Select(browser.findElement(By.id("node"))).selectByValue("node-v");
        browser.findElement(By.id("search")).click();
        // The table is re-rendered when the search answers: find and click in one retried step.
        wait.until(d -> {
            WebElement link = d.findElements(By.cssSelector("#rows a.session-link")).stream()
                    .filter(a -> a.getText().equals(session))
                    .findFirst()
                    .orElse(null);
            if (link == null) {
                return false;
            }
            link.click();
            return true;
        });
        wait.until(d -> d.findElement(By.id("session")).getAttribute("value").equals(session));
        wait.until(d -> d.findElements(By.cssSelector("#rows tr")).size() == 8);

        // Live tail: a new line appears at the top without searching again.
        browser.findElement(By.id("tail")).click();
        wait.until(d -> d.findElement(By.id("status")).getText().contains("Live tail on"));
        try {
            LogFixtures.publish(
                    List.of(LogFixtures.line(Instant.now(), "warn", "sender-service", "node-v", session, "live line")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        wait.until(d -> d.findElement(By.cssSelector("#rows tr")).getText().contains("live line"));
    }

    @Test
    void withoutTokenTheViewerAsksForOne() {
        String port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", String.class);
        browser.get("http://127.0.0.1:" + port + "/viewer/");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("status")).getText().contains("Paste a viewer token"));
        assertThat(browser.findElements(By.cssSelector("#rows tr"))).isEmpty();
    }
}
