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
    assertSame(everyone, names.pick(everyone));
  }

  @Test
  void pastTheCapTheMostRecentlyActiveAreNamedOldestFirst() {
    for (String name : List.of("a", "b", "c", "d", "e")) {
      names.active(name);
    }
    names.active("b");
    assertEquals(List.of("d", "e", "b"), names.pick(List.of("a", "b", "c", "d", "e")));
  }

  @Test
  void aLeaveOrARenameLeavesRoomThatTheLatestToJoinFill() {
    for (String name : List.of("a", "b", "c", "d", "e")) {
      names.active(name);
    }
    names.gone("d");
    assertEquals(List.of("c", "e", "b"), names.pick(List.of("a", "b", "c", "e")));
    names.gone("e");
    names.active("z");
    assertEquals(List.of("c", "z", "b"), names.pick(List.of("a", "b", "c", "z")));
  }

  @Test
  void aCapBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ListNames(0));
  }
}
