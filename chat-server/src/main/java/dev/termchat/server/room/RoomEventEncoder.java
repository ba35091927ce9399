package dev.termchat.server.room;

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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Locale;
import java.util.Map;

/** Writes a room event as the flat string fields of {@link RoomEventCodec}, in a fixed order. */
final class RoomEventEncoder implements RoomEvent.Visitor<Void> {
  static final String TYPE = "type";
  static final String NODE = "node";
  static final String CONNECTION = "conn";
  static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> fields;

  RoomEventEncoder(Map<String, String> fields) {
    this.fields = fields;
  }

  private void start(String type, Who who) {
    fields.put(TYPE, type);
    fields.put(NODE, who.node());
    fields.put(CONNECTION, Long.toString(who.connection()));
  }

  private void putIfPresent(String field, String value) {
    if (value != null) {
      fields.put(field, value);
    }
  }

  @Override
  public Void join(Join join) {
    start("join", join.who());
    putIfPresent("name", join.name());
    fields.put("address", join.address());
    fields.put("dialect", dialectName(join.dialect()));
    fields.put("history", Integer.toString(join.history()));
    putIfPresent("resume", join.resumeAfter());
    putIfPresent("presented", join.presented() == null ? null : join.presented().wire());
    putIfPresent("issued", join.issued() == null ? null : join.issued().wire());
    return null;
  }

  @Override
  public Void say(Say say) {
    start("say", say.who());
    fields.put("text", say.text());
    if (say.action()) {
      fields.put("action", "1");
    }
    putIfPresent("cid", say.clientId());
    putIfPresent("room", say.room());
    return null;
  }

  @Override
  public Void line(Line line) {
    start("line", line.who());
    fields.put("room", line.room());
    fields.put("name", line.name());
    putIfPresent("address", line.address());
    fields.put("text", line.text());
    if (line.action()) {
      fields.put("action", "1");
    }
    putIfPresent("cid", line.clientId());
    fields.put("at", line.at());
    return null;
  }

  @Override
  public Void enter(Enter enter) {
    start("enter", enter.who());
    fields.put("room", enter.room());
    fields.put("history", Integer.toString(enter.history()));
    putIfPresent("resume", enter.resumeAfter());
    if (enter.withRegister()) {
      fields.put("reg", "1");
    }
    return null;
  }

  @Override
  public Void exit(Exit exit) {
    start("exit", exit.who());
    fields.put("room", exit.room());
    return null;
  }

  @Override
  public Void topic(SetTopic topic) {
    start("topic", topic.who());
    fields.put("room", topic.room());
    fields.put("topic", topic.topic());
    return null;
  }

  @Override
  public Void moderate(RoomEvent.Moderate moderate) {
    start("moderate", moderate.who());
    fields.put("act", moderate.act());
    fields.put("room", moderate.room());
    if (moderate.target() != null) {
      fields.put("target", moderate.target());
    }
    fields.put("secs", Long.toString(moderate.seconds()));
    if (!moderate.reason().isEmpty()) {
      fields.put("reason", moderate.reason());
    }
    if (moderate.server()) {
      fields.put("srv", "1");
    }
    return null;
  }

  /** Answered where it is asked and never logged; written only for completeness. */
  @Override
  public Void listRooms(ListRooms list) {
    start("list", list.who());
    return null;
  }

  /** Answered where it is asked and never logged; written only for completeness. */
  @Override
  public Void scrollback(RoomEvent.Scrollback scrollback) {
    start("scrollback", scrollback.who());
    fields.put("room", scrollback.room());
    putIfPresent("before", scrollback.before());
    fields.put("limit", Integer.toString(scrollback.limit()));
    return null;
  }

  /** Answered where it is asked and never logged; written only for completeness. */
  @Override
  public Void search(RoomEvent.Search search) {
    start("search", search.who());
    fields.put("room", search.room());
    fields.put("words", search.words());
    fields.put("limit", Integer.toString(search.limit()));
    return null;
  }

  /** Local alone and never logged; written only for completeness. */
  @Override
  public Void answer(RoomEvent.Answer answer) {
    start("answer", answer.who());
    fields.put("frame", answer.frame());
    return null;
  }

  @Override
  public Void whisper(Whisper whisper) {
    start("whisper", whisper.who());
    fields.put("to", whisper.to());
    fields.put("text", whisper.text());
    putIfPresent("cid", whisper.clientId());
    return null;
  }

  @Override
  public Void rename(Rename rename) {
    start("rename", rename.who());
    fields.put("name", rename.name());
    return null;
  }

  /** As older nodes wrote it: no room appends one now, but this one reads theirs. */
  @Override
  public Void refuse(Refuse refuse) {
    start("refuse", refuse.who());
    fields.put("code", refuse.code().wireName());
    fields.put("reason", refuse.reason());
    putIfPresent("cid", refuse.clientId());
    return null;
  }

  @Override
  public Void roster(Roster roster) {
    start("roster", roster.who());
    // One field, a JSON array of [connection, name, address, dialect] (and a rooms client's
    // rooms): a stream entry's fields are flat, and names may hold any printable character.
    ArrayNode present = JSON.createArrayNode();
    for (Present one : roster.present()) {
      ArrayNode user = present.addArray().add(one.connection()).add(one.name()).add(one.address()).add(dialectName(one.dialect()));
      if (one.rooms() != null) {
        ArrayNode rooms = user.addArray();
        one.rooms().forEach(rooms::add);
      }
    }
    fields.put("present", present.toString());
    putIfPresent("asof", roster.asOf());
    if (roster.ask()) {
      fields.put("ask", "1");
    }
    return null;
  }

  @Override
  public Void account(RoomEvent.Account account) {
    start("account", account.who());
    fields.put("name", account.name());
    fields.put("change", account.change().name().toLowerCase(Locale.ROOT));
    putIfPresent("issued", account.issued() == null ? null : account.issued().wire());
    return null;
  }

  @Override
  public Void leave(Leave leave) {
    start("leave", leave.who());
    fields.put("why", leave.why());
    if (leave.quit()) {
      fields.put("quit", "1");
    }
    return null;
  }

  static String dialectName(Dialect dialect) {
    return dialect.name().toLowerCase(Locale.ROOT);
  }
}
