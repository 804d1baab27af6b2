package io.imagecast.session.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imagecast.events.Topics;
import io.imagecast.events.transfer.ReceiverJoined;
import io.imagecast.events.transfer.ReceiverProgress;
import io.imagecast.events.transfer.TransferAccepted;
import io.imagecast.events.transfer.TransferProgress;
import io.imagecast.events.transfer.TransferStarted;
import io.imagecast.events.transfer.WaitingForReceivers;
import io.imagecast.session.TestBroker;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The sessions page (/ui/) in headless Chromium: create, watch live, drop a host, cancel, list. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class SessionsPageBrowserTest extends SessionTestSupport {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Kept by the build for a person to look at (surefire does not delete it). */
    private static final Path SCREENSHOT = Path.of("target/ui-screenshots/session-view.png");

    private WebDriver browser;

    @BeforeEach
    void start() {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian packages chromium and chromium-driver (apt-get install chromium chromium-driver)");
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
                "--window-size=1400,1000");
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String page() {
        return "http://127.0.0.1:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", String.class)
                + "/ui/";
    }

    @Test
    void createWatchDropCancelAndFindItInTheList() throws Exception {
        String group = unique("ui");
        String master = onlineGroup(group, 9400, 9409, 4);
        String name = unique("ui session");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);

        browser.get(page() + "#token=" + TestTokens.operator());
        wait.until(d -> d.findElement(By.id("status")).getText().contains("Showing")
                || d.findElement(By.id("status")).getText().contains("No sessions"));
        assertThat(browser.getCurrentUrl()).doesNotContain("token=");

        browser.findElement(By.id("nav-new")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("create-form")));
        browser.findElement(By.id("c-name")).sendKeys(name);
        browser.findElement(By.id("c-group")).sendKeys(group);
        browser.findElement(By.id("c-dir")).sendKeys("win10");
        browser.findElement(By.id("c-files")).sendKeys("d1p1.img d1p2.img");
        browser.findElement(By.id("c-hosts")).sendKeys("10.9.0.11\n10.9.0.12");
        browser.findElement(By.id("create")).click();

        wait.until(d -> d.getCurrentUrl().contains("#session="));
        UUID id = UUID.fromString(browser.getCurrentUrl().replaceAll(".*#session=", ""));
        wait.until(d -> d.findElement(By.id("s-name")).getText().equals(name));
        assertThat(browser.findElements(By.cssSelector("#host-rows tr"))).hasSize(2);
        assertThat(browser.findElement(By.id("s-log")).getAttribute("href"))
                .isEqualTo("http://localhost:8083/viewer/?session=" + id);

        // The sender's events reach the open page through the live stream, without a reload.
        TestBroker.publish(Topics.TRANSFER_EVENTS, new TransferAccepted(id, master, 2, 3000));
        TestBroker.publish(Topics.TRANSFER_EVENTS, new WaitingForReceivers(id, master, 0, 9400, 2));
        TestBroker.publish(Topics.TRANSFER_EVENTS, new ReceiverJoined(id, master, "10.9.0.11", 0, 1));
        TestBroker.publish(Topics.TRANSFER_EVENTS, new ReceiverJoined(id, master, "10.9.0.12", 0, 2));
        TestBroker.publish(
                Topics.TRANSFER_EVENTS,
                new TransferStarted(id, master, 0, 2, "d1p1.img", 1000, List.of("10.9.0.11", "10.9.0.12")));
        TestBroker.publish(
                Topics.TRANSFER_EVENTS,
                new TransferProgress(
                        id,
                        master,
                        0,
                        2,
                        500,
                        3000,
                        80_000_000,
                        3,
                        List.of(new ReceiverProgress("10.9.0.11", 500), new ReceiverProgress("10.9.0.12", 400))));
        wait.until(d -> d.findElement(By.id("s-state")).getText().equals("TRANSFERRING"));
        wait.until(d -> d.findElement(By.id("s-percent")).getText().startsWith("16.7 %"));
        assertThat(browser.findElement(By.id("s-percent")).getText()).contains("80 Mbit/s");
        assertThat(hostRow("10.9.0.11").getText()).contains("RECEIVING");
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        hostRow("10.9.0.12").findElement(By.cssSelector("button.drop")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(d -> hostRow("10.9.0.12").getText().matches("(?s).*(DROP_REQUESTED|DROPPED).*"));
        assertThat(hostRow("10.9.0.11").getText()).contains("RECEIVING");

        browser.findElement(By.id("cancel")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(d -> d.findElement(By.id("s-state")).getText().equals("CANCELLED"));
        assertThat(browser.findElement(By.id("cancel")).isDisplayed()).isFalse();
        assertThat(stateOf(id.toString())).isEqualTo("CANCELLED");

        // The list, narrowed to cancelled sessions of this group, shows it.
        browser.get(page());
        wait.until(d -> !d.findElements(By.cssSelector("#states input[value=CANCELLED]"))
                .isEmpty());
        browser.findElement(By.cssSelector("#states input[value=CANCELLED]")).click();
        browser.findElement(By.id("filter-group")).sendKeys(group);
        browser.findElement(By.id("apply-filters")).click();
        wait.until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#session-rows tr"));
            return rows.size() == 1
                    && rows.get(0).getText().contains(name)
                    && rows.get(0).getText().contains("CANCELLED");
        });
        browser.findElement(By.cssSelector("#session-rows tr")).click();
        wait.until(d -> d.findElement(By.id("s-name")).getText().equals(name));
    }

    @Test
    void withoutTokenThePageAsksForOneAndAViewerCannotCreate() {
        browser.get(page());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> d.findElement(By.id("status")).getText().contains("Paste a token"));
        assertThat(browser.findElements(By.cssSelector("#session-rows tr"))).isEmpty();

        browser.get(page() + "#token=" + TestTokens.viewer());
        browser.navigate().refresh();
        browser.get(page() + "#new");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("create-form")));
        browser.findElement(By.id("c-name")).sendKeys(unique("denied"));
        browser.findElement(By.id("c-group")).sendKeys("nowhere");
        browser.findElement(By.id("c-dir")).sendKeys("win10");
        browser.findElement(By.id("c-expected")).sendKeys("2");
        browser.findElement(By.id("create")).click();
        wait.until(d -> d.findElement(By.id("status")).getText().contains("lacks the role"));
        assertThat(browser.getCurrentUrl()).doesNotContain("#session=");
    }

    private WebElement hostRow(String host) {
        return browser.findElement(By.cssSelector("#host-rows tr[data-host='" + host + "']"));
    }
}
