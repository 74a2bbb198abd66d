package org.patchwork.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.patchwork.fixtures.TimeFactor;

/**
 * Debian's Chromium, headless, on one council node's pages: waits for each new document, checks
 * every page of the node with axe-core and keeps screenshots in target/screenshots. A smaller copy
 * of tenant-node's test {@code Browser} (that one reads passwords from its own test harness).
 */
final class PageBrowser implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target/screenshots");

  private static final long FACTOR = TimeFactor.factor();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String axe;

  private final ChromeDriver driver;
  private final String base;
  private final List<String> accessibilityProblems = new ArrayList<>();

  /** A browser on the node at {@code base}, e.g. http://127.0.0.1:28301. */
  PageBrowser(String base) {
    this.base = base.replaceAll("/$", "");
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
        "--window-size=1024,900",
        "--user-data-dir=" + tempProfile());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .build();
    driver = new ChromeDriver(service, options);
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
  PageBrowser open(String path) {
    return navigate(() -> driver.get(base + path));
  }

  /** Clicks something that leads to a new page, and waits for it. */
  PageBrowser click(By target) {
    WebElement element = driver.findElement(target);
    return navigate(element::click);
  }

  PageBrowser type(By field, String text) {
    WebElement element = driver.findElement(field);
    element.clear();
    element.sendKeys(text);
    return this;
  }

  /** Clicks something that stays on the page, such as a checkbox. */
  PageBrowser tick(By target) {
    driver.findElement(target).click();
    return this;
  }

  PageBrowser choose(By select, String value) {
    new Select(driver.findElement(select)).selectByValue(value);
    return this;
  }

  /** On Keycloak's form. */
  PageBrowser signIn(String username, String password) {
    assertThat(driver.findElements(By.id("kc-login")))
        .as("Keycloak's sign-in form at " + driver.getCurrentUrl())
        .isNotEmpty();
    type(By.id("username"), username);
    type(By.id("password"), password);
    return click(By.id("kc-login"));
  }

  /**
   * Opens the page again and again (each a real page load, checked like any other) until its text
   * satisfies the condition, or fails after the deadline: for what arrives from another council.
   */
  PageBrowser openUntil(String path, By part, Predicate<String> condition, Duration deadline) {
    new WebDriverWait(driver, deadline.multipliedBy(FACTOR))
        .pollingEvery(Duration.ofSeconds(1))
        .withMessage(() -> path + " never showed what was expected in " + part)
        .until(
            d -> {
              open(path);
              return has(part) && condition.test(text(part));
            });
    return this;
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

  List<String> textsOf(By targets) {
    return driver.findElements(targets).stream().map(WebElement::getText).toList();
  }

  String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  String url() {
    return driver.getCurrentUrl();
  }

  /** A screenshot with the element in the middle of the window. */
  PageBrowser screenshot(String name, By showing) {
    driver.executeScript(
        "arguments[0].scrollIntoView({block: 'center'});", driver.findElement(showing));
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Serious and critical axe-core findings on every page of the node visited so far. */
  List<String> accessibilityProblems() {
    return accessibilityProblems;
  }

  private PageBrowser navigate(Runnable action) {
    driver.executeScript("window.__patchworkOldPage = true;");
    action.run();
    new WebDriverWait(driver, Duration.ofSeconds(30 * FACTOR))
        .until(
            d ->
                Boolean.TRUE.equals(
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "return window.__patchworkOldPage === undefined"
                                + " && document.readyState === 'complete';")));
    if (driver.getCurrentUrl().startsWith(base)) {
      checkAccessibility();
    }
    return this;
  }

  private void checkAccessibility() {
    driver.executeScript(axeSource());
    Object result =
        driver.executeAsyncScript(
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
          PageBrowser.class.getResourceAsStream(
              "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
        assertThat(in).as("axe-core webjar on the test class path").isNotNull();
        axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return axe;
  }

  /**
   * Makes the viewport this many CSS pixels wide (headless Chromium keeps windows at least 500 px
   * wide, so through the DevTools protocol), or back to the window's width with 0.
   */
  PageBrowser narrow(int width) {
    if (width == 0) {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
    } else {
      driver.executeCdpCommand(
          "Emulation.setDeviceMetricsOverride",
          java.util.Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", true));
    }
    return this;
  }

  /** How many CSS pixels the page is wider than its viewport (0 when nothing sticks out). */
  long horizontalOverflow() {
    Object overflow =
        driver.executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    return ((Number) overflow).longValue();
  }

  /** The page's whole width in CSS pixels, overflow included (the viewport's width at most). */
  long scrollWidth() {
    return ((Number) driver.executeScript("return document.documentElement.scrollWidth;"))
        .longValue();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
