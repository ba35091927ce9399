package dev.termchat.server.room;

import java.util.Optional;

/**
 * Whether a join or a rename may go now, by the {@link PresenceLimits}: renames per connection,
 * joins per address range. Decided on the log's time alone, so that every node applying one log
 * lets the same ones through; a join counts wherever its node is. Confined to the room thread.
 */
final class PresenceGate {
  private final PresenceLimits limits;
  private final RateByKey<String> joins;
  private final RateByKey<Who> renames;

  PresenceGate(PresenceLimits limits) {
    this.limits = limits;
    this.joins = new RateByKey<>(limits.joinsPerMinute(), limits.joinBurst());
    this.renames = new RateByKey<>(limits.renamesPerMinute(), limits.renameBurst());
  }

  /**
   * Counts a join from {@code address:port} in.
   *
   * @return empty when it may go; otherwise why not, for its client
   */
  Optional<String> join(String address, long now) {
    String host = AddressRange.hostOf(address);
    if (!limits.limitLoopback() && AddressRange.isLoopback(host)) {
      return Optional.empty();
    }
    String range = AddressRange.rangeOf(host);
    long wait = joins.take(range, now);
    return wait == 0
        ? Optional.empty()
        : Optional.of(
            "too many joins from " + range + " lately (" + limits.joinsPerMinute() + " a minute, "
                + limits.joinBurst() + " at once); try again in " + seconds(wait) + " s");
  }

  /**
   * Counts a rename of this connection in.
   *
   * @return empty when it may go; otherwise why not, for its client
   */
  Optional<String> rename(Who who, String name, long now) {
    long wait = renames.take(who, now);
    return wait == 0
        ? Optional.empty()
        : Optional.of(
            "names change at most " + limits.renamesPerMinute() + " times a minute (" + limits.renameBurst()
                + " at once); your name is still " + name + "; try again in " + seconds(wait) + " s");
  }

  /** The connection is gone. */
  void left(Who who) {
    renames.forget(who);
  }

  /** Forgets what is as good as new by now. */
  void expire(long now) {
    joins.expire(now);
    renames.expire(now);
  }

  private static long seconds(long millis) {
    return (millis + 999) / 1000;
  }
}
