package dev.termchat.client;

import dev.termchat.protocol.Printable;
import dev.termchat.protocol.Topic;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Wire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A room the session is in, as {@link ChatRooms} keeps it: its name as the server gives it, its
 * members, its topic, and what was said there that the person has not read, across reconnects.
 *
 * <p>Runs on the session thread alone; each field is confined to it.
 */
final class JoinedRoom {
  String name;
  /** Its members as shown; null until its list came on this connection. */
  List<String> members;
  Topic topic;
  /** The mark of each member with a rank, {@code @} (owner, operator) or {@code +} (voiced), by name. */
  private final Map<String, String> marks = new HashMap<>();
  private int unread;
  private int mentions;

  JoinedRoom(String name) {
    this.name = name;
  }

  /** Its members, the session among them, last unless the list names it: whether shown before. */
  boolean listed(List<String> names, String self) {
    boolean shown = members != null;
    members = new ArrayList<>(names);
    if (!members.contains(self)) {
      members.add(self);
    }
    return shown;
  }

  /** The server's answer to a join of it names who has a rank there now ({@code op=NAME}, {@code voice=NAME}). */
  void ranks(List<String> options) {
    marks.clear();
    Options.values(options, Wire.OPTION_VOICE).forEach(name -> marks.put(name, "+"));
    Options.values(options, Wire.OPTION_OP).forEach(name -> marks.put(name, "@"));
  }

  /** A rank given or taken in it, as its moderation notice tells. */
  void ranked(ModerationAct act, String name) {
    switch (act) {
      case OP -> marks.put(name, "@");
      case VOICE -> marks.put(name, "+");
      case DEOP, DEVOICE -> marks.remove(name);
      default -> {}
    }
  }

  /** Its members as {@code /names} shows them: each with its mark, as IRC does. */
  List<String> membersMarked() {
    return members.stream().map(member -> marks.getOrDefault(member, "") + member).toList();
  }

  /** Someone in it took a new name. */
  void renamed(String from, String to) {
    String mark = marks.remove(from);
    if (mark != null) {
      marks.put(to, mark);
    }
    if (members != null) {
      int at = members.indexOf(from);
      if (at >= 0) {
        members.set(at, to);
      }
    }
  }

  /** A live line of another's, unread, and a mention of the session when {@code mentioned}. */
  void said(boolean mentioned) {
    unread++;
    if (mentioned) {
      mentions++;
    }
  }

  /** The person is typing in it: all of it is read. */
  void read() {
    unread = 0;
    mentions = 0;
  }

  /**
   * What the prompt shows of it as another room, {@code #ops 3 @1} (three unread, one of them a
   * mention); empty with nothing unread. The mentions go apart, after a space, which no room's
   * name holds: a mark right after the count would read as part of a name such as {@code #name!}.
   */
  String unreadShown() {
    return unread == 0 ? "" : Printable.escape(name) + " " + unread + (mentions > 0 ? " @" + mentions : "");
  }
}
