package org.patchwork.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.patchwork.fixtures.FederationInfrastructure;
import org.patchwork.fixtures.TimeFactor;
import org.patchwork.stack.StackStatus;

/**
 * Debian's Chromium, headless, driven like a person would: it counts the pages it waits for, checks
 * every page of ours with axe-core and keeps screenshots in target/screenshots.
 */
final class Browser implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target/screenshots");

  private static final long FACTOR = TimeFactor.factor();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String axe;

  /** Per page path, the time from request to first response byte of each visit (one user). */
  private static final java.util.Map<String, List<Double>> WAITS =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  private final ChromeDriver driver;
  private final String base;
  private final List<String> accessibilityProblems = new ArrayList<>();
  private int pageLoads;

  Browser(URL base, int width) {
    // Arquillian names the host "localhost"; the realm's sign-in client redirects to 127.0.0.1.
    this.base = base.toString().replaceAll("/$", "").replace("//localhost:", "//127.0.0.1:");
    // Selenium Manager would go looking for a driver on the network.
    System.setProperty("SE_OFFLINE", "true");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--window-size=" + width + ",900",
        "--user-data-dir=" + tempProfile());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .build();
    driver = new ChromeDriver(service, options);
    if (width < 500) {
      // Headless Chromium keeps windows at least 500 px wide: emulate the phone's viewport.
      driver.executeCdpCommand(
          "Emulation.setDeviceMetricsOverride",
          java.util.Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", true));
    }
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60 * FACTOR));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30 * FACTOR));
  }

  private static String tempProfile() {
    try {
      Path dir = Path.of("target/chromium");
      Files.createDirectories(dir);
      return Files.createTempDirectory(dir.toAbsolutePath(), "profile-").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a page of the node (or Keycloak's sign-in form when signed out). */
  Browser open(String path) {
    return navigate(() -> driver.get(base + path));
  }

  /** Clicks something that leads to a new page, and waits for it. */
  Browser click(By target) {
    WebElement element = driver.findElement(target);
    return navigate(element::click);
  }

  Browser type(By field, String text) {
    WebElement element = driver.findElement(field);
    element.clear();
    element.sendKeys(text);
    return this;
  }

  /**
   * Clicks something that leads to a page which may reload itself at once (the import page while an
   * import runs): no accessibility check here, it would race the reload; {@link #waitFor} runs it
   * on the page that stays.
   */
  Browser submit(By target) {
    WebElement element = driver.findElement(target);
    return navigate(element::click, false);
  }

  /** Chooses a file in a file input. */
  Browser attach(By field, Path file) {
    driver.findElement(field).sendKeys(file.toAbsolutePath().toString());
    return this;
  }

  /**
   * Waits until the page (perhaps reloaded by its own script) shows the target, noting the texts of
   * {@code watched} seen meanwhile; the accessibility check runs on the page found.
   */
  List<String> waitFor(By target, By watched, Duration timeout) {
    List<String> seen = new ArrayList<>();
    new WebDriverWait(driver, timeout.multipliedBy(FACTOR), Duration.ofMillis(200))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d -> {
              d.findElements(watched).stream()
                  .map(WebElement::getText)
                  .filter(t -> seen.isEmpty() || !seen.getLast().equals(t))
                  .forEach(seen::add);
              return !d.findElements(target).isEmpty();
            });
    checkAccessibility();
    return seen;
  }

  /** Clicks something that stays on the page, such as a radio button. */
  Browser tick(By target) {
    driver.findElement(target).click();
    return this;
  }

  Browser choose(By select, String value) {
    new Select(driver.findElement(select)).selectByValue(value);
    return this;
  }

  /** On Keycloak's form: the demo account's password comes from the running stack. */
  Browser signIn(String username) {
    assertThat(driver.findElements(By.id("kc-login")))
        .as("Keycloak's sign-in form at " + driver.getCurrentUrl())
        .isNotEmpty();
    type(By.id("username"), username);
    type(By.id("password"), passwordOf(username));
    return click(By.id("kc-login"));
  }

  private static String passwordOf(String username) {
    return FederationInfrastructure.status().logins().stream()
        .filter(l -> l.realm().equals(NodeApi.HOME) && l.username().equals(username))
        .map(StackStatus.Login::password)
        .findFirst()
        .orElseThrow();
  }

  String text(By target) {
    return driver.findElement(target).getText();
  }

  boolean has(By target) {
    return !driver.findElements(target).isEmpty();
  }

  String value(By field) {
    return driver.findElement(field).getAttribute("value");
  }

  String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  String url() {
    return driver.getCurrentUrl();
  }

  String title() {
    return driver.getTitle();
  }

  int pageLoads() {
    return pageLoads;
  }

  /** Forgets the node's session, as a session timeout would; Keycloak's stays. */
  void loseSession() {
    for (Cookie cookie : driver.manage().getCookies()) {
      if (cookie.getName().equalsIgnoreCase("JSESSIONID")) {
        driver.manage().deleteCookie(cookie);
      }
    }
  }

  boolean fitsWidth() {
    Object fits =
        driver.executeScript(
            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;");
    return Boolean.TRUE.equals(fits);
  }

  /** A screenshot with the element in the middle of the window. */
  Browser screenshot(String name, By showing) {
    driver.executeScript(
        "arguments[0].scrollIntoView({block: 'center'});", driver.findElement(showing));
    return screenshot(name);
  }

  Browser screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Serious and critical axe-core findings on every page of ours visited so far. */
  List<String> accessibilityProblems() {
    return accessibilityProblems;
  }

  private Browser navigate(Runnable action) {
    return navigate(action, true);
  }

  private Browser navigate(Runnable action, boolean check) {
    ((JavascriptExecutor) driver).executeScript("window.__patchworkOldPage = true;");
    action.run();
    new WebDriverWait(driver, Duration.ofSeconds(30 * FACTOR))
        .until(
            d ->
                Boolean.TRUE.equals(
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "return window.__patchworkOldPage === undefined"
                                + " && document.readyState === 'complete';")));
    pageLoads++;
    if (driver.getCurrentUrl().startsWith(base)) {
      Object wait =
          driver.executeScript(
              "var n = performance.getEntriesByType('navigation')[0];"
                  + " return n ? n.responseStart - n.requestStart : null;");
      if (wait instanceof Number millis) {
        String path = java.net.URI.create(driver.getCurrentUrl()).getPath();
        WAITS
            .computeIfAbsent(path, p -> java.util.Collections.synchronizedList(new ArrayList<>()))
            .add(millis.doubleValue());
      }
      if (check) {
        checkAccessibility();
      }
    }
    return this;
  }

  private void checkAccessibility() {
    JavascriptExecutor js = driver;
    js.executeScript(axeSource());
    Object result =
        js.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa',"
                + " 'wcag21a', 'wcag21aa']}}).then(function (r) {"
                + " done(JSON.stringify(r.violations)); }, function (e) { done('error: ' + e); });");
    String violations = String.valueOf(result);
    assertThat(violations).as("axe-core ran").doesNotStartWith("error");
    try {
      for (JsonNode violation : JSON.readTree(violations)) {
        String impact = violation.path("impact").asText();
        if (impact.equals("serious") || impact.equals("critical")) {
          List<String> targets = new ArrayList<>();
          violation.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
          accessibilityProblems.add(
              driver.getCurrentUrl().replace(base, "")
                  + ": "
                  + impact
                  + " "
                  + violation.path("id").asText()
                  + " – "
                  + violation.path("help").asText()
                  + " "
                  + targets);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized String axeSource() {
    if (axe == null) {
      try (InputStream in =
          Browser.class.getResourceAsStream(
              "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
        assertThat(in).as("axe-core webjar on the test class path").isNotNull();
        axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return axe;
  }

  /** p50 and p95 of the waits per page, as measured by the browser's navigation timing. */
  static String waits() {
    StringBuilder text =
        new StringBuilder("page waits (request to first byte, one user at a time):");
    WAITS.forEach(
        (path, list) -> {
          List<Double> sorted = new ArrayList<>(list);
          java.util.Collections.sort(sorted);
          text.append(
              String.format(
                  "%n  %-28s n=%3d p50=%6.1f ms p95=%6.1f ms",
                  path,
                  sorted.size(),
                  sorted.get((int) Math.ceil(0.50 * sorted.size()) - 1),
                  sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1)));
        });
    return text.toString();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
