package dev.termchat.server.room;

import static dev.termchat.server.room.RoomReplies.quoted;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.NameKeys;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Part;
import dev.termchat.protocol.Renamed;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Wire;
import dev.termchat.server.room.RoomEvent.Enter;
import dev.termchat.server.room.RoomEvent.Exit;
import dev.termchat.server.room.UserRegistry.Entry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which rooms each rooms client is in: entering a room (made if no one is in it) and leaving it.
 * A client that enters a room is sent, in this order, the join reply (with {@code at=}, where it
 * entered), the topic, the room's other members once, and its history or what it missed; everyone
 * in the room, the newcomer included, is then told it joined, with everyone's joins and leaves
 * there, paced: by {@link MadeRoomPresence} in a room made by joining it, by {@link UsersList} in
 * the default room. Room thread only, one log entry at a time.
 */
final class RoomEntryRules {
  private final RoomParts parts;
  private final RoomDirectory rooms;
  private final UserRegistry registry;
  private final Delivery delivery;
  private final UsersList users;
  private final MadeRoomPresence madePresence;
  private final RoomCursor cursor;
  private final RoomReplies replies;
  private final CatchUp catchUp;
  /** Joins beyond a register's rooms, on the log's time, so that every node allows the same. */
  private final RateByKey<Who> joins;
  /** What is left of each connection's catch-up budget for the rooms its register listed. */
  private final Map<Who, Long> registerBudget = new HashMap<>();

  RoomEntryRules(RoomParts parts) {
    this.parts = parts;
    this.rooms = parts.rooms();
    this.registry = parts.registry();
    this.delivery = parts.delivery();
    this.users = parts.users();
    this.madePresence = parts.madePresence();
    this.cursor = parts.cursor();
    this.replies = parts.replies();
    this.catchUp = new CatchUp(parts.delivery());
    this.joins = new RateByKey<>(RoomSettings.ROOM_JOINS_PER_MINUTE, parts.settings().maxRoomsPerConnection());
  }

  /** A rooms client registered: the rooms its register lists share one catch-up budget. */
  void registered(Who who) {
    registerBudget.put(who, (long) RoomSettings.MAX_REGISTER_CATCH_UP_BYTES);
  }

  /** Whether the name runs the room: its owner, an operator, or a server operator; in memory or not. */
  private boolean runsTheRoom(Optional<Room> found, String roomKey, Who who, String name) {
    Roles roles = parts.moderation().roles();
    Roles.Rank rank = found.map(room -> roles.rank(room, who, name)).orElseGet(() -> roles.rankAway(roomKey, name));
    return rank.atLeast(Roles.Rank.OPERATOR);
  }

  void enter(Enter enter) {
    Who who = enter.who();
    Entry entry = roomsClient(who);
    if (entry == null) {
      return;
    }
    Optional<Room> found = rooms.find(enter.room());
    boolean alreadyIn = found.isPresent() && found.get().contains(who);
    // A room not in memory may be one forgotten while empty: its bans hold all the same.
    String roomKey = found.map(Roles::roomKey).orElseGet(() -> NameKeys.keyOf(enter.room()));
    Optional<String> banned = alreadyIn
        ? Optional.empty()
        : parts.moderation().roomBan(roomKey, who, entry.name(), entry.address(), cursor.time())
            // An address's or a range's ban keeps out no one who runs the room (ModerationRules#spared).
            .filter(ban -> ban.target().isName() || !runsTheRoom(found, roomKey, who, entry.name()))
            .map(ban -> ban.told(found.map(Room::name).orElse(enter.room())));
    if (banned.isPresent()) {
      replies.refuse(who, ErrorCode.BANNED, banned.get());
      return;
    }
    Optional<String> refusal = alreadyIn ? Optional.empty() : rooms.refusal(who, found.isEmpty());
    if (refusal.isPresent()) {
      replies.refuse(who, ErrorCode.TOO_MANY_ROOMS, refusal.get());
      return;
    }
    // A join of a room one is in costs a join too: its answer, the room's list, can be large.
    long wait = enter.withRegister() ? 0 : joins.take(who, cursor.time());
    if (wait > 0) {
      replies.refuse(who, ErrorCode.RATE_LIMITED, "too many joins; try again in " + (wait + 999) / 1000 + " s");
      return;
    }
    if (alreadyIn) {
      delivery.queueTo(who, new Join(found.get().name(), answerOptions(found.get())));
      delivery.queueTo(who, new InRoom(found.get().name(), new Users(othersIn(found.get(), who))));
      return;
    }
    Room room = found.orElseGet(() -> rooms.open(enter.room(), cursor.id(), who));
    if (found.isEmpty()) {
      parts.moderation().made(room, who, entry.name());
    }
    if (room.isDefault()) {
      // Its list is whole as of its entering: what came before goes to the others now, so that
      // none of it reaches the newcomer after its list as news.
      users.presenceNow();
    } else if (found.isPresent() && !parts.roomsApart()) {
      room.history().reached(cursor.id());
    }
    List<String> others = othersIn(room, who);
    rooms.enter(who, room);
    if (parts.roomsApart() && room instanceof MadeRoom made && parts.local(who)) {
      parts.following().enteredHere(made);
    }
    entered(who, room, others, enter);
    if (room instanceof MadeRoom made) {
      madePresence.joined(made, who, entry.name());
    } else {
      users.joined(entry.name());
    }
  }

  private void entered(Who who, Room room, List<String> others, Enter enter) {
    delivery.queueTo(who, new Join(room.name(), answerOptions(room)));
    if (room.topic() != null) {
      delivery.queueTo(who, room.topic());
    }
    // Who is there before what was said: a client can tell whether a name was taken by someone
    // there as it joins, before the history scrolls by.
    delivery.queueTo(who, new InRoom(room.name(), new Users(others)));
    if (parts.settings().historySize() > 0) {
      long budget = enter.withRegister() ? registerBudget.getOrDefault(who, 0L) : RoomSettings.MAX_CATCH_UP_BYTES;
      long spent = catchUp.send(who, room.history(), Dialect.ROOMS, enter.history(), enter.resumeAfter(), Math.min(budget, RoomSettings.MAX_CATCH_UP_BYTES));
      if (enter.withRegister()) {
        registerBudget.put(who, Math.max(0, budget - spent));
      }
    }
  }

  void exit(Exit exit) {
    Who who = exit.who();
    Entry entry = roomsClient(who);
    if (entry == null) {
      return;
    }
    Optional<Room> found = rooms.find(exit.room()).filter(room -> room.contains(who));
    if (found.isEmpty()) {
      replies.refuse(who, ErrorCode.NOT_IN_ROOM, "you are not in " + quoted(exit.room()));
      return;
    }
    Room room = found.get();
    rooms.exit(who, room);
    parts.moderation().left(room, who);
    leftHere(who, room);
    delivery.queueTo(who, new Part(room.name()));
    if (room instanceof MadeRoom made) {
      madePresence.left(made, who, entry.name());
    } else {
      users.left(entry.name());
    }
  }

  /**
   * A rooms client of another node, which this one missed, is in the rooms that node says, as
   * the nodes that saw it enter them have it; this node's members there hear that it joined.
   * Names that are no room's are skipped: no node enters such a room.
   */
  void enterFromRoster(Who who, String name, List<String> named) {
    for (String requested : named) {
      Optional<String> acceptable = RoomRequests.room(requested);
      if (acceptable.isEmpty()) {
        continue;
      }
      Optional<Room> found = rooms.find(acceptable.get());
      if (found.isEmpty() && rooms.refusal(who, true).isPresent()) {
        continue;
      }
      Room room = found.orElseGet(() -> rooms.open(acceptable.get(), cursor.id(), who));
      if (!rooms.enter(who, room)) {
        continue;
      }
      if (room instanceof MadeRoom made) {
        madePresence.joined(made, who, name);
      } else {
        users.joined(name);
      }
    }
  }

  /**
   * A connection gone leaves every room but the default one, whose members hear of it with
   * everyone else's leaves; past the drain no one is told, as everyone is being closed.
   */
  void leaveAll(Who who, String name) {
    registerBudget.remove(who);
    joins.forget(who);
    if (parts.roomsApart() && parts.local(who)) {
      parts.following().gone(who);
    }
    for (MadeRoom room : rooms.roomsOf(who)) {
      rooms.exit(who, room);
      leftHere(who, room);
      if (!cursor.drained()) {
        madePresence.left(room, who, name);
      }
    }
  }

  /**
   * Everyone in the rooms but the default one that the member is in is told of its new name, at
   * once, after who came and went there: the old name was told as in the room first.
   */
  void renamed(Who who, String from, String to) {
    for (MadeRoom room : rooms.roomsOf(who)) {
      madePresence.tellNow(room);
      delivery.broadcast(new Renamed(from, to), room.members(), room.name());
    }
  }

  /** A member of this node left a made room: the room may be followed no longer. */
  private void leftHere(Who who, Room room) {
    if (parts.roomsApart() && room instanceof MadeRoom made && parts.local(who)) {
      parts.following().leftHere(made, cursor.time());
    }
  }

  /** Forgets the join rates that are whole again. */
  void expire(long now) {
    joins.expire(now);
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

  /** What the answer to a join says: where the client joined, and who in the room has a rank. */
  private List<String> answerOptions(Room room) {
    List<String> options = new java.util.ArrayList<>(position(room));
    options.addAll(RoleMarks.of(room, parts.moderation().roles(), parts.registry()));
    return options;
  }

  /** Where the client entered, to resume the room after, when history is kept: {@code at=ID}. */
  private List<String> position(Room room) {
    if (parts.settings().historySize() == 0) {
      return List.of();
    }
    if (parts.roomsApart() && !room.isDefault()) {
      // A made room's lines are numbered by its own log: where this node has read it to.
      LogPosition last = room.history().last();
      return List.of(Options.of(Wire.OPTION_JOINED_AT, last == null ? "0-0" : last.id()));
    }
    return List.of(Options.of(Wire.OPTION_JOINED_AT, cursor.id()));
  }

  /** The room's members but this one, as they were told: the changes not told yet come after. */
  private List<String> othersIn(Room room, Who except) {
    return madePresence.toldNames(room, except, registry::nameOf);
  }
}
