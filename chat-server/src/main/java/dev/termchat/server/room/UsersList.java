package dev.termchat.server.room;

import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * When the users list goes out. At once when the room is quiet; while people keep joining and
 * leaving, at most every 50 ms, or less often when sending one to everyone takes long (the room
 * spends at most a fifth of its time on them) or would pass the bytes a second that lists may take
 * to everyone together: a list costs its length times the room, so a room twice as big sends
 * lists half as often, and no pace of joins, leaves and renames makes their bytes grow with the
 * square of the room. A wave of ten thousand joins then costs a handful
 * of lists, not ten thousand, each to everyone. A message still forces a list that is due out
 * first, so that recipients know its sender. Extended clients get the joins, leaves and renames
 * since the last list, in order, just before it. Confined to the room thread.
 */
final class UsersList {
  private static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long MAX_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final int TIME_SHARE = 5;
  /**
   * The bytes of users lists a second that a client is asked to take while people come and go:
   * a room of thousands with long names has lists of a megabyte, which at 20 a second would be
   * more than a healthy client on a slow link can read.
   */
  private static final long LIST_BYTES_PER_SECOND = 256 * 1024;
  /**
   * The bytes of users lists a second to everyone together while people come and go: 2,000
   * users of 10-character names, each sent a list of 26 KB, get one every 1.6 s.
   */
  static final long FAN_OUT_BYTES_PER_SECOND = 32L * 1024 * 1024;

  private final UserRegistry registry;
  private final Delivery delivery;
  private final PresenceLog presence = new PresenceLog();
  private boolean changed;
  /** The names in the last list sent. */
  private Set<String> named = Set.of();
  /** The room thread's clock, in nanoseconds; a test's own in tests of this class alone. */
  private final LongSupplier nanoTime;
  private long lastSent;
  private long interval = MIN_INTERVAL_NANOS;

  UsersList(UserRegistry registry, Delivery delivery) {
    this(registry, delivery, System::nanoTime);
  }

  UsersList(UserRegistry registry, Delivery delivery, LongSupplier nanoTime) {
    this.registry = registry;
    this.delivery = delivery;
    this.nanoTime = nanoTime;
    this.lastSent = nanoTime.getAsLong() - MIN_INTERVAL_NANOS;
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
    return lastSent + interval - nanoTime.getAsLong();
  }

  /**
   * Sends a list that is waiting if it names this sender and the last did not: everyone must
   * know a sender before its message, and need not get a list before every message otherwise.
   */
  void sendIfUnknown(String sender) {
    if (changed && !named.contains(sender)) {
      sendIfChanged();
    }
  }

  void sendIfChanged() {
    if (!changed) {
      return;
    }
    changed = false;
    long started = nanoTime.getAsLong();
    lastSent = started;
    List<Who> members = registry.members();
    for (ServerFrame change : presence.drain()) {
      delivery.broadcast(change, members);
    }
    List<String> names = registry.names();
    int recipients = delivery.broadcast(new Users(names), members).recipients();
    delivery.flushQueued();
    named = new HashSet<>(names);
    long took = nanoTime.getAsLong() - started;
    long listBytes = 0;
    for (String name : names) {
      listBytes += name.getBytes(StandardCharsets.UTF_8).length + 3;
    }
    long forBandwidth = listBytes * TimeUnit.SECONDS.toNanos(1) / LIST_BYTES_PER_SECOND;
    long forFanOut = (long) ((double) listBytes * recipients * TimeUnit.SECONDS.toNanos(1) / FAN_OUT_BYTES_PER_SECOND);
    long longest = Math.max(Math.max(MIN_INTERVAL_NANOS, forBandwidth), Math.max(took * TIME_SHARE, forFanOut));
    interval = Math.min(MAX_INTERVAL_NANOS, longest);
  }
}
