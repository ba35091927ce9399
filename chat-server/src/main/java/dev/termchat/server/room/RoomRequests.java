package dev.termchat.server.room;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.Wire;
import dev.termchat.server.room.MessageChecks.Refusal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * What a rooms client's asking to enter or leave rooms becomes: an event for the log, or a
 * refusal decided on its node before the log sees it (a name that is no room's). Whether the
 * client is in the room, or may enter one more, the room decides in the log's order. Stateless.
 */
final class RoomRequests {
  /** An event to append, or why not; exactly one of them. */
  record Request(RoomEvent event, Refusal refusal) {
    static Request of(RoomEvent event) {
      return new Request(event, null);
    }

    static Request refused(ErrorCode code, String reason) {
      return new Request(null, new Refusal(code, reason));
    }
  }

  private RoomRequests() {}

  /** The acceptable, normalized room name a client gave, or why it is none. */
  static Optional<String> problem(String requested) {
    String room = RoomNames.normalize(bounded(requested));
    return room == null ? Optional.of("a room name is # and at least one character") : RoomNames.problem(room);
  }

  /** The acceptable, normalized room name a client gave; empty when it is none. */
  static Optional<String> room(String requested) {
    return problem(requested).isPresent() ? Optional.empty() : Optional.of(RoomNames.normalize(bounded(requested)));
  }

  /** Entering the room named in a join frame, or in a register's {@code rooms=}. */
  static Request enter(Who who, String requested, int history, String resumeAfter, boolean withRegister) {
    Optional<String> problem = problem(requested);
    if (problem.isPresent()) {
      return Request.refused(ErrorCode.INVALID_ROOM, problem.get());
    }
    String room = RoomNames.normalize(bounded(requested));
    return Request.of(new RoomEvent.Enter(who, room, history, resumeAfter == null ? null : LogEntry.boundedId(resumeAfter), withRegister));
  }

  /**
   * Entering each room a register's {@code rooms=} lists, after its own {@code resume=#room:ID}
   * when it gives one; no more than a connection may be in, the rest refused.
   */
  static List<Request> enterAll(Who who, Register register, int history, int maxRooms) {
    Map<String, String> resumes = new HashMap<>();
    for (String resume : Options.values(register.options(), Wire.OPTION_RESUME)) {
      int separator = resume.lastIndexOf(Wire.ROOM_POSITION_SEPARATOR);
      Optional<String> room = separator < 0 ? Optional.of(RoomNames.DEFAULT_ROOM) : room(resume.substring(0, separator));
      room.ifPresent(named -> resumes.putIfAbsent(RoomNames.keyOf(named), resume.substring(separator + 1)));
    }
    List<Request> requests = new ArrayList<>();
    // A room listed twice, in any spelling, is entered once: each entry answers with its list.
    Set<String> listedForms = new HashSet<>();
    String listed = Options.value(register.options(), Wire.OPTION_ROOMS).orElse("");
    for (String requested : listed.split(",", maxRooms + 2)) {
      if (requested.isBlank() || room(requested).filter(named -> !firstListing(listedForms, named)).isPresent()) {
        continue;
      }
      if (requests.size() == maxRooms) {
        requests.add(Request.refused(ErrorCode.TOO_MANY_ROOMS, "one connection may be in at most " + maxRooms + " rooms; the rest were not joined"));
        break;
      }
      String resume = room(requested).map(named -> resumes.get(RoomNames.keyOf(named))).orElse(null);
      requests.add(enter(who, requested, history, resume, true));
    }
    return requests;
  }

  /** Whether no room listed before is this one, found as the directory finds rooms: key and shape crossed. */
  private static boolean firstListing(Set<String> listedForms, String room) {
    String key = RoomNames.keyOf(room);
    String shape = RoomNames.shapeOf(room);
    boolean first = !listedForms.contains(key) && !listedForms.contains(shape);
    listedForms.add(key);
    listedForms.add(shape);
    return first;
  }

  static Request exit(Who who, String requested) {
    return room(requested)
        .map(room -> Request.of(new RoomEvent.Exit(who, room)))
        .orElseGet(() -> Request.refused(ErrorCode.NOT_IN_ROOM, "you are not in \"" + Printable.escape(bounded(requested)) + "\""));
  }

  static Request topic(Who who, String requested, String topic) {
    if (topic.length() > RoomNames.MAX_TOPIC_CHARS && topic.codePointCount(0, topic.length()) > RoomNames.MAX_TOPIC_CHARS) {
      return Request.refused(ErrorCode.MESSAGE_TOO_LONG, "a topic is at most " + RoomNames.MAX_TOPIC_CHARS + " characters");
    }
    return room(requested)
        .map(room -> Request.of(new RoomEvent.SetTopic(who, room, topic)))
        .orElseGet(() -> Request.refused(ErrorCode.NOT_IN_ROOM, "you are not in \"" + Printable.escape(bounded(requested)) + "\"; topic not set"));
  }

  /** A line for a room whose name is no room's: its sender is in no such room. */
  static Refusal notIn(String requested) {
    return new Refusal(ErrorCode.NOT_IN_ROOM, "you are not in " + RoomReplies.quoted(bounded(requested)) + "; message not delivered");
  }

  /** A room name cut where no acceptable one reaches: refused as too long all the same. */
  static String bounded(String room) {
    return room.length() <= RoomNames.MAX_RAW_LENGTH ? room : room.substring(0, RoomNames.MAX_RAW_LENGTH + 1);
  }
}
