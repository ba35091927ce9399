package dev.termchat.server.room;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.NameKeys;
import dev.termchat.protocol.Wire;
import dev.termchat.server.room.RoomEvent.Account;
import dev.termchat.server.room.RoomEvent.Leave;

/**
 * What an account's change does to the room: a name registered is reserved from this point of
 * the log on, on every node; a login lets its connection have the account's name; a new password
 * ends the account's other sessions, and closes every other connection logged in to it (whoever
 * had the old password, or a session's token, is out: {@link Wire#CLOSE_SIGNED_OUT}). The client that asked is answered here, once every node
 * will decide alike. Room thread only, one log entry at a time.
 */
final class AccountRules {
  static final String SIGNED_OUT = "signed out: the account's password was changed";

  private final RoomParts parts;
  private final MembershipRules membership;

  AccountRules(RoomParts parts, MembershipRules membership) {
    this.parts = parts;
    this.membership = membership;
  }

  void apply(Account account) {
    Who who = account.who();
    AccountNames names = parts.registry().accounts();
    String key = NameKeys.keyOf(account.name());
    String op;
    switch (account.change()) {
      case REGISTERED -> {
        names.reserve(account.name());
        logIn(who, account.name(), key, true);
        op = AccountRequest.REGISTER;
      }
      case LOGIN -> {
        // A session of its own left dropped (a client killed, a cable pulled) holds its name no more.
        letGo(parts.sessions().endOffline(key, who));
        // What was kept for it went before this login was appended (Accounts#login).
        logIn(who, account.name(), key, false);
        op = AccountRequest.LOGIN;
        if (bannedAfterRegister(who)) {
          return;
        }
      }
      case PASSWORD -> {
        letGo(parts.sessions().revoke(key, who));
        signOthersOut(key, who);
        op = AccountRequest.PASSWORD;
      }
      default -> throw new IllegalStateException("no such change " + account.change());
    }
    parts.delivery().sendTo(who, new AccountReply(op, account.name(), renewedToken(who, account.issued())));
  }

  /**
   * The connection's session, if it has one, goes on under the token issued with the login or
   * register; the token seen before resumes nothing.
   *
   * @return the new token as its client sends it, on the node that issued it; otherwise {@code null}
   */
  private String renewedToken(Who who, ResumeToken issued) {
    ResumeToken unsealed = issued == null ? null : parts.issued().remove(issued);
    Session session = issued == null ? null : parts.sessions().of(who).orElse(null);
    if (session == null) {
      return null;
    }
    session.renewed(issued);
    return unsealed == null ? null : session.token().session() + "." + unsealed.secret();
  }

  /**
   * Closes every connection logged in to the account but {@code keep}, on the node that has it,
   * and on every node lets it go as one that quit: its session ends, so its token resumes nothing,
   * and its name is not held.
   */
  private void signOthersOut(String key, Who keep) {
    for (Who other : parts.registry().accounts().loggedInTo(key)) {
      if (other.equals(keep)) {
        continue;
      }
      Member member = parts.delivery().member(other);
      if (member != null) {
        member.removed(Wire.CLOSE_SIGNED_OUT, SIGNED_OUT);
      }
      membership.leave(new Leave(other, SIGNED_OUT, true));
    }
  }

  /**
   * A connection registered under another name that logs in to an account banned (from the
   * server, or for a client that lives in the default room alone, from it) is let go and closed,
   * as its register would have been: a ban of an account's name holds its owner under any name.
   */
  private boolean bannedAfterRegister(Who who) {
    UserRegistry.Entry entry = parts.registry().entryOf(who);
    if (entry == null) {
      return false;
    }
    java.util.Optional<String> banned = parts.moderation()
        .registerBan(parts.rooms().general(), who, entry.name(), entry.address(), entry.dialect() == Dialect.ROOMS, parts.cursor().time())
        .map(ban -> ban.told(dev.termchat.protocol.RoomNames.DEFAULT_ROOM));
    if (banned.isEmpty()) {
      return false;
    }
    Member member = parts.delivery().member(who);
    if (member != null) {
      member.removed(Wire.CLOSE_BANNED, banned.get());
    }
    membership.leave(new Leave(who, "banned", true));
    return true;
  }

  private void letGo(java.util.List<Session> ended) {
    for (Session session : ended) {
      parts.registry().unhold(session.name(), session.token().session());
    }
  }

  private void logIn(Who who, String name, String key, boolean deliver) {
    parts.registry().accounts().loggedIn(who, name);
    parts.sessions().of(who).ifPresent(session -> session.loggedIn(key));
    if (deliver && parts.registry().nameOf(who) != null && parts.local(who) && !parts.cursor().replaying()) {
      // Registered after its register: whatever is kept for it comes now (else with its join).
      parts.registry().accounts().mail().deliver(key, who);
    }
  }
}
