package dev.termchat.server.room;

import java.util.Optional;

/**
 * Whether a join or a rename may go now, by the {@link PresenceLimits}: renames per connection and
 * per address range, joins per address range. Decided on the log's time alone, so that every node applying one log
 * lets the same ones through; a join counts wherever its node is. Confined to the room thread.
 */
final class PresenceGate {
  private final PresenceLimits limits;
  private final RateByKey<String> joins;
  private final RateByKey<Who> renames;
  private final RateByKey<String> rangeRenames;

  PresenceGate(PresenceLimits limits) {
    this.limits = limits;
    this.joins = new RateByKey<>(limits.joinsPerMinute(), limits.joinBurst());
    this.renames = new RateByKey<>(limits.renamesPerMinute(), limits.renameBurst());
    this.rangeRenames = new RateByKey<>(limits.rangeRenamesPerMinute(), limits.rangeRenameBurst());
  }

  /**
   * Counts a join from {@code address:port} in.
   *
   * @return empty when it may go; otherwise why not, for its client
   */
  Optional<String> join(String address, long now) {
    String range = limitedRange(address);
    if (range == null) {
      return Optional.empty();
    }
    long wait = joins.take(range, now);
    return wait == 0
        ? Optional.empty()
        : Optional.of(
            "too many joins from " + range + " lately (" + limits.joinsPerMinute() + " a minute, "
                + limits.joinBurst() + " at once); try again in " + seconds(wait) + " s");
  }

  /**
   * Counts a rename of this connection, from {@code address:port}, in. The connection's own
   * allowance is taken first, so that renames refused for its range cost the others of the range
   * nothing.
   *
   * @return empty when it may go; otherwise why not, for its client
   */
  Optional<String> rename(Who who, String address, String name, long now) {
    long wait = renames.take(who, now);
    if (wait > 0) {
      return Optional.of(
          "names change at most " + limits.renamesPerMinute() + " times a minute (" + limits.renameBurst()
              + " at once); your name is still " + name + "; try again in " + seconds(wait) + " s");
    }
    String range = limitedRange(address);
    long rangeWait = range == null ? 0 : rangeRenames.take(range, now);
    return rangeWait == 0
        ? Optional.empty()
        : Optional.of(
            "too many renames from " + range + " lately (" + limits.rangeRenamesPerMinute() + " a minute, "
                + limits.rangeRenameBurst() + " at once); your name is still " + name + "; try again in "
                + seconds(rangeWait) + " s");
  }

  /** The range of {@code address:port} that the rates count, or {@code null} for exempt loopback. */
  private String limitedRange(String address) {
    String host = AddressRange.hostOf(address);
    return !limits.limitLoopback() && AddressRange.isLoopback(host) ? null : AddressRange.rangeOf(host);
  }

  /** The connection is gone. */
  void left(Who who) {
    renames.forget(who);
  }

  /** Forgets what is as good as new by now. */
  void expire(long now) {
    joins.expire(now);
    renames.expire(now);
    rangeRenames.expire(now);
  }

  private static long seconds(long millis) {
    return (millis + 999) / 1000;
  }
}
