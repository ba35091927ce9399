package dev.termchat.client;

import dev.termchat.protocol.Printable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a person is told of the rooms the server would not put the session in: each reason once,
 * not once a room. Past a limit (rooms a connection may be in, rooms the server keeps), a {@code
 * /join} of many rooms is refused as many times, for one reason; so are the rooms a register lists
 * ({@code --join}, and every room asked for again after a drop), whose refusals name no room.
 *
 * <p>Runs on the session thread alone; each field is confined to it.
 */
final class RoomRefusals {
  /** The reasons said on this connection for rooms its register listed. */
  private final Set<String> saidForRegister = new HashSet<>();
  /** The reasons said for joins since none waited to be sent or answered. */
  private final Set<String> saidForJoins = new HashSet<>();
  /** The rooms of joins refused for a reason said already, not named yet, by reason. */
  private final Map<String, List<String>> alsoRefused = new LinkedHashMap<>();
  /** The reason said last, which the rooms refused for it need not say again. */
  private String saidLast;

  /** A new connection: what the last one's refusals said is said again when refused again. */
  void opened() {
    saidForRegister.clear();
    saidForJoins.clear();
    alsoRefused.clear();
    saidLast = null;
  }

  /**
   * A join sent was refused for this reason: whether to say the reason now, the first time since
   * no join waited to be sent or answered; if not, the room is named later with the others refused so.
   */
  boolean joinRefused(String room, String reason) {
    if (saidForJoins.add(reason)) {
      saidLast = reason;
      return true;
    }
    alsoRefused.computeIfAbsent(reason, any -> new ArrayList<>()).add(room);
    return false;
  }

  /** A room the register listed was refused for this reason: whether to say it, the first time on this connection. */
  boolean registerRoomRefused(String reason) {
    if (saidForRegister.add(reason)) {
      saidLast = reason;
      return true;
    }
    return false;
  }

  /**
   * Once no join waits to be sent or answered: one line a reason, naming the rooms refused for a reason
   * said already, and the reason unless it is the one said last; the next refusal is said again.
   */
  List<String> alsoRefused() {
    List<String> said = new ArrayList<>();
    alsoRefused.forEach((reason, rooms) -> said.add(
        "not joined either" + (reason.equals(saidLast) ? ", for the same reason" : " (" + Printable.escape(reason) + ")")
            + ": " + Printable.escape(String.join(", ", rooms))));
    alsoRefused.clear();
    saidForJoins.clear();
    return said;
  }
}
