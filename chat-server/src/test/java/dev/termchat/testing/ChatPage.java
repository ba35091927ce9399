package dev.termchat.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The server's chat page in a real browser for each test: Debian's Chromium, headless, driven
 * through Debian's chromedriver (README's setup and {@code .ci/run} install both; nothing is
 * downloaded), with a profile of its own that is deleted afterwards. The browser's current tab is
 * the page a test talks to. Register with {@code @RegisterExtension}.
 */
public final class ChatPage implements BeforeEachCallback, AfterEachCallback {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Duration WAIT = Duration.ofSeconds(15);

  private Path profile;
  private WebDriver browser;

  /** Starts a browser. The name {@code elsewhere.test} leads to this machine, for a page of another origin. */
  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "needs apt-get install chromium chromium-driver");
    profile = Files.createTempDirectory("chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
        // A hidden tab's timers are not slowed down: a test may watch one tab while another waits.
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
        "--window-size=1100,700", "--user-data-dir=" + profile,
        "--host-resolver-rules=MAP elsewhere.test 127.0.0.1");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (browser != null) {
      browser.quit();
      browser = null;
    }
    try (Stream<Path> files = Files.walk(profile)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** The page of the server at this WebSocket address. */
  public static String pageUrl(URI server) {
    return server.toString().replaceFirst("^ws", "http") + "/";
  }

  public WebDriver browser() {
    return browser;
  }

  /** Loads the page, without joining. */
  public void open(URI server) {
    browser.get(pageUrl(server));
  }

  /** Loads the page and joins under this name, which the server gives as it is. */
  public void join(URI server, String name) {
    open(server);
    typeName(name);
    waitFor(() -> me().equals(name));
  }

  /** Types a name into the join form and joins. */
  public void typeName(String name) {
    WebElement field = browser.findElement(By.id("name"));
    field.clear();
    field.sendKeys(name);
    browser.findElement(By.id("join")).click();
  }

  /** Opens a new tab, which becomes the current one; returns the handle of the one before. */
  public String newTab() {
    String before = browser.getWindowHandle();
    browser.switchTo().newWindow(WindowType.TAB);
    return before;
  }

  public void say(String text) {
    browser.findElement(By.id("line")).sendKeys(text);
    browser.findElement(By.id("send")).click();
  }

  /** The name the page says it has, empty before it joins. */
  public String me() {
    return browser.findElement(By.id("me")).getText();
  }

  /**
   * The users list as shown, read in one step in the page: the page replaces the list's items at
   * every users frame, so items found first and read after may be gone by then (stale).
   */
  @SuppressWarnings("unchecked")
  public List<String> users() {
    return (List<String>) script("return [...document.querySelectorAll('#users li')].map((item) => item.innerText.trim())");
  }

  /** The conversation as shown, one line per item. */
  public String messages() {
    return browser.findElement(By.id("messages")).getText();
  }

  public String status() {
    return browser.findElement(By.id("status")).getText();
  }

  public String joinError() {
    return browser.findElement(By.id("join-error")).getText();
  }

  public boolean joinFormShown() {
    return browser.findElement(By.id("join-view")).isDisplayed();
  }

  public void waitFor(BooleanSupplier condition) {
    waitFor(WAIT, condition);
  }

  /** Waits for the condition; a timeout reports what the page shows. */
  public void waitFor(Duration timeout, BooleanSupplier condition) {
    new WebDriverWait(browser, timeout)
        .withMessage(() -> "the page shows status '" + status() + "', join error '" + joinError() + "', messages:\n" + messages())
        .until(driver -> condition.getAsBoolean());
  }

  /** Saves what the browser shows as target/NAME, to look at after a run. */
  public void screenshot(String name) throws IOException {
    Files.write(Path.of("target", name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  /**
   * Makes the page's viewport this size exactly, as on a device: a window's size also counts the
   * browser's own bars (headless Chromium takes 143 px of its height for them). On a phone
   * ({@code mobile}) the page's viewport meta applies and scroll bars take no room.
   */
  public void viewport(int width, int height, boolean mobile) {
    ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  public Object script(String code, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(code, arguments);
  }
}
