package dev.termchat.server.room;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Printable;
import dev.termchat.server.log.LogFields;
import dev.termchat.server.log.LogThrottle;
import dev.termchat.server.metrics.ChatMeters;
import dev.termchat.server.room.UserRegistry.Entry;
import org.slf4j.Logger;

/**
 * What the room says to one member about a frame of its: a refusal (counted, logged, and the
 * reason to an extended client) or a notice that is no refusal. Room thread only.
 */
final class RoomReplies {
  /** The room's log lines carry the room's name: they are what an operator reads. */
  static final Logger log = RoomLogger.LOG;
  /** Dropped frames are a client's doing: logged up to this many a second, then summed up. */
  private static final int DROPS_LOGGED_PER_SECOND = 50;

  private final UserRegistry registry;
  private final Delivery delivery;
  private final ChatMeters meters;
  private final RoomCursor cursor;
  /** This node's name: refusals of another node's connections are that node's to count and log. */
  private final String node;
  /** Confined to the room thread. */
  private final LogThrottle dropLog = new LogThrottle(DROPS_LOGGED_PER_SECOND, "dropped frames", log::info);

  RoomReplies(UserRegistry registry, Delivery delivery, ChatMeters meters, RoomCursor cursor, String node) {
    this.registry = registry;
    this.delivery = delivery;
    this.meters = meters;
    this.cursor = cursor;
    this.node = node;
  }

  /** Whether a dropped frame is logged: live, and within the rate at which they are. */
  boolean logDrop() {
    return !cursor.replaying() && dropLog.allow();
  }

  void refuse(Who who, ErrorCode code, String reason) {
    refuse(who, code, reason, null);
  }

  /**
   * A frame of the connection's was dropped: a log line, and the reason to an extended client,
   * with the client's id for the line when it gave one.
   */
  void refuse(Who who, ErrorCode code, String reason, String clientId) {
    if (!who.node().equals(node)) {
      return; // Its own node tells, counts and logs it, as it applies the same entry.
    }
    if (!cursor.replaying()) {
      meters.refused(code.wireName());
    }
    if (logDrop()) {
      try (LogFields fields = LogFields.of("event", "dropped", "code", code.wireName())) {
        log.info("Dropped a frame from {}: {}", describe(who), Printable.escape(reason));
      }
    }
    delivery.sendTo(who, ErrorReply.of(code, reason, clientId));
  }

  /** Tells an extended client of a problem that refused nothing. */
  void tell(Who who, ErrorCode code, String reason) {
    delivery.sendTo(who, ErrorReply.of(code, reason));
  }

  private String describe(Who who) {
    Entry entry = registry.entryOf(who);
    if (entry != null) {
      return Printable.escape(entry.name()) + " (" + entry.address() + ")";
    }
    Member member = delivery.member(who);
    return member != null ? member.address() : "connection " + who.connection() + " on node " + who.node() + " (gone)";
  }

  static String quoted(String name) {
    return "\"" + Printable.escape(name) + "\"";
  }
}
