package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.WebSocketRecorder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** What a team expects of a chat page, in Chromium: mentions, links, recall, a remembered name, a phone. */
class WebPageTeamIT {
  @RegisterExtension final ChatFixture chat = new ChatFixture();
  @RegisterExtension final ChatPage page = new ChatPage();

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> links() {
    return (List<Map<String, Object>>) page.script(
        "return [...document.querySelectorAll('#messages a')].map((a) => ({href: a.getAttribute('href'), rel: a.rel, target: a.target, text: a.textContent}))");
  }

  @Test
  void mentionsAreMarkedAndWhileTheTabIsHiddenTheBrowserNotifies() throws Exception {
    page.join(chat.uri(), "ann");
    // As a browser that was allowed to notify, with the tab in the background.
    page.script(
        "window.told = [];"
            + "window.Notification = class { constructor(title, options) { window.told.push(title + ': ' + options.body); } };"
            + "window.Notification.permission = 'granted';"
            + "Object.defineProperty(document, 'hidden', { get: () => true });");
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    bob.send(new SendMessage("ANN, the build is green; annex is not you"));
    page.waitFor(() -> page.messages().contains("the build is green"));
    assertEquals(List.of("ANN"), page.script("return [...document.querySelectorAll('#messages mark.mention')].map((m) => m.textContent)"));
    assertEquals(List.of("bob mentioned you: ANN, the build is green; annex is not you"), page.script("return window.told"));
    bob.send(new SendMessage("no one named here"));
    page.waitFor(() -> page.messages().contains("no one named here"));
    assertEquals(1L, page.script("return window.told.length"));
  }

  @Test
  void webLinksOpenApartFromThePageAndNoOtherSchemeIsALink() throws Exception {
    page.join(chat.uri(), "ann");
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    bob.send(new SendMessage("see https://example.test/a?b=1. and javascript:alert(1) or data:text/html,x or http://x.test"));
    page.waitFor(() -> page.messages().contains("http://x.test"));
    assertEquals(
        List.of(
            Map.of("href", "https://example.test/a?b=1", "rel", "noopener noreferrer", "target", "_blank", "text", "https://example.test/a?b=1"),
            Map.of("href", "http://x.test", "rel", "noopener noreferrer", "target", "_blank", "text", "http://x.test")),
        links());
  }

  @Test
  void upBringsBackTheLinesTypedAndTheNameIsOfferedAgainOnTheNextVisit() throws Exception {
    page.join(chat.uri(), "ann");
    page.say("first");
    page.say("second");
    page.waitFor(() -> page.messages().contains("second"));
    WebElement line = page.browser().findElement(By.id("line"));
    line.sendKeys(Keys.ARROW_UP);
    assertEquals("second", line.getAttribute("value"));
    line.sendKeys(Keys.ARROW_UP);
    assertEquals("first", line.getAttribute("value"));
    line.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
    assertEquals("", line.getAttribute("value"));

    page.open(chat.uri());
    assertEquals("ann", page.browser().findElement(By.id("name")).getAttribute("value"));
  }

  @Test
  void namesListsWhoIsInTheRoom() throws Exception {
    page.join(chat.uri(), "ann");
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    page.waitFor(() -> page.users().equals(List.of("ann", "bob")));
    page.say("/names");
    page.waitFor(() -> page.messages().contains("in #general (2): ann, bob"));
  }

  @Test
  void onAPhoneNothingIsCutOff() throws Exception {
    page.browser().manage().window().setSize(new Dimension(390, 844));
    page.join(chat.uri(), "ann");
    long width = (Long) page.script("return document.documentElement.clientWidth");
    for (String id : List.of("send", "line", "messages", "users")) {
      Map<?, ?> box = (Map<?, ?>) page.script(
          "const r = document.getElementById(arguments[0]).getBoundingClientRect(); return {left: r.left, right: r.right};", id);
      double left = ((Number) box.get("left")).doubleValue();
      double right = ((Number) box.get("right")).doubleValue();
      assertTrue(left >= 0 && right <= width, id + " spans " + left + " to " + right + " of " + width);
    }
    assertEquals(Boolean.FALSE, page.script("return document.documentElement.scrollWidth > document.documentElement.clientWidth"));
  }
}
