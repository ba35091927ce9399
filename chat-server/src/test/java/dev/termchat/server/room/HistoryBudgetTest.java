package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** All rooms' histories together, within one budget: the room that keeps the most lets go first. */
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
  void aFloodInOneRoomCostsThatRoomItsPastNotTheQuietRoomsBesideIt() {
    say(ops, "o1");
    say(ops, "o2");
    for (int i = 0; i < 20; i++) {
      say(dev, "flood " + i);
    }
    assertEquals(List.of("o1", "o2"), texts(ops));
    assertEquals(List.of("flood 19"), texts(dev));
    assertEquals(3, budget.messages());
    assertTrue(ops.after("1-1").orElseThrow().whole());
  }

  @Test
  void pastTheBudgetTheRoomThatKeepsTheMostLetsGoOfItsOldest() {
    say(dev, "d1");
    say(dev, "d2");
    say(ops, "o1");
    say(dev, "d3");
    assertEquals(List.of("d2", "d3"), texts(dev));
    assertEquals(List.of("o1"), texts(ops));
    assertEquals(3, budget.messages());
    // What #dev keeps is whole only after what it let go of.
    assertFalse(dev.after("1-0").orElseThrow().whole());
    assertTrue(dev.after("1-1").orElseThrow().whole());
    // Between rooms that keep as much, the one that just said more lets go.
    say(ops, "o2");
    assertEquals(List.of("d2", "d3"), texts(dev));
    assertEquals(List.of("o2"), texts(ops));
  }

  @Test
  void pastTheCharactersTheRoomThatKeepsTheMostCharactersLetsGoFirst() {
    HistoryBudget small = new HistoryBudget(100, 60);
    MessageHistory quiet = new MessageHistory(10, "#quiet", small);
    MessageHistory loud = new MessageHistory(10, "#loud", small);
    say(quiet, "q".repeat(13));
    for (int i = 0; i < 5; i++) {
      say(loud, "x".repeat(23));
    }
    // 18 characters a quiet line, 28 a loud one (text and name): the loud room keeps one.
    assertEquals(1, quiet.latest(10).size());
    assertEquals(1, loud.latest(10).size());
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
