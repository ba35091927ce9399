package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.WebSocketRecorder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * The server's own web page in a real browser ({@link ChatPage}): two tabs chat, a terminal-side
 * client with a hostile name and message shows up as inert text, and a page of another origin
 * cannot connect.
 */
class WebPageIT {
  /**
   * Things that would run if the page ever put a remote party's text in as HTML; the name calls
   * with backquotes, as names may hold no parenthesis (NameRules).
   */
  private static final String HOSTILE_NAME = "<img src=x onerror=alert`1`>";
  private static final String HOSTILE_MESSAGE = "<script>alert(2)</script><b>bold?</b> \u202Egnp.exe &amp; done";

  @RegisterExtension final ChatFixture chat = new ChatFixture();
  @RegisterExtension final ChatPage page = new ChatPage();

  @Test
  void twoTabsChatAndEveryRemoteTextIsShownAsText() throws Exception {
    page.join(chat.uri(), "ann");
    String annTab = page.newTab();
    page.join(chat.uri(), "ben");
    String benTab = page.browser().getWindowHandle();
    page.waitFor(() -> page.users().equals(List.of("ann", "ben")));

    page.browser().switchTo().window(annTab);
    page.waitFor(() -> page.users().equals(List.of("ann", "ben")));
    page.say("hello from ann's tab");
    page.browser().switchTo().window(benTab);
    page.waitFor(() -> page.messages().contains("ann") && page.messages().contains("hello from ann's tab"));
    page.say("/me waves");
    page.browser().switchTo().window(annTab);
    page.waitFor(() -> page.messages().contains("* ben waves"));
    assertEquals(
        "ben",
        page.script("return [...document.querySelectorAll('#messages li')]"
            + ".filter(li => li.textContent.endsWith('* ben waves'))[0].querySelector('.from').textContent"),
        "the actor's name set apart as in a message, so a name of several words cannot pass for another's action");

    WebSocketRecorder mallory = chat.connect();
    try {
      assertEquals(HOSTILE_NAME, register(mallory, HOSTILE_NAME));
      mallory.send(new SendMessage(HOSTILE_MESSAGE));
      page.waitFor(() -> page.users().contains(HOSTILE_NAME) && page.messages().contains("alert(2)"));
      assertTrue(
          page.messages().contains("<script>alert(2)</script><b>bold?</b> <U+202E>gnp.exe &amp; done"),
          "the message word for word, tags and all, its bidi override shown, not obeyed: " + page.messages());
      // The page's own marks of a mention and its links are the only elements a message may get.
      assertEquals(0L, page.script("return document.querySelectorAll("
              + "'#messages *:not(li):not(span):not(mark.mention):not(a[rel=\"noopener noreferrer\"]), #users *:not(li)').length"),
          "no element came from a remote party's text");
      assertNoAlert();
      Path shot = Path.of("target", "web-chat.png");
      Files.write(shot, ((TakesScreenshot) page.browser()).getScreenshotAs(OutputType.BYTES));
    } finally {
      mallory.closeBlocking();
    }
    page.waitFor(() -> page.users().equals(List.of("ann", "ben")));
  }

  private void assertNoAlert() {
    try {
      page.browser().switchTo().alert();
      throw new AssertionError("a remote party's text ran as script");
    } catch (NoAlertPresentException expected) {
      // Nothing ran.
    }
  }

  @Test
  void aPageOfAnotherOriginCannotConnectButTheServersOwnCan() throws Exception {
    // Another site's page that tries to join the chat in its visitor's browser.
    String target = chat.uri().toString() + "/";
    String hostile =
        "<!doctype html><title>waiting</title><script>"
            + "const ws = new WebSocket('" + target + "');"
            + "ws.onopen = () => { document.title = 'connected'; };"
            + "ws.onclose = (e) => { if (document.title !== 'connected') document.title = 'refused ' + e.code; };"
            + "</script>";
    HttpServer elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    elsewhere.createContext(
        "/",
        exchange -> {
          byte[] body = hostile.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    elsewhere.start();
    try {
      page.browser().get("http://elsewhere.test:" + elsewhere.getAddress().getPort() + "/");
      page.waitFor(() -> page.browser().getTitle().startsWith("refused"));
      assertEquals("refused 1006", page.browser().getTitle(), "the handshake was refused (403), which a page sees as 1006");
      page.join(chat.uri(), "own");
      page.waitFor(() -> page.users().equals(List.of("own")));
    } finally {
      elsewhere.stop(0);
    }
  }
}
