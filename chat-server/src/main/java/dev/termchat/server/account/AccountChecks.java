package dev.termchat.server.account;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.Wire;
import dev.termchat.server.room.AddressRange;
import dev.termchat.server.room.ChatRoom;
import dev.termchat.server.room.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every account request goes through before its password is hashed, and the hashing pool
 * it is hashed on: the counts of attempts ({@link LoginGate}), a new password's length, a pool
 * that is full or a store that cannot answer; each refused through the room, in the order of the
 * client's frames. Thread-safe.
 */
final class AccountChecks implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AccountChecks.class);
  private static final String BUSY = "the server is busy checking passwords; try again in a moment";

  private final ChatRoom room;
  private final LoginGate gate;
  private final HashPool pool = new HashPool();
  private final boolean limitLoopback;

  /** @param limitLoopback whether this machine's addresses are held to a range's share of the pool */
  AccountChecks(ChatRoom room, LoginGate gate, boolean limitLoopback) {
    this.room = room;
    this.gate = gate;
    this.limitLoopback = limitLoopback;
  }

  /** Whether a new password is too short; if so, the member is told. */
  boolean tooShort(Member member, String password) {
    if (password.codePointCount(0, password.length()) < Wire.MIN_PASSWORD_CHARS) {
      room.reject(member, ErrorCode.ACCOUNT_REFUSED, "a password is at least " + Wire.MIN_PASSWORD_CHARS + " characters");
      return true;
    }
    return false;
  }

  /** On the I/O thread: this node's count. */
  boolean withinLimits(Member member, String host, String key) {
    return within(member, gate.takeHere(host, key));
  }

  /** On the pool: in a cluster, the count every node shares. */
  boolean withinSharedLimits(Member member, String host, String key) {
    return within(member, gate.takeShared(host, key));
  }

  private boolean within(Member member, long wait) {
    if (wait > 0) {
      room.reject(member, ErrorCode.RATE_LIMITED, tooMany(LoginLimits.seconds(wait)));
      return false;
    }
    return true;
  }

  static String tooMany(long seconds) {
    return "too many failed logins; try again in " + seconds + " s";
  }

  /**
   * Runs the work on the pool; a pool that is full, or has the host's range's share of requests
   * already, or a store that cannot answer, refuses. An
   * attempt the full pool refused was never made: it is given back to the limits it was taken
   * from, so that a flood of logins cannot spend an account owner's attempts for it.
   *
   * @return whether the work was queued
   */
  boolean offPool(Member member, String host, String key, Runnable work) {
    String range = host == null ? null : AddressRange.countedRange(host, limitLoopback);
    boolean taken = pool.submit(range, host != null && gate.knownHere(host, key), () -> {
      try {
        work.run();
      } catch (AccountStoreException e) {
        log.warn("Accounts could not be read or kept: {}", e.getMessage());
        room.reject(member, ErrorCode.UNAVAILABLE, "accounts cannot be reached just now; try again later");
      }
    });
    if (!taken) {
      if (host != null) {
        gate.notMadeHere(host, key);
      }
      room.reject(member, ErrorCode.UNAVAILABLE, BUSY);
    }
    return taken;
  }

  @Override
  public void close() {
    pool.close();
  }
}
