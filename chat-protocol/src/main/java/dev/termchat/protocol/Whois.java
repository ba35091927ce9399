package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only: the answer to {@code whois}: whether a name is an account's or a guest's, its
 * rank in the room asked about, and since when it has been online (0 when it is not, an
 * account's name with no one logged in):
 * {@code {"messageType":"whois","data":"{\"name\":\"bob\",\"room\":\"#dev\",\"account\":true,\"rank\":\"operator\",\"since\":1796630400000}"}}.
 *
 * @param rank {@code member}, {@code voice}, {@code operator}, {@code owner} or {@code server-operator}
 * @param since when its connection registered, epoch milliseconds; 0 when it is not online
 */
public record Whois(String name, String room, boolean account, String rank, long since) implements ServerFrame {
  public Whois {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(rank, "rank");
  }

  /** In words: {@code bob: registered, an operator of #dev, online since 2026-12-07 08:00 UTC}. */
  public String described() {
    String role = switch (rank) {
      case "server-operator" -> "a server operator";
      case "owner" -> "the owner of " + room;
      case "operator" -> "an operator of " + room;
      case "voice" -> "voiced in " + room;
      default -> "no role in " + room;
    };
    return name + ": " + (account ? "registered" : "a guest (no account)") + ", " + role + ", "
        + (since == 0 ? "not online" : "online since " + Moderation.shownTime(since));
  }

  @Override
  public String messageType() {
    return Wire.TYPE_WHOIS;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.whois(this);
  }
}
