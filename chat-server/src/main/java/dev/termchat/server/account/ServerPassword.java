package dev.termchat.server.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Optional;

/**
 * The server's own password ({@code --password}), given in a handshake's Authorization header or
 * in-band: compared as digests of equal length, in constant time, so that timing tells nothing of
 * it; never kept as given. Wrong guesses are limited per address and per address range as failed logins are ({@link
 * LoginLimits}, whose per-address count they share): the header and the in-band frame draw on one
 * count, so neither is a way round the other. Thread-safe.
 */
public final class ServerPassword {
  /** What a guess came to. */
  public enum Outcome {
    RIGHT,
    WRONG,
    /** Not compared: the address has had too many wrong ones; {@link Attempt#waitSeconds} says how long to wait. */
    LIMITED
  }

  /** @param waitSeconds when {@link Outcome#LIMITED}, how long until the address may guess again */
  public record Attempt(Outcome outcome, long waitSeconds) {}

  private final Optional<byte[]> digest;
  private final LoginLimits limits;

  ServerPassword(Optional<String> password, LoginLimits limits) {
    this.digest = password.map(ServerPassword::digest);
    this.limits = limits;
  }

  /**
   * A server password whose wrong guesses are limited on limits of their own, on this clock.
   *
   * @param limitLoopback whether this machine's addresses are counted per range too
   */
  public static ServerPassword limited(Optional<String> password, Clock clock, boolean limitLoopback) {
    return new ServerPassword(password, new LoginLimits(clock, limitLoopback));
  }

  public boolean wanted() {
    return digest.isPresent();
  }

  /**
   * A guess from this host: taken from its allowance first, given back if it is right, so only
   * wrong guesses count.
   */
  public Attempt attempt(String host, String given) {
    String range = limits.rangeOf(host);
    long wait = limits.take(host, range, null);
    if (wait > 0) {
      return new Attempt(Outcome.LIMITED, LoginLimits.seconds(wait));
    }
    if (digest.isPresent() && MessageDigest.isEqual(digest.get(), digest(given))) {
      limits.succeeded(host, range, null);
      return new Attempt(Outcome.RIGHT, 0);
    }
    return new Attempt(Outcome.WRONG, 0);
  }

  private static byte[] digest(String password) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
