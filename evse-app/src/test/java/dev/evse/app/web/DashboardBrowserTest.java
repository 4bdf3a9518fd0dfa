package dev.evse.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in a real browser: Debian's Chromium and chromedriver drive a whole session on the
 * dashboard and save screenshots to target/. Skipped where they are not installed.
 */
@Timeout(120)
class DashboardBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path TARGET = Path.of("target");

  private TestStations stations;
  private Dashboard dashboard;
  private ChromeDriver driver;
  private Path profile;

  @BeforeEach
  void setUp() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      System.err.println("DashboardBrowserTest skipped: " + CHROMIUM + " or " + CHROMEDRIVER
          + " missing (apt-get install -y chromium chromium-driver)");
    }
    assumeTrue(present, "Chromium or chromedriver missing (" + CHROMIUM + ", " + CHROMEDRIVER
        + "): install Debian's chromium and chromium-driver to run the browser test");
    stations = new TestStations(2);
    dashboard = Dashboard.start(DashboardOptions.loopback(0), stations.dashboardStations, Optional.empty());
    profile = Files.createTempDirectory("evse-dashboard-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1500,1900", "--lang=en-US");
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    try {
      driver = newDriver(options);
    } catch (org.openqa.selenium.SessionNotCreatedException e) {
      // a busy machine sometimes loses Chromium's first start: once more
      System.err.println("Chromium did not start (" + e.getMessage().lines().findFirst().orElse("") + "); retrying");
      driver = newDriver(options);
    }
  }

  private static ChromeDriver newDriver(ChromeOptions options) {
    // the driver's path is explicit: Selenium Manager never runs, nothing is downloaded
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (dashboard != null) {
      dashboard.close();
    }
    if (stations != null) {
      stations.close();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private WebDriverWait waiting(long seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(100));
  }

  private WebElement card(int evse) {
    return driver.findElement(By.cssSelector("article.card[data-evse='" + evse + "']"));
  }

  private String field(int evse, String name) {
    return card(evse).findElement(By.cssSelector("[data-field='" + name + "']")).getText();
  }

  private void click(int evse, String action) {
    card(evse).findElement(By.cssSelector("button[data-action='" + action + "']")).click();
  }

  private void awaitField(int evse, String name, String text, long seconds) {
    waiting(seconds).withMessage(() -> "EVSE " + evse + " " + name + " never showed '" + text + "' (shows '"
        + field(evse, name) + "')").until(d -> field(evse, name).equals(text));
  }

  /** "12.3 Wh" or "1.234 kWh" in Wh. */
  static double wh(String text) {
    String[] parts = text.trim().split(" ");
    double v = Double.parseDouble(parts[0]);
    return parts[1].toLowerCase(Locale.ROOT).equals("kwh") ? v * 1000 : v;
  }

  private void screenshot(String name) throws Exception {
    Files.createDirectories(TARGET);
    Files.write(TARGET.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void aWholeSessionInChromium() throws Exception {
    try {
      wholeSession();
    } catch (Throwable t) {
      screenshot("dashboard-failure.png");
      System.err.println("page at failure: conn='" + driver.findElement(By.id("conn")).getText() + "'");
      driver.manage().logs().get("browser").forEach(e -> System.err.println("browser: " + e));
      throw t;
    }
  }

  private void wholeSession() throws Exception {
    driver.get(dashboard.url());
    waiting(30).until(d -> d.findElement(By.id("conn")).getText().equals("Live"));
    awaitField(1, "state", "Available", 5);
    assertThat(field(2, "state")).isEqualTo("Available");
    assertThat(field(1, "summary")).contains("No car connected");
    assertThat(field(1, "cp")).isEqualTo("A");
    assertThat(driver.findElement(By.id("banner")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("history-source")).getText()).contains("no session store");

    click(1, "plug");
    awaitField(1, "state", "Waiting for authorization", 5);
    assertThat(field(1, "cp")).isEqualTo("B");
    WebElement token = card(1).findElement(By.cssSelector("input[data-input='token']"));
    token.clear();
    token.sendKeys("E2E-TOKEN");
    click(1, "authorize");
    awaitField(1, "state", "Charging", 10);
    waiting(5).until(d -> field(1, "feedback").contains("E2E-TOKEN accepted"));
    waiting(5).until(d -> !field(1, "energy").equals("\u2013") && !field(1, "power").equals("0.00 kW"));
    double first = wh(field(1, "energy"));
    waiting(8).withMessage("energy never rose").until(d -> wh(field(1, "energy")) > first);
    assertThat(field(1, "token")).isEqualTo("E2E-TOKEN");
    assertThat(field(1, "cp")).isEqualTo("C");
    assertThat(field(1, "relays")).isEqualTo("Closed");
    assertThat(field(1, "lock")).isEqualTo("Locked");
    assertThat(field(1, "pwm")).endsWith("%");
    assertThat(field(1, "pwmHint")).startsWith("offers");
    assertThat(field(1, "summary")).startsWith("Charging at");
    assertThat(field(1, "duration")).matches("\\d\\d:\\d\\d:\\d\\d");
    String uuid = card(1).findElement(By.cssSelector("[data-field='uuid']")).getAttribute("title");
    assertThat(uuid).hasSize(36);
    assertThat(card(1).findElements(By.cssSelector(".uplot canvas"))).isNotEmpty();
    assertThat(driver.findElement(By.id("timeline")).getText()).contains("Transaction started with token E2E-TOKEN");
    // some chart history before the picture
    Thread.sleep(2500);
    screenshot("dashboard-charging.png");

    click(1, "stop");
    awaitField(1, "state", "Finished", 8);
    assertThat(field(1, "relays")).isEqualTo("Open");
    click(1, "unplug");
    awaitField(1, "state", "Available", 8);
    assertThat(field(1, "uuid")).isEqualTo("no session");
    WebElement row = waiting(5).until(d -> d.findElements(By.cssSelector("#history tbody tr[data-uuid='" + uuid + "']"))
        .stream().findFirst().orElse(null));
    List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    assertThat(cells.get(0)).isEqualTo("EVSE 1");
    assertThat(cells.get(3)).isEqualTo("E2E-TOKEN");
    assertThat(wh(cells.get(4))).isGreaterThan(0);
    assertThat(cells.get(5)).isEqualTo("Local");
    assertThat(driver.findElement(By.id("timeline")).getText()).contains("Session finished");
    screenshot("dashboard-e2e.png");

    // the connection drops: the page says so, then comes back by itself
    int port = dashboard.port();
    dashboard.close();
    waiting(10).until(d -> d.findElement(By.id("banner")).isDisplayed());
    assertThat(driver.findElement(By.id("conn")).getText()).isEqualTo("Reconnecting\u2026");
    assertThat(card(1).findElement(By.cssSelector("button[data-action='plug']")).isEnabled()).isFalse();
    screenshot("dashboard-disconnected.png");
    dashboard = Dashboard.start(DashboardOptions.loopback(port), stations.dashboardStations, Optional.empty());
    waiting(20).until(d -> d.findElement(By.id("conn")).getText().equals("Live"));
    assertThat(driver.findElement(By.id("banner")).isDisplayed()).isFalse();
    assertThat(card(1).findElement(By.cssSelector("button[data-action='plug']")).isEnabled()).isTrue();
    awaitField(1, "state", "Available", 5);
  }

}
