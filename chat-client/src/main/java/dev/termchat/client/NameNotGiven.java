package dev.termchat.client;

import dev.termchat.protocol.NameKeys;
import java.util.List;
import java.util.Optional;

/**
 * Why the server gave another name than the one asked for, in words true to its rules: a name
 * counts as taken when someone online has it or one that counts as the same (a look-alike,
 * {@link NameKeys}), or when it is held for a session that dropped and may come back.
 */
final class NameNotGiven {
  private NameNotGiven() {}

  /**
   * @param asked the name asked for
   * @param online who is online, the client itself aside; empty when not known
   */
  static String why(String asked, Optional<List<String>> online) {
    return why(asked, online, true);
  }

  /**
   * @param everyone whether {@code online} is everyone online; on a server with rooms it is only
   *     those in the client's rooms, and someone elsewhere may hold the name
   */
  static String why(String asked, Optional<List<String>> online, boolean everyone) {
    Optional<String> holder = online.flatMap(names -> names.stream().filter(name -> NameKeys.same(name, asked)).findFirst());
    if (online.isEmpty() || (holder.isEmpty() && !everyone)) {
      return asked + " is taken, or held for someone who just dropped";
    }
    if (holder.isEmpty()) {
      // Not online: held for someone whose connection dropped, who may come back within the window.
      return asked + ", or a name too like it, is held for someone who just dropped";
    }
    return holder.get().equals(asked) ? asked + " is taken" : asked + " is too like " + holder.get() + ", a name in use";
  }
}
