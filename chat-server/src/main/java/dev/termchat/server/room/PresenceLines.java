package dev.termchat.server.room;

import dev.termchat.protocol.Printable;
import dev.termchat.server.log.LogFields;
import dev.termchat.server.log.LogThrottle;
import org.slf4j.Logger;

/**
 * The log lines an operator reads about who joins, leaves and takes a new name, with the fields
 * that {@code --log-format json} shows: in a cluster each says which node the user is on, and at
 * most so many a second are written, since a client that connects and drops in a loop must not
 * flood the log. Confined to the room thread.
 */
final class PresenceLines {
  /** The room's log lines carry the room's name: they are what an operator reads. */
  private static final Logger log = RoomLogger.LOG;
  private static final int LOGGED_PER_SECOND = 100;

  private final boolean cluster;
  private final LogThrottle throttle = new LogThrottle(LOGGED_PER_SECOND, "joins, leaves and renames", log::info);

  /** @param node this node's id; {@link RoomSettings#LOCAL_NODE} for a server on its own */
  PresenceLines(String node) {
    this.cluster = !node.equals(RoomSettings.LOCAL_NODE);
  }

  /** @param note what to add, such as {@code " (resumed)"}, or nothing */
  void joined(Who who, String name, String address, boolean resumed, String note) {
    if (throttle.allow()) {
      try (LogFields fields = LogFields.of("event", "join", "name", name, "address", address, "node", node(who), "resumed", resumed)) {
        log.info("{} joined from {}{}{}", Printable.escape(name), address, onNode(who), note);
      }
    }
  }

  void left(Who who, String name, String address, String why) {
    if (throttle.allow()) {
      try (LogFields fields = LogFields.of("event", "leave", "name", name, "address", address, "node", node(who), "reason", why)) {
        log.info("{} left from {}{} ({})", Printable.escape(name), address, onNode(who), why);
      }
    }
  }

  /** @param note what to add, such as why, or nothing */
  void renamed(Who who, String from, String to, String note) {
    if (throttle.allow()) {
      try (LogFields fields = LogFields.of("event", "rename", "name", to, "from", from, "node", node(who))) {
        log.info("{} is now known as {}{}{}", Printable.escape(from), Printable.escape(to), onNode(who), note);
      }
    }
  }

  /** The {@code node} field: in a cluster only. */
  private String node(Who who) {
    return cluster ? who.node() : null;
  }

  /** Where the user is, in the text: {@code " on node N"} in a cluster, nothing on a server on its own. */
  private String onNode(Who who) {
    return cluster ? " on node " + Printable.escape(who.node()) : "";
  }
}
