package dev.termchat.client;

import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.LineReader;
import org.jline.reader.Reference;
import org.jline.utils.InfoCmp;

/**
 * PageUp pages back through the room typed in, as {@code /history} does, where the terminal says
 * which keys PageUp sends (its terminfo's {@code kpp}); elsewhere {@code /history} alone does. A
 * key never waits for the session: the request is handed to it.
 */
final class RecallKeys {
  private RecallKeys() {}

  static void bind(LineReader reader, SessionRecall recall) {
    String pageUp = KeyMap.key(reader.getTerminal(), InfoCmp.Capability.key_ppage);
    if (pageUp == null || pageUp.isEmpty()) {
      return;
    }
    reader.getWidgets().put("termchat-page-up", () -> {
      recall.pageUp();
      return true;
    });
    reader.getKeyMaps().get(LineReader.MAIN).bind(new Reference("termchat-page-up"), pageUp);
  }
}
