package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.server.room.MessageArchive.Hit;
import dev.termchat.server.room.MessageArchive.Mark;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Search over a room's history in memory: which messages are hits, in what order, and the marks. */
class HistorySearchTest {
  private final MessageHistory history = new MessageHistory(HistorySearch.MAX_SCANNED + 10);
  private int said;

  private void say(String text) {
    String id = "1-" + ++said;
    history.reached(id);
    history.add(new ChatMessage(false, "bob", text, said, null, id, null), null);
  }

  private List<String> texts(List<Hit> hits) {
    return hits.stream().map(hit -> hit.message().message()).toList();
  }

  @Test
  void aHitHoldsEveryWordWhateverTheCaseMostMatchesFirstThenNewest() {
    say("deploy friday");
    say("deploy");
    say("Friday: DEPLOY, deploy");
    say("friday deploy");
    List<Hit> hits = HistorySearch.search(history, "#dev", "deploy FRIDAY", 10);
    assertEquals(List.of("Friday: DEPLOY, deploy", "friday deploy", "deploy friday"), texts(hits));
    assertEquals("#dev", hits.get(0).room());
    assertEquals(List.of(new Mark(0, 6), new Mark(8, 14), new Mark(16, 22)), hits.get(0).marks());
  }

  @Test
  void theLimitKeepsTheBest() {
    say("a b");
    say("a a");
    say("a");
    assertEquals(List.of("a a", "a"), texts(HistorySearch.search(history, "#general", "a", 2)));
  }

  @Test
  void wordsAreSplitAtWhiteSpaceEachOnceAndAtMostSixteen() {
    assertEquals(List.of("deploy", "friday"), HistorySearch.words("  Deploy\tfriday deploy DEPLOY "));
    assertEquals(List.of(), HistorySearch.words("   "));
    String many = String.join(" ", java.util.stream.IntStream.range(0, 40).mapToObj(i -> "w" + i).toList());
    assertEquals(HistorySearch.MAX_WORDS, HistorySearch.words(many).size());
    assertEquals(List.of(), HistorySearch.search(history, "#general", " ", 10), "no words, no hits");
  }

  @Test
  void overlappingMatchesAreOneMarkAndAMissingWordIsNoHit() {
    assertEquals(List.of(new Mark(0, 6)), HistorySearch.marks("deploy", List.of("dep", "deploy", "ploy")));
    assertNull(HistorySearch.marks("deploy friday", List.of("deploy", "monday")));
  }

  @Test
  void marksStayTheTextsOffsetsWhereLowerCaseChangesItsLength() {
    // U+0130 lower-cased is two characters: the offsets must still be the text's own.
    String text = "\u0130stanbul deploy";
    assertEquals(List.of(new Mark(9, 15)), HistorySearch.marks(text, List.of("deploy")));
  }

  @Test
  void onlyTheNewestMessagesUpToTheBoundAreRead() {
    say("needle");
    for (int i = 0; i < HistorySearch.MAX_SCANNED; i++) {
      say("hay " + i);
    }
    assertEquals(List.of(), HistorySearch.search(history, "#general", "needle", 10), "the oldest is past the bound");
    say("needle again");
    assertEquals(List.of("needle again"), texts(HistorySearch.search(history, "#general", "needle", 10)));
  }
}
