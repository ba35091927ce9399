package dev.termchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoomNamesTest {
  private static Optional<String> problem(String requested) {
    return RoomNames.problem(RoomNames.normalize(requested));
  }

  @ParameterizedTest
  @ValueSource(strings = {"#general", "#dev", "#ops-2026", "#日本語", "#कार्य", "#[team]", "#🚀"})
  void acceptable(String room) {
    assertEquals(Optional.empty(), problem(room));
  }

  @Test
  void sixtyFourCharactersAfterTheHashAndNoMore() {
    assertEquals(Optional.empty(), problem("#" + "a".repeat(64)));
    assertEquals(Optional.of("a room name is # and at most 64 characters"), problem("#" + "a".repeat(65)));
    assertEquals(Optional.of("a room name is # and at most 64 characters"), problem("#" + "a".repeat(10_000)));
  }

  @Test
  void startsWithAHashAndHasMore() {
    assertEquals(Optional.of("a room name starts with #, as in #general"), problem("dev"));
    assertEquals(Optional.of("a room name is # and at least one character"), problem("#"));
    assertNull(RoomNames.normalize("   "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"#a b", "#a,b"})
  void noSpaceOrCommaWhichSeparateRooms(String room) {
    assertEquals(Optional.of("a room name may not contain a space or a comma"), problem(room));
  }

  @ParameterizedTest
  @ValueSource(strings = {"#dev\u200B", "#de\u202Ev", "#d\u0435v", "#(dev)", "#dev:1", "#\u2800", "#\u0301dev"})
  void theCharacterRulesOfNames(String room) {
    Optional<String> problem = problem(room);
    assertTrue(problem.isPresent() && problem.get().startsWith("a room name "), String.valueOf(problem));
  }

  @Test
  void oneRoomWhateverTheCaseOrLookAlikeLetters() {
    assertEquals(RoomNames.keyOf("#dev"), RoomNames.keyOf("#DEV"));
    assertEquals(RoomNames.keyOf("#dev"), RoomNames.keyOf("#\uFF44\uFF45\uFF56"));
    assertEquals(RoomNames.shapeOf("#dev"), RoomNames.shapeOf("#dev"));
    assertEquals(RoomNames.keyOf("#ops"), RoomNames.keyOf("#\u1D0F\u1D18\uA731"));
    assertNotEquals(RoomNames.keyOf("#dev"), RoomNames.keyOf("#ops"));
  }

  @Test
  void normalizedToNfc() {
    assertEquals("#caf\u00E9", RoomNames.normalize(" #cafe\u0301 "));
  }
}
