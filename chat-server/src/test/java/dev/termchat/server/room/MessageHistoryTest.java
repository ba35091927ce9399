package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.server.room.MessageHistory.Kept;
import org.junit.jupiter.api.Test;

/**
 * What came after a position, told by the order of the log's ids ({@code MILLIS-SEQUENCE}, as a
 * cluster's stream gives them): whole only from the first entry seen, the newest message let go
 * of, and the point where the log last went back behind itself.
 */
class MessageHistoryTest {
  private final MessageHistory history = new MessageHistory(3);

  private void message(String id) {
    history.reached(id);
    history.add(new ChatMessage(false, "bob", "at " + id, 0, null, id, null), null);
  }

  /** What a client that joins at {@code joinAt} and resumes after {@code id} is told it missed. */
  private String after(String id, String joinAt) {
    history.reached(joinAt);
    return history
        .after(id)
        .map(missed -> (missed.whole() ? "whole " : "gap ") + missed.messages().stream().map(Kept::message).map(ChatMessage::message).toList())
        .orElse("unknown");
  }

  @Test
  void positionsCompareAsNumbersNotAsText() {
    message("1700000000999-0");
    message("1700000001000-0");
    message("1700000001000-10");
    assertEquals("whole [at 1700000001000-0, at 1700000001000-10]", after("1700000000999-5", "1700000001000-11"));
    assertEquals("whole [at 1700000001000-10]", after("1700000001000-9", "1700000001000-12"));
  }

  @Test
  void beforeTheFirstEntrySeenMessagesMayHaveBeenSaidThatItNeverHad() {
    history.reached("100-5");
    message("100-6");
    assertEquals("gap [at 100-6]", after("100-4", "100-7"));
    assertEquals("whole [at 100-6]", after("100-5", "100-8"));
  }

  @Test
  void aLogThatWentBackBehindItselfIsWholeOnlyFromThere() {
    message("500-1");
    message("500-2");
    history.reached("300-1"); // Its stream deleted and begun anew under a clock behind.
    message("300-2");
    assertEquals("unknown", after("500-1", "300-3"), "from the earlier run, past the new one");
    assertEquals("gap [at 300-2]", after("200-1", "300-4"), "before the new run began");
    assertEquals("whole [at 300-2]", after("300-1", "300-5"), "not the earlier run's, though their ids are higher");
    message("300-6");
    message("300-7");
    message("300-8"); // Lets 300-2 go; the earlier run's were let go before it.
    assertEquals("gap [at 300-6, at 300-7, at 300-8]", after("300-1", "300-9"));
    assertEquals("whole [at 300-6, at 300-7, at 300-8]", after("300-2", "300-10"));
  }

  @Test
  void anEntryWithoutAPositionBreaksTheOrder() {
    message("100-1");
    history.reached("not-a-position");
    message("100-3");
    assertEquals("gap [at 100-3]", after("100-1", "100-4"));
    assertEquals("whole []", after("100-3", "100-5"));
  }
}
