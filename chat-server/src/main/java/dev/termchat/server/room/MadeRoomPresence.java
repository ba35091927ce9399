package dev.termchat.server.room;

import dev.termchat.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Who joined and left the rooms other than the default one, told their members paced and
 * batched as the default room's are ({@link UsersList}): the first change in a quiet while goes
 * out at the end of the turn, the ones after it at most every 50 ms, each room's as the fewest
 * {@code joined} and {@code left} frames that keep their order ({@link PresenceLog}). Told one
 * frame per join, a wave of a thousand registers each listing the same rooms cost every member a
 * thousand frames per room.
 *
 * <p>What a member hears keeps the protocol's order: a room's changes go out before any line,
 * topic or rename in that room ({@link #tellNow}), so no one hears from someone it was not told
 * joined. A newcomer's list is the room as its members were last told it ({@link #toldNames}),
 * and the changes still untold reach it with everyone else, its own arrival among them: neither
 * a name twice nor one missing. Paced on the log's clock, which tests move. Confined to the room
 * thread.
 */
final class MadeRoomPresence {
  static final long INTERVAL_MILLIS = 50;

  private final Delivery delivery;
  /** The log's clock, in milliseconds. */
  private final LongSupplier millis;
  /** The rooms with changes not told yet, in the order they first changed. Room thread. */
  private final Map<MadeRoom, Untold> untold = new LinkedHashMap<>();
  /** When changes last went out, on {@link #millis}. Room thread. */
  private long toldAt;

  /** What a room's members have not been told yet. */
  private static final class Untold {
    final PresenceLog frames = new PresenceLog();
    /** In the room now, not told yet that they joined. */
    final Set<Who> joined = new HashSet<>();
    /** Told they were in the room, gone since: by the name they were told under. */
    final Map<Who, String> left = new LinkedHashMap<>();
  }

  MadeRoomPresence(Delivery delivery, LongSupplier millis) {
    this.delivery = delivery;
    this.millis = millis;
    this.toldAt = millis.getAsLong() - INTERVAL_MILLIS;
  }

  void joined(MadeRoom room, Who who, String name) {
    Untold changes = untold.computeIfAbsent(room, r -> new Untold());
    // Back under the name it was told in by: as told. Under another, its leave is news still.
    if (!changes.left.remove(who, name)) {
      changes.joined.add(who);
    }
    changes.frames.joined(name);
  }

  void left(MadeRoom room, Who who, String name) {
    Untold changes = untold.computeIfAbsent(room, r -> new Untold());
    if (!changes.joined.remove(who)) {
      changes.left.put(who, name);
    }
    changes.frames.left(name);
  }

  /**
   * The room's members as they were last told it, but {@code except}: what a member entering it
   * (or joining it again) is sent as its list, the untold changes coming after with everyone's.
   */
  List<String> toldNames(Room room, Who except, Function<Who, String> nameOf) {
    Untold changes = room instanceof MadeRoom made ? untold.get(made) : null;
    List<String> names = new ArrayList<>(room.members().size());
    for (Who member : room.members()) {
      if (!member.equals(except) && (changes == null || !changes.joined.contains(member))) {
        names.add(nameOf.apply(member));
      }
    }
    if (changes != null) {
      changes.left.forEach((who, name) -> {
        if (!who.equals(except)) {
          names.add(name);
        }
      });
    }
    return names;
  }

  /** Something is about to be said or shown in the room: its members hear who came and went first. */
  void tellNow(Room room) {
    if (room instanceof MadeRoom made) {
      Untold changes = untold.remove(made);
      if (changes != null) {
        tell(made, changes);
      }
    }
  }

  /** How long the room may wait for events before {@link #endTurn} has changes to send. */
  long nanosUntilWork() {
    if (untold.isEmpty()) {
      return Long.MAX_VALUE;
    }
    long now = millis.getAsLong();
    // A clock set back must not hold presence until it is where it was.
    long left = now < toldAt ? 0 : toldAt + INTERVAL_MILLIS - now;
    return Math.max(0, left) * 1_000_000;
  }

  /** The end of a batch of events: every room's changes, if the interval since the last has passed. */
  void endTurn() {
    if (!untold.isEmpty() && nanosUntilWork() == 0) {
      tellAll();
    }
  }

  /** Every room's changes, due or not: the room is draining. */
  void tellAll() {
    toldAt = millis.getAsLong();
    List<Map.Entry<MadeRoom, Untold>> all = new ArrayList<>(untold.entrySet());
    untold.clear();
    for (Map.Entry<MadeRoom, Untold> room : all) {
      tell(room.getKey(), room.getValue());
    }
  }

  private void tell(MadeRoom room, Untold changes) {
    // A room emptied (and maybe forgotten) meanwhile has no one to tell.
    List<Who> members = room.members();
    for (ServerFrame frame : changes.frames.drain()) {
      delivery.broadcast(frame, members, room.name());
    }
  }
}
