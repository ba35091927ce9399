package dev.termchat.server.room;

import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * When the users list goes out. At once when the room is quiet; while people keep joining and
 * leaving, at most every 50 ms, or less often when sending one to everyone takes long: the room
 * spends at most a fifth of its time on them. A wave of ten thousand joins then costs a handful
 * of lists, not ten thousand, each to everyone. A message still forces a list that is due out
 * first, so that recipients know its sender. Extended clients get the joins, leaves and renames
 * since the last list, in order, just before it. Confined to the room thread.
 */
final class UsersList {
  private static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long MAX_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final int TIME_SHARE = 5;

  private final UserRegistry registry;
  private final Delivery delivery;
  private final PresenceLog presence = new PresenceLog();
  private boolean changed;
  private long lastSent = System.nanoTime() - MIN_INTERVAL_NANOS;
  private long interval = MIN_INTERVAL_NANOS;

  UsersList(UserRegistry registry, Delivery delivery) {
    this.registry = registry;
    this.delivery = delivery;
  }

  void joined(String name) {
    changed = true;
    presence.joined(name);
  }

  void left(String name) {
    changed = true;
    presence.left(name);
  }

  void renamed(String from, String to) {
    changed = true;
    presence.renamed(from, to);
  }

  /** Whether a list is waiting to go out. */
  boolean changed() {
    return changed;
  }

  /** How long until the waiting list may go out; 0 or less when it may now. */
  long nanosUntilDue() {
    return lastSent + interval - System.nanoTime();
  }

  void sendIfChanged() {
    if (!changed) {
      return;
    }
    changed = false;
    long started = System.nanoTime();
    lastSent = started;
    List<Who> members = registry.members();
    for (ServerFrame change : presence.drain()) {
      delivery.broadcast(change, members);
    }
    delivery.broadcast(new Users(registry.names()), members);
    delivery.flushQueued();
    long took = System.nanoTime() - started;
    interval = Math.min(MAX_INTERVAL_NANOS, Math.max(MIN_INTERVAL_NANOS, took * TIME_SHARE));
  }
}
