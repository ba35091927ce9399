package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.WebSocketRecorder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The server's own web page in a real browser: Debian's Chromium, driven through Debian's
 * chromedriver (README's setup and {@code .ci/run} install both; nothing is downloaded). Two
 * tabs chat, a terminal-side client with a hostile name and message shows up as inert text, and
 * a page of another origin cannot connect.
 */
class WebPageIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(15);
  /**
   * Things that would run if the page ever put a remote party's text in as HTML; the name calls
   * with backquotes, as names may hold no parenthesis (NameRules).
   */
  private static final String HOSTILE_NAME = "<img src=x onerror=alert`1`>";
  private static final String HOSTILE_MESSAGE = "<script>alert(2)</script><b>bold?</b> \u202Egnp.exe &amp; done";

  @TempDir Path profile;
  private ChatServer server;
  private WebDriver browser;

  @BeforeEach
  void start() throws Exception {
    assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "needs apt-get install chromium chromium-driver");
    server = ChatServer.start(ServerConfig.builder().port(0).build());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
        "--window-size=1100,700", "--user-data-dir=" + profile,
        // A second origin that is not this machine by name, for a page that must not connect.
        "--host-resolver-rules=MAP elsewhere.test 127.0.0.1");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  private String pageUrl() {
    return server.uri().toString().replaceFirst("^ws", "http") + "/";
  }

  private void join(String name) {
    browser.get(pageUrl());
    browser.findElement(By.id("name")).sendKeys(name);
    browser.findElement(By.id("join")).click();
    waitFor(() -> browser.findElement(By.id("me")).getText().equals(name));
  }

  private void say(String text) {
    browser.findElement(By.id("line")).sendKeys(text);
    browser.findElement(By.id("send")).click();
  }

  private List<String> users() {
    return browser.findElements(By.cssSelector("#users li")).stream().map(item -> item.getText()).toList();
  }

  private String messages() {
    return browser.findElement(By.id("messages")).getText();
  }

  private void waitFor(java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser, WAIT).until(driver -> condition.getAsBoolean());
  }

  private Object script(String code) {
    return ((JavascriptExecutor) browser).executeScript(code);
  }

  @Test
  void twoTabsChatAndEveryRemoteTextIsShownAsText() throws Exception {
    join("ann");
    String annTab = browser.getWindowHandle();
    browser.switchTo().newWindow(WindowType.TAB);
    join("ben");
    String benTab = browser.getWindowHandle();
    waitFor(() -> users().equals(List.of("ann", "ben")));

    browser.switchTo().window(annTab);
    waitFor(() -> users().equals(List.of("ann", "ben")));
    say("hello from ann's tab");
    browser.switchTo().window(benTab);
    waitFor(() -> messages().contains("ann") && messages().contains("hello from ann's tab"));
    say("/me waves");
    browser.switchTo().window(annTab);
    waitFor(() -> messages().contains("* ben waves"));

    WebSocketRecorder mallory = WebSocketRecorder.base(server.uri()).open();
    try {
      assertEquals(HOSTILE_NAME, register(mallory, HOSTILE_NAME));
      mallory.send(new SendMessage(HOSTILE_MESSAGE));
      waitFor(() -> users().contains(HOSTILE_NAME) && messages().contains("alert(2)"));
      assertTrue(
          messages().contains("<script>alert(2)</script><b>bold?</b> <U+202E>gnp.exe &amp; done"),
          "the message word for word, tags and all, its bidi override shown, not obeyed: " + messages());
      assertEquals(0L, script("return document.querySelectorAll('#messages *:not(li):not(span), #users *:not(li)').length"),
          "no element came from a remote party's text");
      assertNoAlert();
      Path shot = Path.of("target", "web-chat.png");
      Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } finally {
      mallory.closeBlocking();
    }
    waitFor(() -> users().equals(List.of("ann", "ben")));
  }

  private void assertNoAlert() {
    try {
      browser.switchTo().alert();
      throw new AssertionError("a remote party's text ran as script");
    } catch (NoAlertPresentException expected) {
      // Nothing ran.
    }
  }

  @Test
  void aPageOfAnotherOriginCannotConnectButTheServersOwnCan() throws Exception {
    // Another site's page that tries to join the chat in its visitor's browser.
    String target = server.uri().toString() + "/";
    String page =
        "<!doctype html><title>waiting</title><script>"
            + "const ws = new WebSocket('" + target + "');"
            + "ws.onopen = () => { document.title = 'connected'; };"
            + "ws.onclose = (e) => { if (document.title !== 'connected') document.title = 'refused ' + e.code; };"
            + "</script>";
    HttpServer elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    elsewhere.createContext(
        "/",
        exchange -> {
          byte[] body = page.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    elsewhere.start();
    try {
      browser.get("http://elsewhere.test:" + elsewhere.getAddress().getPort() + "/");
      waitFor(() -> browser.getTitle().startsWith("refused"));
      assertEquals("refused 1006", browser.getTitle(), "the handshake was refused (403), which a page sees as 1006");
      join("own");
      waitFor(() -> users().equals(List.of("own")));
    } finally {
      elsewhere.stop(0);
    }
  }
}
