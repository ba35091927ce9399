package dev.termchat.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Extension only: a moderation act done, to every extended client in its room:
 * {@code {"messageType":"moderation","data":"{\"room\":\"#dev\",\"act\":\"ban\",\"by\":\"alice\",\"target\":\"bob\",\"reason\":\"flooding\",\"until\":1764154800000,\"time\":1764151200000}"}}.
 * A delete's target is the id of the message to take from view.
 *
 * @param target who or what, {@code null} for mute and unmute
 * @param reason why, empty when none was given
 * @param until when a ban ends, epoch milliseconds; 0 for no end (and for other acts)
 * @param time when it was done, epoch milliseconds
 */
public record Moderation(String room, ModerationAct act, String by, String target, String reason, long until, long time)
    implements ServerFrame {
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
    String said = switch (act) {
      case OP -> "made " + target + " an operator of " + room;
      case DEOP -> "took operator from " + target + " in " + room;
      case VOICE -> "gave " + target + " voice in " + room;
      case DEVOICE -> "took voice from " + target + " in " + room;
      case KICK -> "kicked " + target + " from " + room;
      case BAN -> "banned " + target + (until == 0 ? "" : " until " + shownTime(until));
      case UNBAN -> "lifted the ban on " + target;
      case MUTE -> "muted " + room + ": only operators and voiced members speak";
      case UNMUTE -> "unmuted " + room;
      case DELETE -> "deleted a message";
    };
    return reason.isEmpty() ? said : said + ": " + reason;
  }

  /** How a ban's end is shown: a time of day everyone reads alike, wherever they are. */
  private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** A time as notices show it, {@code 2026-12-07 08:01 UTC}: read alike wherever one is. */
  public static String shownTime(long millis) {
    return UNTIL.format(Instant.ofEpochMilli(millis));
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
