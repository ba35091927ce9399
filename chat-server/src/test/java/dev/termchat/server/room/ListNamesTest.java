package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListNamesTest {
  private final ListNames names = new ListNames(3);

  @Test
  void aRoomWithinTheCapIsNamedWholeInItsOwnOrder() {
    List<String> everyone = List.of("a", "b", "c");
    names.active("c");
    assertSame(everyone, names.pick(everyone.size(), () -> everyone));
  }

  @Test
  void pastTheCapTheMostRecentlyActiveAreNamedOldestFirst() {
    for (String name : List.of("a", "b", "c", "d", "e")) {
      names.active(name);
    }
    names.active("b");
    assertEquals(List.of("d", "e", "b"), pick(List.of("a", "b", "c", "d", "e")));
  }

  @Test
  void aLeaveOrARenameLeavesRoomThatTheLatestToJoinFill() {
    for (String name : List.of("a", "b", "c", "d", "e")) {
      names.active(name);
    }
    names.gone("d");
    assertEquals(List.of("c", "e", "b"), pick(List.of("a", "b", "c", "e")));
    names.gone("e");
    names.active("z");
    assertEquals(List.of("c", "z", "b"), pick(List.of("a", "b", "c", "z")));
  }

  @Test
  void aFullSetOfTheRecentIsNamedWithoutAskingForTheRoomsLongList() {
    for (String name : List.of("a", "b", "c", "d")) {
      names.active(name);
    }
    assertEquals(List.of("b", "c", "d"), names.pick(100_000, () -> {
      throw new AssertionError("the room's list was asked for");
    }));
  }

  private List<String> pick(List<String> everyone) {
    return names.pick(everyone.size(), () -> everyone);
  }

  @Test
  void aCapBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ListNames(0));
  }
}
