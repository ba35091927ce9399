package dev.termchat.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Extension only: a moderation act done, to every extended client in its room:
 * {@code {"messageType":"moderation","data":"{\"room\":\"#dev\",\"act\":\"ban\",\"by\":\"alice\",\"target\":\"bob\",\"reason\":\"flooding\",\"until\":1764154800000,\"time\":1764151200000}"}}.
 * A delete's target is the id of the message to take from view; a ban or unban of the whole
 * server says {@code "server":true}.
 *
 * @param target who or what, {@code null} for mute and unmute
 * @param reason why, empty when none was given
 * @param until when a ban ends, epoch milliseconds; 0 for no end (and for other acts)
 * @param time when it was done, epoch milliseconds
 * @param server whether a ban or unban is of the whole server rather than the room
 * @param from for a delete, who said the message deleted; {@code null} otherwise
 * @param said for a delete, when the message deleted was said, epoch milliseconds; 0 otherwise
 */
public record Moderation(
    String room, ModerationAct act, String by, String target, String reason, long until, long time, boolean server, String from, long said)
    implements ServerFrame {
  /** A notice of a room's act, of no message. */
  public Moderation(String room, ModerationAct act, String by, String target, String reason, long until, long time) {
    this(room, act, by, target, reason, until, time, false, null, 0);
  }

  public Moderation {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(act, "act");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * The act in words, to follow its asker's name: {@code kicked bob from #dev: flooding}. Shown
   * as such to base clients (an action of the asker's) and by the project's clients.
   */
  public String described() {
    String words = switch (act) {
      case OP -> "made " + target + " an operator of " + room;
      case DEOP -> "took operator from " + target + " in " + room;
      case VOICE -> "gave " + target + " voice in " + room;
      case DEVOICE -> "took voice from " + target + " in " + room;
      case KICK -> "kicked " + target + " from " + room;
      case BAN -> "banned " + target + " from " + (server ? "the server" : room) + (until == 0 ? "" : " until " + shownTime(until));
      case UNBAN -> "lifted the ban on " + target + (server ? " from the server" : " in " + room);
      case MUTE -> "muted " + room + ": only operators and voiced members speak";
      case UNMUTE -> "unmuted " + room;
      case DELETE -> "deleted " + (from == null ? "a message" : from.equals(by) ? "their message" : from + "'s message")
          + (said == 0 ? "" : " said at " + shownSecond(said)) + " in " + room;
      case BANLIST, WHOIS -> "asked " + act.wireName(); // Questions are answered to their asker, never told.
    };
    return reason.isEmpty() ? words : words + ": " + reason;
  }

  /** How a ban's end is shown: a time of day everyone reads alike, wherever they are. */
  private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** A time as notices show it, {@code 2026-12-07 08:01 UTC}: read alike wherever one is. */
  public static String shownTime(long millis) {
    return UNTIL.format(Instant.ofEpochMilli(millis));
  }

  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /**
   * When a deleted message was said, to the second: which message it was, where quoting its words
   * would show again what was deleted, a password said by mistake perhaps.
   */
  private static String shownSecond(long millis) {
    return SECOND.format(Instant.ofEpochMilli(millis));
  }

  @Override
  public String messageType() {
    return Wire.TYPE_MODERATION;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.moderation(this);
  }
}
