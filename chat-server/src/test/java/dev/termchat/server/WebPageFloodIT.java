package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.WebSocketRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A page open through a flood stays small: it keeps the latest 1,000 lines, and a long message
 * shows its first characters until asked for more. In Chromium, counting what the page holds.
 */
class WebPageFloodIT {
  private static final int LINES = 1_000;
  private static final int FLOOD = 1_100;
  /** A message of 4,000 characters, nearly all invisible ones, each shown as 8 (<U+202E>). */
  private static final String FILLER = "\u202E\u200B".repeat(1_990);

  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.rate(1_000, 1_000));
  @RegisterExtension final ChatPage page = new ChatPage();

  private String lastLine() {
    return (String) page.script("const last = document.getElementById('messages').lastElementChild; return last ? last.textContent : '';");
  }

  private Object lineText(int index) {
    return page.script("return document.querySelectorAll('#messages > li')[arguments[0]].textContent", index);
  }

  @Test
  void aFloodLeavesTheLatestThousandLinesEachCutShort() throws Exception {
    page.join(chat.uri(), "ann");
    WebSocketRecorder flooder = chat.connect();
    assertEquals("flooder", register(flooder, "flooder"));
    for (int sent = 0; sent < FLOOD; ) {
      // In batches the page takes in before the next, so that it is not dropped as too slow.
      for (int end = Math.min(FLOOD, sent + 100); sent < end; sent++) {
        flooder.send(new SendMessage("flood " + sent + " " + FILLER + " end " + sent));
      }
      String last = "flood " + (sent - 1) + " ";
      page.waitFor(() -> lastLine().contains(last));
    }
    assertShowsTheLatestLinesCutShort();
  }

  private void assertShowsTheLatestLinesCutShort() {
    // Two notices (ann's join and the flooder's) and the flood came; the oldest 102 left the page.
    long items = (Long) page.script("return document.querySelectorAll('#messages > li').length");
    assertEquals(LINES + 1, items, "the latest lines, and a notice that older ones left the page");
    assertEquals("older messages are no longer shown: the page keeps the latest 1,000", lineText(0));
    assertTrue(((String) lineText(1)).contains("flood " + (FLOOD - LINES) + " "), "the oldest line kept: " + lineText(1));
    long characters = (Long) page.script("return document.getElementById('messages').textContent.length");
    assertTrue(characters < LINES * 700L, "each message shows 600 characters at most before its 'show more': " + characters);

    WebElement last = page.browser().findElement(By.cssSelector("#messages > li:last-child"));
    assertFalse(lastLine().contains(" end " + (FLOOD - 1)), "the end is not shown yet");
    last.findElement(By.cssSelector("button.more")).click();
    page.waitFor(() -> lastLine().endsWith(" end " + (FLOOD - 1)));
    assertTrue(lastLine().contains("<U+202E><U+200B>".repeat(1_990)), "the whole message, shown as the page shows text");
    assertTrue(last.findElements(By.cssSelector("button.more")).isEmpty());
  }
}
