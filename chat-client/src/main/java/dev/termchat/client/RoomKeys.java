package dev.termchat.client;

import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.LineReader;
import org.jline.reader.Reference;

/**
 * The keys that switch rooms, as irssi and WeeChat users expect them: Ctrl-N and Ctrl-P to the
 * next and the previous room, Alt-1 to Alt-9 to the room of that number, in the order joined.
 * Up and Down still walk the lines typed. A key never waits for the session: the switch is
 * handed to it.
 */
final class RoomKeys {
  private RoomKeys() {}

  static void bind(LineReader reader, SessionRooms rooms) {
    KeyMap<Binding> keys = reader.getKeyMaps().get(LineReader.MAIN);
    bind(reader, keys, "termchat-next-room", KeyMap.ctrl('N'), () -> rooms.step(1));
    bind(reader, keys, "termchat-previous-room", KeyMap.ctrl('P'), () -> rooms.step(-1));
    for (int n = 1; n <= 9; n++) {
      int number = n;
      bind(reader, keys, "termchat-room-" + n, KeyMap.alt((char) ('0' + n)), () -> rooms.number(number));
    }
  }

  private static void bind(LineReader reader, KeyMap<Binding> keys, String name, String key, Runnable action) {
    reader.getWidgets().put(name, () -> {
      action.run();
      return true;
    });
    keys.bind(new Reference(name), key);
  }
}
