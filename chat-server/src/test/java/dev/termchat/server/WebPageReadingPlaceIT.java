package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.WebSocketRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Where the page leaves a person reading back, in Chromium, as Slack and Element do: a line of
 * another's does not pull the pane down (a hint says it came), a line of their own and the answer
 * to their /search are shown where they look.
 */
class WebPageReadingPlaceIT {
  /** Where the pane is scrolled to: well above its end, and not at the top, which asks for earlier lines. */
  private static final int READING = 100;

  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.historySize(1000));
  @RegisterExtension final ChatPage page = new ChatPage();

  private WebSocketRecorder bob;

  @BeforeEach
  void aPersonReadsBackInALongConversation() throws Exception {
    bob = chat.connect();
    register(bob, "bob");
    bob.send(new SendMessage("deploy on friday"));
    bob.nextMessage();
    for (int i = 2; i <= 50; i++) { // Within the burst of bob's rate, at the server's pace
      bob.send(new SendMessage("line " + i));
      bob.nextMessage();
    }
    page.viewport(800, 400, false);
    page.join(chat.uri(), "ann");
    page.waitFor(() -> page.messages().contains("line 50"));
    page.script("document.getElementById('messages').scrollTop = arguments[0]", READING);
    page.waitFor(() -> scrolledTo() == READING);
  }

  @Test
  void aLineOfAnothersLeavesThePaneWhereItIsAndAHintSaysItCame() throws Exception {
    assertFalse(hintShown(), "nothing new yet");
    bob.send(new SendMessage("said while ann reads back"));
    page.waitFor(() -> page.messages().contains("said while ann reads back"));
    assertEquals(READING, scrolledTo(), "the pane is not pulled away from what is read");
    page.waitFor(this::hintShown);

    page.browser().findElement(By.id("below")).click();
    page.waitFor(() -> inView("#messages > li:last-child"));
    page.waitFor(() -> !hintShown());
  }

  @Test
  void aLineOfOnesOwnTakesThePersonToTheEnd() {
    page.say("my own line");
    page.waitFor(() -> page.messages().contains("my own line"));
    page.waitFor(() -> inView("#messages > li:last-child"));
    assertTrue(((String) page.script("return document.querySelector('#messages > li:last-child').textContent")).endsWith("my own line"));
    assertFalse(hintShown());
  }

  @Test
  void theHitsOfASearchAreShownWhereThePersonLooks() {
    page.say("/search friday");
    page.waitFor(() -> Boolean.TRUE.equals(page.script("return document.querySelector('#messages li.hit') !== null")));
    page.waitFor(() -> inView("#messages li.hit"));
    assertTrue(inView("#messages li.hit"), "the hit is in sight");
    assertTrue(inView("#messages li.notice:has(+ li.hit)"), "under its heading, in sight too");
    assertFalse(hintShown(), "the hits are not news below");
  }

  private long scrolledTo() {
    return Math.round(((Number) page.script("return document.getElementById('messages').scrollTop")).doubleValue());
  }

  private boolean hintShown() {
    return page.browser().findElement(By.id("below")).isDisplayed();
  }

  /** Whether the element is wholly within the pane's visible part. */
  private boolean inView(String selector) {
    return Boolean.TRUE.equals(page.script(
        "const pane = document.getElementById('messages').getBoundingClientRect();"
            + "const it = document.querySelector(arguments[0]).getBoundingClientRect();"
            + "return it.top >= pane.top - 1 && it.bottom <= pane.bottom + 1;",
        selector));
  }
}
