package dev.termchat.server.room;

import static dev.termchat.server.room.RoomReplies.quoted;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Part;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Renamed;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.Topic;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Wire;
import dev.termchat.server.room.RoomEvent.Enter;
import dev.termchat.server.room.RoomEvent.Exit;
import dev.termchat.server.room.UserRegistry.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which rooms each rooms client is in: entering a room (made if no one is in it) and leaving it.
 * A client that enters a room is sent, in this order, the join reply (with {@code at=}, where it
 * entered), the room's history or what it missed, and the room's members once; everyone in the
 * room, the newcomer included, is then told it joined. Room thread only, one log entry at a time.
 */
final class RoomEntryRules {
  private final RoomParts parts;
  private final RoomDirectory rooms;
  private final UserRegistry registry;
  private final Delivery delivery;
  private final UsersList users;
  private final RoomCursor cursor;
  private final RoomReplies replies;
  private final CatchUp catchUp;

  RoomEntryRules(RoomParts parts) {
    this.parts = parts;
    this.rooms = parts.rooms();
    this.registry = parts.registry();
    this.delivery = parts.delivery();
    this.users = parts.users();
    this.cursor = parts.cursor();
    this.replies = parts.replies();
    this.catchUp = new CatchUp(parts.delivery());
  }

  void enter(Enter enter) {
    Who who = enter.who();
    Entry entry = roomsClient(who);
    if (entry == null) {
      return;
    }
    if (RoomDirectory.isDefault(enter.room())) {
      enterDefault(who, entry, enter);
      return;
    }
    Optional<Room> found = rooms.find(enter.room());
    if (found.isPresent() && found.get().contains(who)) {
      delivery.queueTo(who, new Join(found.get().name(), position()));
      delivery.queueTo(who, new InRoom(found.get().name(), new Users(namesOf(found.get().members(), who))));
      return;
    }
    Optional<String> refusal = rooms.refusal(who, found.isEmpty());
    if (refusal.isPresent()) {
      replies.refuse(who, ErrorCode.TOO_MANY_ROOMS, refusal.get());
      return;
    }
    Room room;
    if (found.isPresent()) {
      room = found.get();
      room.history().reached(cursor.id());
    } else {
      room = rooms.open(enter.room());
      room.history().madeAt(cursor.id());
    }
    List<String> others = namesOf(room.members(), who);
    rooms.enter(who, room);
    entered(who, room.name(), room.topic(), room.history(), others, enter);
    delivery.broadcast(Presence.joined(List.of(entry.name())), room.members(), room.name());
  }

  /**
   * The default room's members are told of a newcomer with everyone else's joins, as its base and
   * extended clients always were ({@link UsersList}).
   */
  private void enterDefault(Who who, Entry entry, Enter enter) {
    DefaultRoom general = rooms.general();
    if (general.contains(who)) {
      delivery.queueTo(who, new Join(RoomNames.DEFAULT_ROOM, position()));
      delivery.queueTo(who, new InRoom(RoomNames.DEFAULT_ROOM, new Users(namesOf(general.members(), who))));
      return;
    }
    Optional<String> refusal = rooms.refusal(who, false);
    if (refusal.isPresent()) {
      replies.refuse(who, ErrorCode.TOO_MANY_ROOMS, refusal.get());
      return;
    }
    // Its list is whole as of its entering: what came before goes to the others now, so that none
    // of it reaches the newcomer after its list as news.
    users.presenceNow();
    List<String> others = new ArrayList<>(general.names());
    general.letIn(who);
    entered(who, RoomNames.DEFAULT_ROOM, general.topic(), parts.history(), others, enter);
    users.joined(entry.name());
  }

  private void entered(Who who, String room, Topic topic, MessageHistory history, List<String> others, Enter enter) {
    delivery.queueTo(who, new Join(room, position()));
    if (topic != null) {
      delivery.queueTo(who, topic);
    }
    if (parts.settings().historySize() > 0) {
      catchUp.send(who, history, Dialect.ROOMS, enter.history(), enter.resumeAfter());
    }
    delivery.queueTo(who, new InRoom(room, new Users(others)));
  }

  void exit(Exit exit) {
    Who who = exit.who();
    Entry entry = roomsClient(who);
    if (entry == null) {
      return;
    }
    if (RoomDirectory.isDefault(exit.room())) {
      DefaultRoom general = rooms.general();
      if (!general.contains(who)) {
        notIn(who, exit.room());
        return;
      }
      general.keepOut(who);
      users.left(entry.name());
      delivery.queueTo(who, new Part(RoomNames.DEFAULT_ROOM));
      return;
    }
    Optional<Room> room = rooms.find(exit.room()).filter(found -> found.contains(who));
    if (room.isEmpty()) {
      notIn(who, exit.room());
      return;
    }
    rooms.exit(who, room.get());
    delivery.queueTo(who, new Part(room.get().name()));
    delivery.broadcast(Presence.left(List.of(entry.name())), room.get().members(), room.get().name());
  }

  /**
   * A connection gone leaves every room but the default one, whose members hear of it with
   * everyone else's leaves.
   */
  void leaveAll(Who who, String name) {
    for (Room room : List.copyOf(rooms.roomsOf(who))) {
      rooms.exit(who, room);
      delivery.broadcast(Presence.left(List.of(name)), room.members(), room.name());
    }
  }

  /** Everyone in the rooms but the default one that the member is in is told of its new name. */
  void renamed(Who who, String from, String to) {
    for (Room room : rooms.roomsOf(who)) {
      delivery.broadcast(new Renamed(from, to), room.members(), room.name());
    }
  }

  /** The registered rooms client, or {@code null} when the connection is none, and told why. */
  private Entry roomsClient(Who who) {
    if (cursor.drained()) {
      replies.refuse(who, ErrorCode.UNAVAILABLE, "the server is shutting down");
      return null;
    }
    Entry entry = registry.entryOf(who);
    if (entry == null) {
      replies.refuse(who, ErrorCode.NOT_REGISTERED, "register before joining or leaving rooms");
      return null;
    }
    if (entry.dialect() != Dialect.ROOMS) {
      replies.refuse(who, ErrorCode.UNKNOWN_TYPE, "register with rooms= to join and leave rooms");
      return null;
    }
    return entry;
  }

  private void notIn(Who who, String room) {
    replies.refuse(who, ErrorCode.NOT_IN_ROOM, "you are not in " + quoted(room));
  }

  /** Where the client entered, to resume the room after, when history is kept: {@code at=ID}. */
  private List<String> position() {
    return parts.settings().historySize() > 0 ? List.of(Options.of(Wire.OPTION_JOINED_AT, cursor.id())) : List.of();
  }

  private List<String> namesOf(List<Who> members, Who except) {
    List<String> names = new ArrayList<>(members.size());
    for (Who member : members) {
      if (!member.equals(except)) {
        names.add(registry.nameOf(member));
      }
    }
    return names;
  }
}
