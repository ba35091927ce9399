package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NameNotGivenTest {
  @Test
  void saysWhichRuleKeptTheNameAsFarAsWhoIsOnlineTells() {
    assertEquals("hank is taken", NameNotGiven.why("hank", Optional.of(List.of("ann", "hank"))));
    assertEquals("b0b is too like bob, a name in use", NameNotGiven.why("b0b", Optional.of(List.of("bob"))));
    assertEquals("ALICE is too like alice, a name in use", NameNotGiven.why("ALICE", Optional.of(List.of("alice"))));
    assertEquals("aIice is too like alice, a name in use", NameNotGiven.why("aIice", Optional.of(List.of("alice"))));
    assertEquals("aIice is too like ALICE, a name in use", NameNotGiven.why("aIice", Optional.of(List.of("ALICE"))));
    assertEquals(
        "hank, or a name too like it, is held for someone who just dropped", NameNotGiven.why("hank", Optional.of(List.of("ann"))));
    assertEquals("hank is taken, or held for someone who just dropped", NameNotGiven.why("hank", Optional.empty()));
  }
}
