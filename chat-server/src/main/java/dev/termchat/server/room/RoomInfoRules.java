package dev.termchat.server.room;

import static dev.termchat.server.room.RoomReplies.quoted;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.RoomList;
import dev.termchat.protocol.Topic;
import dev.termchat.server.room.RoomEvent.SetTopic;
import dev.termchat.server.room.UserRegistry.Entry;
import dev.termchat.server.wire.OutgoingFrame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What rooms clients learn of rooms: a room's topic, set by anyone in it and told to everyone in
 * it, and the list of rooms, the most members first. The list is made and encoded once for every
 * asker until a room is made or forgotten or its members or topic change. Room thread only.
 */
final class RoomInfoRules {
  /**
   * The most bytes the rooms of one list may take on the wire, their names and topics escaped as
   * they are (twice: JSON in a JSON string), so that it stays one frame a client takes: the rooms
   * with the most members come first, and the count says how many there are in all.
   */
  static final int MAX_LIST_BYTES = 48 * 1024;
  /** What a listed room takes beside its name and topic. */
  private static final int LISTED_OVERHEAD = 48;

  private final RoomDirectory rooms;
  private final UserRegistry registry;
  private final Delivery delivery;
  private final RoomCursor cursor;
  private final RoomReplies replies;
  private final MadeRoomPresence madePresence;
  private final RoomModeration moderation;
  /** The list as last made, for the directory's version it was made at. */
  private OutgoingFrame list;
  private long listVersion = -1;

  RoomInfoRules(RoomParts parts) {
    this.rooms = parts.rooms();
    this.registry = parts.registry();
    this.delivery = parts.delivery();
    this.cursor = parts.cursor();
    this.replies = parts.replies();
    this.madePresence = parts.madePresence();
    this.moderation = parts.moderation();
  }

  void topic(SetTopic set) {
    Who who = set.who();
    Entry entry = registry.entryOf(who);
    if (entry == null || entry.dialect() != Dialect.ROOMS) {
      replies.refuse(who, ErrorCode.NOT_REGISTERED, "register with rooms= to set a topic");
      return;
    }
    Optional<Room> room = rooms.find(set.room()).filter(found -> found.contains(who));
    if (room.isEmpty()) {
      replies.refuse(who, ErrorCode.NOT_IN_ROOM, "you are not in " + quoted(set.room()) + "; topic not set");
      return;
    }
    if (!moderation.maySetTopic(room.get(), who, entry.name())) {
      replies.refuse(who, ErrorCode.NOT_PERMITTED, quoted(room.get().name()) + " is muted: only its operators set the topic; topic not set");
      return;
    }
    Topic topic = new Topic(room.get().name(), set.topic(), entry.name(), cursor.time());
    room.get().topic(set.topic().isEmpty() ? null : topic);
    rooms.topicChanged();
    // Whoever set it was told as in the room first.
    madePresence.tellNow(room.get());
    delivery.broadcast(topic, room.get().members(), room.get().name());
  }

  /** The rooms, the most members first, as many as fit one frame; to a rooms client only. */
  void list(Who who) {
    Entry entry = registry.entryOf(who);
    if (entry == null || entry.dialect() != Dialect.ROOMS) {
      return; // The edge lets no one else ask; a log's forged entry gets nothing.
    }
    if (listVersion != rooms.version() || list == null) {
      list = OutgoingFrame.of(delivery.codec().encodeServerFrame(made()));
      listVersion = rooms.version();
    }
    delivery.queueTo(who, list);
  }

  private RoomList made() {
    List<RoomList.Listed> all = new ArrayList<>(rooms.count());
    for (Room room : rooms.all()) {
      all.add(new RoomList.Listed(room.name(), room.members().size(), room.topic() == null ? "" : room.topic().topic()));
    }
    all.sort(Comparator.comparingInt(RoomList.Listed::members).reversed().thenComparing(RoomList.Listed::room));
    List<RoomList.Listed> listed = new ArrayList<>();
    long bytes = 0;
    for (RoomList.Listed room : all) {
      bytes += LISTED_OVERHEAD + escapedBytes(room.room()) + escapedBytes(room.topic());
      if (bytes > MAX_LIST_BYTES) {
        break;
      }
      listed.add(room);
    }
    return new RoomList(listed, all.size());
  }

  /** The bytes text takes as JSON inside a JSON string, UTF-8: a control character seven. */
  static long escapedBytes(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20) {
        bytes += 7;
      } else if (c == '"' || c == '\\') {
        bytes += 4;
      } else if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800 || Character.isSurrogate(c)) {
        bytes += 2;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
