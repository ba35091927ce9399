package dev.termchat.server.room;

import static dev.termchat.server.room.RoomReplies.quoted;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.RoomList;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.Topic;
import dev.termchat.server.room.RoomEvent.SetTopic;
import dev.termchat.server.room.UserRegistry.Entry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What rooms clients learn of rooms: a room's topic, set by anyone in it and told to everyone in
 * it, and the list of rooms, the most members first. Room thread only.
 */
final class RoomInfoRules {
  /**
   * About the most characters of room names and topics one list carries, so that it stays one
   * frame a client takes: the rooms with the most members come first, and the count says how many
   * there are in all.
   */
  static final int MAX_LIST_CHARS = 48 * 1024;

  private final RoomDirectory rooms;
  private final UserRegistry registry;
  private final Delivery delivery;
  private final RoomCursor cursor;
  private final RoomReplies replies;

  RoomInfoRules(RoomParts parts) {
    this.rooms = parts.rooms();
    this.registry = parts.registry();
    this.delivery = parts.delivery();
    this.cursor = parts.cursor();
    this.replies = parts.replies();
  }

  void topic(SetTopic set) {
    Who who = set.who();
    Entry entry = registry.entryOf(who);
    if (entry == null || entry.dialect() != Dialect.ROOMS) {
      replies.refuse(who, ErrorCode.NOT_REGISTERED, "register with rooms= to set a topic");
      return;
    }
    if (RoomDirectory.isDefault(set.room())) {
      DefaultRoom general = rooms.general();
      if (!general.contains(who)) {
        notIn(who, set.room());
        return;
      }
      Topic topic = new Topic(RoomNames.DEFAULT_ROOM, set.topic(), entry.name(), cursor.time());
      general.topic(set.topic().isEmpty() ? null : topic);
      delivery.broadcast(topic, general.members());
      return;
    }
    Optional<Room> room = rooms.find(set.room()).filter(found -> found.contains(who));
    if (room.isEmpty()) {
      notIn(who, set.room());
      return;
    }
    Topic topic = new Topic(room.get().name(), set.topic(), entry.name(), cursor.time());
    room.get().topic(set.topic().isEmpty() ? null : topic);
    delivery.broadcast(topic, room.get().members(), room.get().name());
  }

  /** The rooms, the most members first, as many as fit one frame. */
  void list(Who who) {
    List<RoomList.Listed> all = new ArrayList<>();
    DefaultRoom general = rooms.general();
    all.add(new RoomList.Listed(RoomNames.DEFAULT_ROOM, general.members().size(), text(general.topic())));
    for (Room room : rooms.rooms()) {
      all.add(new RoomList.Listed(room.name(), room.members().size(), text(room.topic())));
    }
    all.sort(Comparator.comparingInt(RoomList.Listed::members).reversed().thenComparing(RoomList.Listed::room));
    List<RoomList.Listed> listed = new ArrayList<>();
    long chars = 0;
    for (RoomList.Listed room : all) {
      chars += room.room().length() + room.topic().length() + 40;
      if (chars > MAX_LIST_CHARS) {
        break;
      }
      listed.add(room);
    }
    delivery.sendTo(who, new RoomList(listed, all.size()));
  }

  private static String text(Topic topic) {
    return topic == null ? "" : topic.topic();
  }

  private void notIn(Who who, String room) {
    replies.refuse(who, ErrorCode.NOT_IN_ROOM, "you are not in " + quoted(room) + "; topic not set");
  }
}
