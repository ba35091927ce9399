package dev.termchat.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Extension only: the answer to {@code banlist}, the bans of a room (or with {@code server} of
 * the whole server) in the order they were made, to the operator who asked:
 * {@code {"messageType":"banlist","data":"{\"room\":\"#dev\",\"bans\":[{\"target\":\"bob\",\"by\":\"ann\",\"reason\":\"spam\",\"until\":1796634000000}]}"}}.
 *
 * @param room the room asked about; for the server's bans, the room the request named
 * @param server whether these are the bans of the whole server
 */
public record BanList(String room, boolean server, List<Entry> bans) implements ServerFrame {
  /**
   * One ban.
   *
   * @param target the name, address or range, as the ban shows it
   * @param reason why, empty when none was given
   * @param until when it ends, epoch milliseconds; 0 for no end
   */
  public record Entry(String target, String by, String reason, long until) {
    public Entry {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(reason, "reason");
    }

    /** The ban in words: {@code bob, by ann until 2026-12-07 09:00 UTC: spam}. */
    public String described() {
      return target + ", by " + by + (until == 0 ? ", no end" : " until " + Moderation.shownTime(until))
          + (reason.isEmpty() ? "" : ": " + reason);
    }
  }

  public BanList {
    Objects.requireNonNull(room, "room");
    bans = List.copyOf(bans);
  }

  @Override
  public String messageType() {
    return Wire.TYPE_BANLIST;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.banList(this);
  }
}
