package dev.termchat.client;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion as IRC clients do it: the in-chat commands after a slash, rooms after {@code
 * /join} (those the session knows of), after {@code /part} and {@code /switch} (its own) and in a
 * word begun with {@code #}, and the names of those online; a name that starts the line gets {@code ": "} after it, to address that person.
 * A word begun with a double quote completes to the quoted name, which {@code /msg "bob I" hi}
 * takes when several names online could be meant (see {@link Addressee}).
 */
final class ChatCompleter implements Completer {
  private final List<String> commands;
  private volatile Supplier<List<String>> names = List::of;
  private volatile Supplier<List<String>> rooms = List::of;
  private volatile Supplier<List<String>> knownRooms = List::of;
  /** The commands whose word after them is one of the session's rooms, never a person. */
  private static final Set<String> OWN_ROOM_COMMANDS = Set.of("/part", "/leave", "/switch", "/window");

  ChatCompleter(List<String> commands) {
    this.commands = commands;
  }

  /**
   * Where the names of the session's rooms come from, once there is a session, and those of the
   * rooms it knows of, to join: its own and those the last /list named.
   */
  void roomsFrom(Supplier<List<String>> own, Supplier<List<String>> known) {
    rooms = own;
    knownRooms = known;
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
    String command = first ? "" : line.words().get(0).toLowerCase(Locale.ROOT);
    if (command.equals("/join")) {
      knownRooms.get().forEach(room -> candidates.add(new Candidate(room)));
      return;
    }
    if (OWN_ROOM_COMMANDS.contains(command) || line.word().startsWith("#")) {
      rooms.get().forEach(room -> candidates.add(new Candidate(room)));
      return;
    }
    boolean quoted = !first && line.word().startsWith("\"");
    for (String name : names.get()) {
      String value = first ? name + ":" : quoted ? "\"" + name + "\"" : name;
      candidates.add(new Candidate(value, name, null, null, null, null, true));
    }
  }
}
