package dev.termchat.server.settings;

/** The settings of accounts: how fast they may be made, what is kept for one while its owner is away. */
public final class AccountOptions {
  private AccountOptions() {}

  public static final Setting<Integer> OFFLINE_MESSAGES = Setting.of(
      "--offline-messages", "N", Integer.class, 100, Limit.between(0, 10_000),
      "Keep up to N private messages for each registered user who is offline, delivered at their next login; "
          + "past N the oldest go; 0 keeps none (default: ${DEFAULT-VALUE}).");

  public static final Setting<Integer> OFFLINE_DAYS = Setting.of(
      "--offline-days", "N", Integer.class, 30, Limit.between(1, 3650),
      "Let go of a private message kept for an offline user once it is N days old (default: ${DEFAULT-VALUE}).");

  public static final Setting<Integer> REGISTRATIONS_PER_HOUR = Setting.of(
      "--registrations-per-hour", "N", Integer.class, 6, Limit.between(1, 3600),
      "Accounts one address may register: N at once, then N an hour (one address range, a /24 or a /64, twice that); loopback exempt unless --limit-loopback; "
          + "more are refused (default: ${DEFAULT-VALUE}).");
}
