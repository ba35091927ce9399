package dev.termchat.client;

import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion as IRC clients do it: the in-chat commands after a slash, and the names of
 * those online; a name that starts the line gets {@code ": "} after it, to address that person.
 * A word begun with a double quote completes to the quoted name, which {@code /msg "bob I" hi}
 * takes when several names online could be meant (see {@link Addressee}).
 */
final class ChatCompleter implements Completer {
  private final List<String> commands;
  private volatile Supplier<List<String>> names = List::of;
  private volatile Supplier<List<String>> rooms = List::of;

  ChatCompleter(List<String> commands) {
    this.commands = commands;
  }

  /** Where the names of the session's rooms come from, once there is a session. */
  void roomsFrom(Supplier<List<String>> source) {
    rooms = source;
  }

  /** Where the names of those online come from, once there is a session. */
  void namesFrom(Supplier<List<String>> source) {
    names = source;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    boolean first = line.wordIndex() == 0;
    if (first && line.word().startsWith("/")) {
      for (String command : commands) {
        candidates.add(new Candidate(command));
      }
      return;
    }
    if (line.word().startsWith("#")) {
      for (String room : rooms.get()) {
        candidates.add(new Candidate(room));
      }
      return;
    }
    boolean quoted = !first && line.word().startsWith("\"");
    for (String name : names.get()) {
      String value = first ? name + ":" : quoted ? "\"" + name + "\"" : name;
      candidates.add(new Candidate(value, name, null, null, null, null, true));
    }
  }
}
