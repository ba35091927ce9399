package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

/** What Tab offers after each command: rooms where a room goes, names where a name does. */
class ChatCompleterTest {
  private final ChatCompleter completer = new ChatCompleter(InChatCommands.NAMES);
  /** As the console's: no escapes, no quotes. */
  private final DefaultParser parser = new DefaultParser().escapeChars(new char[0]).quoteChars(new char[0]);

  private List<String> offered(String typed) {
    List<Candidate> found = new ArrayList<>();
    completer.complete(null, parser.parse(typed, typed.length(), Parser.ParseContext.COMPLETE), found);
    return found.stream().map(Candidate::value).toList();
  }

  @Test
  void partAndSwitchOfferOwnRoomsOnlyAndJoinTheRoomsKnownOf() {
    completer.namesFrom(() -> List.of("devon", "alice"));
    completer.roomsFrom(() -> List.of("#general", "#dev"), () -> List.of("#general", "#dev", "#random"));
    assertEquals(List.of("#general", "#dev"), offered("/part #"));
    assertEquals(List.of("#general", "#dev"), offered("/part d"));
    assertEquals(List.of("#general", "#dev"), offered("/switch #d"));
    assertEquals(List.of("#general", "#dev", "#random"), offered("/join #r"));
    assertEquals(List.of("#general", "#dev", "#random"), offered("/join #dev #r"));
    assertEquals(List.of("#general", "#dev"), offered("see #d"));
    assertEquals(List.of("devon", "alice"), offered("/msg d"));
  }
}
