package dev.termchat.server.account;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.NameKeys;
import dev.termchat.protocol.NameRules;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.Wire;
import dev.termchat.server.log.LogFields;
import dev.termchat.server.room.AddressRange;
import dev.termchat.server.room.ChatRoom;
import dev.termchat.server.room.Member;
import dev.termchat.server.room.RoomEvent.Account.Change;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts: a name registered with a password is kept for whoever logs in with it. What a
 * client asks ({@link AccountRequest}) is checked here, its password hashed on a {@link HashPool}
 * and the account kept in an {@link AccountStore}; then the change goes to the room's log, where
 * every node reserves the name, or lets the connection have it, at the same point, and the
 * client is answered. A refusal goes back through the room, in the order of the client's frames.
 *
 * <p>A wrong password and an unknown account are answered alike, after a hash either way; failed
 * logins are limited per address and per account ({@link LoginLimits}). No password is logged,
 * kept or sent back. Called on the I/O thread; never blocks it.
 */
public final class Accounts implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Accounts.class);
  private static final String LOGIN_FAILED = "wrong name or password";

  private final ChatRoom room;
  private final AccountStore store;
  private final PasswordHasher hasher;
  /** This node's count, which the server password's guesses share with the logins. */
  private final LoginLimits limits;
  private final LoginGate gate;
  private final RegistrationLimits registrations;
  private final AccountChecks checks;
  /** The server's own password, given in-band by a client that cannot send a header. */
  private final ServerPassword serverPassword;

  /**
   * @param serverPassword the server's {@code --password}, if it has one
   * @param registrationsPerHour how many accounts an address may make at once, and then an hour
   * @param limitLoopback whether this machine's addresses are bound by that too
   * @param sharedLimits in a cluster, where every node counts failed logins
   */
  public Accounts(
      ChatRoom room,
      AccountStore store,
      Clock clock,
      Optional<String> serverPassword,
      int registrationsPerHour,
      boolean limitLoopback,
      Optional<SharedLoginLimits> sharedLimits) {
    this.room = room;
    this.store = store;
    this.hasher = new PasswordHasher();
    this.limits = new LoginLimits(clock, limitLoopback);
    this.gate = new LoginGate(limits, sharedLimits);
    this.registrations = new RegistrationLimits(clock, registrationsPerHour, limitLoopback, sharedLimits);
    this.serverPassword = new ServerPassword(serverPassword, limits);
    this.checks = new AccountChecks(room, gate, limitLoopback);
  }

  /**
   * The server's password, given in-band: compared in constant time, failures limited per
   * address as failed logins are. Answered through the room, in the order of the client's frames.
   *
   * @return whether it is the server's password
   */
  public boolean access(Member member, String password) {
    if (!serverPassword.wanted()) {
      room.reject(member, ErrorCode.NOT_SERVED, "this server wants no password of its own");
      return false;
    }
    ServerPassword.Attempt attempt = serverPassword.attempt(AddressRange.hostOf(member.address()), password);
    if (attempt.outcome() == ServerPassword.Outcome.LIMITED) {
      room.reject(member, ErrorCode.RATE_LIMITED, AccountChecks.tooMany(attempt.waitSeconds()));
      return false;
    }
    if (attempt.outcome() == ServerPassword.Outcome.WRONG) {
      room.reject(member, ErrorCode.LOGIN_FAILED, "wrong server password");
      return false;
    }
    room.answer(member, new AccountReply(AccountRequest.ACCESS, null));
    return true;
  }

  /**
   * The server's password, whose wrong guesses count with failed logins per address: the
   * handshake's Authorization header is checked against it too.
   */
  public ServerPassword serverPassword() {
    return serverPassword;
  }

  /** The names already registered, reserved in the room before it starts. */
  public void reserveKnownNames() {
    room.reserveAccounts(store.names());
  }

  /** What the member asks of accounts. */
  public void handle(Member member, AccountRequest request) {
    if (!member.dialect().extended()) {
      room.reject(member, ErrorCode.UNKNOWN_TYPE, "a client may not send messageType \"" + Wire.TYPE_ACCOUNT + "\"");
      return;
    }
    switch (request.op()) {
      case AccountRequest.LOGIN -> login(member, request.name(), request.password());
      case AccountRequest.REGISTER -> register(member, request.password());
      case AccountRequest.PASSWORD -> changePassword(member, request.password(), request.newPassword());
      default -> access(member, request.password());
    }
  }

  private void login(Member member, String asked, String password) {
    String name = NameRules.normalize(asked);
    // A name no account could have is still hashed against the dummy: the answer is the same.
    String key = name == null || NameRules.problem(name).isPresent() ? null : NameKeys.keyOf(name);
    String host = AddressRange.hostOf(member.address());
    if (!checks.withinLimits(member, host, key)) {
      return;
    }
    checks.offPool(member, host, key, () -> {
      if (!checks.withinSharedLimits(member, host, key)) {
        return;
      }
      Optional<AccountStore.Stored> stored = verified(member, key, password, LOGIN_FAILED);
      if (stored.isEmpty()) {
        return;
      }
      gate.succeeded(host, key);
      String account = stored.get().name();
      // Read before the login is applied: the client registers once it is answered, and that
      // register must not pass for one made before the login (it would be renamed twice).
      String current = room.nameOf(member.who());
      // What was kept for the account goes out before the login's answer: a script that ends once
      // it is answered has had them (taking them from the store forgets them).
      room.deliverKeptThen(member, account, () -> {
        room.accountChanged(member, account, Change.LOGIN);
        if (current != null && !NameKeys.keyOf(current).equals(key)) {
          // Logged in after its register: it takes the account's name now.
          room.rename(member, account);
        }
      });
    });
  }

  private void register(Member member, String password) {
    String name = room.nameOf(member.who());
    if (name == null) {
      room.reject(member, ErrorCode.NOT_REGISTERED, "register a name before making it an account");
      return;
    }
    if (NameRules.isGuestName(name)) {
      room.reject(member, ErrorCode.ACCOUNT_REFUSED, "a guest's name cannot be an account; take a name of your own first (/nick NAME)");
      return;
    }
    if (room.isAccount(name)) {
      room.reject(member, ErrorCode.ACCOUNT_REFUSED, "the name " + name + " is registered already");
      return;
    }
    if (checks.tooShort(member, password)) {
      return;
    }
    // Registering costs a hash as a login does: it takes from the address's attempts.
    String host = AddressRange.hostOf(member.address());
    if (!checks.withinLimits(member, host, null)) {
      return;
    }
    long wait = registrations.take(host);
    if (wait > 0) {
      gate.notMadeHere(host, null);
      room.reject(member, ErrorCode.RATE_LIMITED, tooManyAccounts(wait));
      return;
    }
    boolean queued = checks.offPool(member, host, null, () -> makeAccount(member, host, name, password));
    if (!queued) {
      registrations.giveBack(host);
    }
  }

  /** The registration, on the pool, once this node's counts let it through. */
  private void makeAccount(Member member, String host, String name, String password) {
    if (!checks.withinSharedLimits(member, host, null)) {
      registrations.giveBack(host);
      return;
    }
    long wait = registrations.takeShared(host);
    if (wait > 0) {
      room.reject(member, ErrorCode.RATE_LIMITED, tooManyAccounts(wait));
      return;
    }
    String key = NameKeys.keyOf(name);
    boolean made = false;
    try {
      made = store.create(key, name, hasher.hash(password));
    } finally {
      if (!made) {
        registrations.giveBackEverywhere(host);
      }
    }
    if (!made) {
      room.reject(member, ErrorCode.ACCOUNT_REFUSED, "the name " + name + " is registered already");
      return;
    }
    gate.registered(host, key);
    logged("registered", name, member);
    room.accountChanged(member, name, Change.REGISTERED);
  }

  private static String tooManyAccounts(long waitMillis) {
    return "too many accounts registered from your address; try again in " + LoginLimits.seconds(waitMillis) + " s";
  }

  private void changePassword(Member member, String password, String newPassword) {
    String key = room.accountOf(member.who());
    if (key == null) {
      room.reject(member, ErrorCode.ACCOUNT_REFUSED, "log in to an account before changing its password");
      return;
    }
    if (checks.tooShort(member, newPassword)) {
      return;
    }
    String host = AddressRange.hostOf(member.address());
    if (!checks.withinLimits(member, host, key)) {
      return;
    }
    checks.offPool(member, host, key, () -> {
      if (!checks.withinSharedLimits(member, host, key)) {
        return;
      }
      Optional<AccountStore.Stored> stored = verified(member, key, password, "wrong password; it is unchanged");
      if (stored.isEmpty()) {
        return;
      }
      gate.succeeded(host, key);
      store.changeHash(key, hasher.hash(newPassword));
      logged("password", stored.get().name(), member);
      room.accountChanged(member, stored.get().name(), Change.PASSWORD);
    });
  }

  /**
   * The account, if the password is its own; otherwise the member is told {@code why} (an account
   * that does not exist, {@code key} null included, is checked against a dummy all the same).
   * On the pool.
   */
  private Optional<AccountStore.Stored> verified(Member member, String key, String password, String why) {
    Optional<AccountStore.Stored> stored = key == null ? Optional.empty() : store.find(key);
    if (!hasher.verify(password, stored.map(AccountStore.Stored::hash).orElse(null)) || stored.isEmpty()) {
      room.reject(member, ErrorCode.LOGIN_FAILED, why);
      return Optional.empty();
    }
    return stored;
  }

  /** An account made, or its password changed: one line each, never the password. */
  private static void logged(String change, String name, Member member) {
    try (LogFields fields = LogFields.of("event", "account", "change", change, "name", name, "address", member.address())) {
      log.info("Account {}: {} from {}", Printable.escape(name), change.equals("registered") ? "registered" : "password changed", member.address());
    }
  }

  @Override
  public void close() {
    checks.close();
    store.close();
  }
}
