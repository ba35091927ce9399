package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** All rooms' histories together, within one budget: the oldest message of all goes first. */
class HistoryBudgetTest {
  private final HistoryBudget budget = new HistoryBudget(3, 1_000);
  private final MessageHistory dev = new MessageHistory(10, "#dev", budget);
  private final MessageHistory ops = new MessageHistory(10, "#ops", budget);
  private long entry;

  private void say(MessageHistory history, String text) {
    String id = "1-" + ++entry;
    history.reached(id);
    history.add(new ChatMessage(false, "alice", text, entry, null, id, null), null);
  }

  private static List<String> texts(MessageHistory history) {
    return history.latest(10).stream().map(kept -> kept.message().message()).toList();
  }

  @Test
  void pastTheBudgetTheOldestMessageOfAllRoomsGoesWhicheverRoomItIsIn() {
    say(dev, "d1");
    say(ops, "o1");
    say(dev, "d2");
    say(ops, "o2");
    assertEquals(List.of("d2"), texts(dev));
    assertEquals(List.of("o1", "o2"), texts(ops));
    assertEquals(3, budget.messages());
    // What #dev keeps is whole only after what it let go of.
    assertFalse(dev.after("1-0").orElseThrow().whole());
    assertTrue(dev.after("1-1").orElseThrow().whole());
  }

  @Test
  void charactersCountAsMessagesDo() {
    HistoryBudget small = new HistoryBudget(100, 30);
    MessageHistory room = new MessageHistory(10, "#dev", small);
    for (int i = 0; i < 4; i++) {
      room.reached("1-" + i);
      room.add(new ChatMessage(false, "al", "x".repeat(8), i, null, "1-" + i, null), null);
    }
    // Ten characters each (text and name): three fit in thirty.
    assertEquals(3, room.latest(10).size());
  }

  @Test
  void messagesARoomLetGoOfItselfLeaveTheBudgetAtOnce() {
    MessageHistory small = new MessageHistory(1, "#dev", budget);
    for (int i = 0; i < 50; i++) {
      say(small, "m" + i);
    }
    say(ops, "o1");
    assertEquals(List.of("m49"), texts(small));
    assertEquals(List.of("o1"), texts(ops));
    assertEquals(2, budget.messages());
  }
}
