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
import java.util.List;
import java.util.Map;
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

  /** Entering the room named in a join frame. */
  static Request enter(Who who, String requested, int history, String resumeAfter) {
    String room = RoomNames.normalize(bounded(requested));
    Optional<String> problem = room == null ? Optional.of("a room name is # and at least one character") : RoomNames.problem(room);
    if (problem.isPresent()) {
      return Request.refused(ErrorCode.INVALID_ROOM, problem.get());
    }
    return Request.of(new RoomEvent.Enter(who, room, history, resumeAfter == null ? null : LogEntry.boundedId(resumeAfter)));
  }

  /**
   * Entering each room a register's {@code rooms=} lists, after its own {@code resume=#room:ID}
   * when it gives one; no more than a connection may be in, the rest refused.
   */
  static List<Request> enterAll(Who who, Register register, int history, int maxRooms) {
    Map<String, String> resumes = new HashMap<>();
    for (String resume : Options.values(register.options(), Wire.OPTION_RESUME)) {
      int separator = resume.lastIndexOf(Wire.ROOM_POSITION_SEPARATOR);
      String room = separator < 0 ? RoomNames.DEFAULT_ROOM : RoomNames.normalize(bounded(resume.substring(0, separator)));
      if (room != null && RoomNames.problem(room).isEmpty()) {
        resumes.putIfAbsent(RoomNames.keyOf(room), resume.substring(separator + 1));
      }
    }
    List<Request> requests = new ArrayList<>();
    String listed = Options.value(register.options(), Wire.OPTION_ROOMS).orElse("");
    for (String requested : listed.split(",", maxRooms + 2)) {
      if (requested.isBlank()) {
        continue;
      }
      if (requests.size() == maxRooms) {
        requests.add(Request.refused(ErrorCode.TOO_MANY_ROOMS, "a register lists at most " + maxRooms + " rooms"));
        break;
      }
      String room = RoomNames.normalize(bounded(requested));
      String resume = room == null || RoomNames.problem(room).isPresent() ? null : resumes.get(RoomNames.keyOf(room));
      requests.add(enter(who, requested, history, resume));
    }
    return requests;
  }

  static Request exit(Who who, String requested) {
    String room = RoomNames.normalize(bounded(requested));
    if (room == null || RoomNames.problem(room).isPresent()) {
      return Request.refused(ErrorCode.NOT_IN_ROOM, "you are not in \"" + Printable.escape(bounded(requested)) + "\"");
    }
    return Request.of(new RoomEvent.Exit(who, room));
  }

  static Request topic(Who who, String requested, String topic) {
    if (topic.length() > RoomNames.MAX_TOPIC_CHARS && topic.codePointCount(0, topic.length()) > RoomNames.MAX_TOPIC_CHARS) {
      return Request.refused(ErrorCode.MESSAGE_TOO_LONG, "a topic is at most " + RoomNames.MAX_TOPIC_CHARS + " characters");
    }
    String room = RoomNames.normalize(bounded(requested));
    if (room == null || RoomNames.problem(room).isPresent()) {
      return Request.refused(ErrorCode.NOT_IN_ROOM, "you are not in \"" + Printable.escape(bounded(requested)) + "\"; topic not set");
    }
    return Request.of(new RoomEvent.SetTopic(who, room, topic));
  }

  /** A room name cut where no acceptable one reaches: refused as too long all the same. */
  private static String bounded(String room) {
    return room.length() <= RoomNames.MAX_RAW_LENGTH ? room : room.substring(0, RoomNames.MAX_RAW_LENGTH + 1);
  }
}
