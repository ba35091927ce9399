package dev.termchat.server.account;

/**
 * Failed logins, and accounts made per address, counted where every node of a cluster counts them
 * (its Redis), so that every node holds an address or an account alike: the rules of {@link
 * LoginLimits} (5 at once, then one every 333 s; an address known to the account held by its own
 * count alone) and {@link RegistrationLimits}, their counts shared. Called
 * on the hashing pool, never the I/O thread: it may block on its network, and throws {@link
 * AccountStoreException} when it cannot answer.
 */
public interface SharedLoginLimits {
  /**
   * Takes an attempt for the host, its range (25 at once, then one every 67 s; {@code null}: not
   * counted) and the account (or none, for {@code null}); an address known to the account is held
   * by its own count alone.
   *
   * @return 0 when taken, otherwise the milliseconds until one would be
   */
  long take(String host, String range, String account);

  /**
   * The password was right: the attempt does not count, and the host is known to the account.
   * The range as it was given to {@link #take}.
   */
  void succeeded(String host, String range, String account);

  /** The host made the account: its attempt does not count, and it is known to the account. */
  void registered(String host, String range, String account);

  /**
   * Takes a registration for the host: {@code burst} at once, then one every interval.
   *
   * @return 0 when taken, otherwise the milliseconds until one would be
   */
  long takeRegistration(String host, long intervalMillis, int burst);

  /** No account came of a registration taken. */
  void giveBackRegistration(String host, long intervalMillis);
}
