package dev.termchat.server.room;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.server.room.RoomEvent.Enter;
import dev.termchat.server.room.RoomEvent.Exit;
import dev.termchat.server.room.RoomEvent.Join;
import dev.termchat.server.room.RoomEvent.Leave;
import dev.termchat.server.room.RoomEvent.Line;
import dev.termchat.server.room.RoomEvent.ListRooms;
import dev.termchat.server.room.RoomEvent.Present;
import dev.termchat.server.room.RoomEvent.Refuse;
import dev.termchat.server.room.RoomEvent.Rename;
import dev.termchat.server.room.RoomEvent.Roster;
import dev.termchat.server.room.RoomEvent.Say;
import dev.termchat.server.room.RoomEvent.SetTopic;
import dev.termchat.server.room.RoomEvent.Whisper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Room events as flat string fields, as a shared log carries them (a Redis stream entry is a
 * list of field-value pairs): every node decodes what any node encoded into the same event. A
 * field that is absent stands for {@code null}. Stateless and thread-safe.
 */
public final class RoomEventCodec {

  /** Encodes an event; the map iterates in a fixed order, for stable bytes in the log. */
  public Map<String, String> encode(RoomEvent event) {
    Map<String, String> fields = new LinkedHashMap<>();
    event.accept(new RoomEventEncoder(fields));
    return fields;
  }

  /**
   * Decodes an event.
   *
   * @throws IllegalArgumentException when the fields are not an event this codec writes: a log
   *     entry from a newer or a foreign writer, which the caller skips
   */
  public RoomEvent decode(Map<String, String> fields) {
    Who who = new Who(required(fields, RoomEventEncoder.NODE), number(fields, RoomEventEncoder.CONNECTION));
    String type = required(fields, RoomEventEncoder.TYPE);
    return switch (type) {
      case "join" -> new Join(
          who,
          fields.get("name"),
          required(fields, "address"),
          dialect(required(fields, "dialect")),
          history(fields),
          fields.get("resume"),
          token(fields.get("presented")),
          token(fields.get("issued")));
      case "say" -> new Say(who, required(fields, "text"), "1".equals(fields.get("action")), fields.get("cid"), fields.get("room"));
      case "enter" -> new Enter(who, required(fields, "room"), history(fields), fields.get("resume"), "1".equals(fields.get("reg")));
      case "exit" -> new Exit(who, required(fields, "room"));
      case "topic" -> new SetTopic(who, required(fields, "room"), required(fields, "topic"));
      case "list" -> new ListRooms(who);
      case "moderate" -> new RoomEvent.Moderate(
          who,
          required(fields, "act"),
          required(fields, "room"),
          fields.get("target"),
          number(fields, "secs"),
          fields.getOrDefault("reason", ""),
          "1".equals(fields.get("srv")));
      case "scrollback" -> new RoomEvent.Scrollback(who, required(fields, "room"), fields.get("before"), (int) number(fields, "limit"));
      case "search" -> new RoomEvent.Search(who, required(fields, "room"), required(fields, "words"), (int) number(fields, "limit"));
      case "answer" -> new RoomEvent.Answer(who, required(fields, "frame"));
      case "line" -> new Line(
          who,
          required(fields, "room"),
          required(fields, "name"),
          fields.get("address"),
          required(fields, "text"),
          "1".equals(fields.get("action")),
          fields.get("cid"),
          required(fields, "at"));
      case "whisper" -> new Whisper(who, required(fields, "to"), required(fields, "text"), fields.get("cid"));
      case "rename" -> new Rename(who, required(fields, "name"));
      case "refuse" -> new Refuse(who, errorCode(required(fields, "code")), required(fields, "reason"), fields.get("cid"));
      case "account" -> new RoomEvent.Account(who, required(fields, "name"), change(required(fields, "change")), token(fields.get("issued")));
      case "leave" -> new Leave(who, required(fields, "why"), "1".equals(fields.get("quit")));
      case "roster" -> new Roster(who, present(required(fields, "present")), fields.get("asof"), "1".equals(fields.get("ask")));
      default -> throw new IllegalArgumentException("not a room event: type " + type);
    };
  }

  /** How many messages a join asks for: within what the room ever sends. */
  private static int history(Map<String, String> fields) {
    long history = number(fields, "history");
    if (history < 0 || history > RoomSettings.JOIN_HISTORY) {
      throw new IllegalArgumentException("field history is " + history + ", not 0 to " + RoomSettings.JOIN_HISTORY);
    }
    return (int) history;
  }

  private static boolean isTextArray(JsonNode node) {
    if (!node.isArray()) {
      return false;
    }
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static List<Present> present(String json) {
    JsonNode array;
    try {
      array = RoomEventEncoder.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("field present is not JSON", e);
    }
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("field present is not a JSON array");
    }
    List<Present> present = new ArrayList<>(array.size());
    for (JsonNode one : array) {
      if (!one.isArray() || one.size() < 4 || one.size() > 5 || !one.get(0).canConvertToLong()
          || !one.get(1).isTextual() || !one.get(2).isTextual() || !one.get(3).isTextual()
          || (one.size() == 5 && !isTextArray(one.get(4)))) {
        throw new IllegalArgumentException("field present holds " + one + ", not [connection, name, address, dialect, rooms?]");
      }
      List<String> rooms = null;
      if (one.size() == 5) {
        rooms = new ArrayList<>(one.get(4).size());
        for (JsonNode room : one.get(4)) {
          rooms.add(room.asText());
        }
      }
      present.add(new Present(one.get(0).asLong(), one.get(1).asText(), one.get(2).asText(), dialect(one.get(3).asText()), rooms));
    }
    return present;
  }

  private static String required(Map<String, String> fields, String field) {
    String value = fields.get(field);
    if (value == null) {
      throw new IllegalArgumentException("no field " + field);
    }
    return value;
  }

  private static long number(Map<String, String> fields, String field) {
    try {
      return Long.parseLong(required(fields, field));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field " + field + " is not a number", e);
    }
  }

  private static Dialect dialect(String text) {
    return Arrays.stream(Dialect.values())
        .filter(dialect -> dialect.name().equalsIgnoreCase(text))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no dialect " + text));
  }

  /** A token as the log has it; one that is no token at all stays one that matches nothing. */
  private static ResumeToken token(String wire) {
    return wire == null ? null : ResumeToken.parse(wire).orElse(ResumeToken.UNKNOWN);
  }

  private static RoomEvent.Account.Change change(String wire) {
    return Arrays.stream(RoomEvent.Account.Change.values())
        .filter(change -> change.name().equalsIgnoreCase(wire))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no account change " + wire));
  }

  private static ErrorCode errorCode(String wire) {
    return Arrays.stream(ErrorCode.values())
        .filter(code -> code.wireName().equals(wire))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no error code " + wire));
  }
}
