package dev.termchat.server.room;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.Moderation;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Printable;
import dev.termchat.server.log.LogFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Tells a room of a moderation act, and the operator's log: extended clients get a {@link
 * Moderation} frame, base and plain-text clients (in the default room alone) an action from its
 * asker, {@code * alice kicked bob: flooding}, the only thing they can show; the log one line,
 * a JSON event with {@code --log-format json} (who, whom, why, until when). Room thread only.
 */
final class ModerationNotices {
  /**
   * An act to tell, but for its room and time.
   *
   * @param target whom or what, {@code null} for mute and unmute
   * @param until when a ban ends, 0 for no end or another act
   * @param server whether a ban or unban is of the whole server
   * @param from for a delete, who said the message; {@code null} otherwise
   * @param said for a delete, when the message was said; 0 otherwise
   */
  record Notice(ModerationAct act, String by, String target, String reason, long until, boolean server, String from, long said) {
    static Notice of(ModerationAct act, String by, String target, String reason, long until, boolean server) {
      return new Notice(act, by, target, reason, until, server, null, 0);
    }
  }

  private static final Logger log = RoomLogger.LOG;

  private final UserRegistry registry;
  private final Delivery delivery;
  private final UsersList users;
  private final RoomCursor cursor;
  private final boolean shareAddresses;

  ModerationNotices(RoomParts parts) {
    this.registry = parts.registry();
    this.delivery = parts.delivery();
    this.users = parts.users();
    this.cursor = parts.cursor();
    this.shareAddresses = parts.settings().shareAddresses();
  }

  /** Tells the room of an act done by {@code by}, the notice made at the log's time. */
  void tell(Room room, Who by, Notice done) {
    Moderation notice = new Moderation(room.name(), done.act(), done.by(), done.target(), done.reason(), done.until(), cursor.time(),
        done.server(), done.from(), done.said());
    String byName = done.by();
    List<Who> extended = new ArrayList<>();
    List<Who> base = new ArrayList<>();
    for (Who member : room.members()) {
      UserRegistry.Entry entry = registry.entryOf(member);
      if (entry != null) {
        (entry.dialect().extended() ? extended : base).add(member);
      }
    }
    delivery.broadcast(notice, extended, room.name());
    if (!base.isEmpty() && room.isDefault() && room.contains(by)) {
      UserRegistry.Entry asker = registry.entryOf(by);
      users.beforeMessage(byName);
      String address = shareAddresses ? asker.address() : null;
      delivery.broadcast(new ChatMessage(true, byName, notice.described(), notice.time(), address, null, null), base);
    }
    if (!cursor.replaying()) {
      logged(notice);
    }
  }

  private static void logged(Moderation notice) {
    String until = notice.until() == 0 ? null : Instant.ofEpochMilli(notice.until()).toString();
    try (LogFields fields = LogFields.of(
        "event", "moderation", "act", notice.act().wireName(), "room", notice.room(), "by", notice.by(),
        "target", notice.target(), "reason", notice.reason().isEmpty() ? null : notice.reason(), "until", until)) {
      log.info("{} in {}: {} {}", Printable.escape(notice.by()), Printable.escape(notice.room()), notice.act().wireName(),
          Printable.escape(notice.described()));
    }
  }
}
