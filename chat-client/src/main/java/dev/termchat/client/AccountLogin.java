package dev.termchat.client;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.NameKeys;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Wire;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The session's account: when the server says the name asked for is registered, it logs in with
 * the password it was given (a file or the environment, for scripts), or says how to. A password
 * given says the lines are the account's: given one, it logs in to the name asked for whatever
 * the server says of it, so that a name that is no account's (a typo, an account a restart
 * forgot) ends the session as a wrong password does, and so does a server without accounts. It sends
 * what {@code /register}, {@code /login} and {@code /password} ask, and says what came of it.
 * Never shows or keeps a password typed. Confined to the session thread.
 */
final class AccountLogin {
  private final Optional<String> password;
  private final ChatView view;
  private final Consumer<ClientFrame> send;
  /**
   * Whether this connection logs in before its lines go: they then go under the account's name,
   * which the server gives once the login is checked.
   */
  private boolean loggingIn;
  /**
   * The account this connection's login at its join logged in to, while the rename to its name
   * that follows the answer has yet to come; {@code null} otherwise. Said once the join is.
   */
  private String loggedInAs;
  /** {@link #loggedInAs} as the server spells it, unescaped, to compare with the name that came. */
  private String loggedInAccount;
  /** The account the join's login is for, shown as it may be; {@code null} before one. */
  private String loggingInTo;
  /**
   * The account the join's login was answered for, as the server spells it, while the rooms'
   * word of the rename to it has yet to come: the join under that name and "logged in as" say it
   * already. {@code null} otherwise. (After a /login typed in the room, the rename is news.)
   */
  private String renameToCome;
  /** Whether this session is logged in to an account: a connection that resumes it is too. */
  private boolean loggedIn;
  /** Whether a login with the password given was refused: no line may go out after. */
  private boolean refusedForGood;

  AccountLogin(Optional<String> password, ChatView view, Consumer<ClientFrame> send) {
    this.password = password;
    this.view = view;
    this.send = send;
  }

  /** A connection opened: it has not logged in yet. */
  void opened() {
    loggingIn = false;
    loggedInAs = null;
    loggedInAccount = null;
    renameToCome = null;
  }

  /**
   * The session was renamed: whether it is to the account the join's login was just answered
   * for, which "connected as" and "logged in as" have said already.
   */
  boolean renamedByLogin(String to) {
    boolean byLogin = to.equals(renameToCome);
    renameToCome = null;
    return byLogin;
  }

  /**
   * Whether this connection waits for its login to be answered, and then for the name it brings,
   * before its lines go.
   */
  boolean loggingIn() {
    return loggingIn;
  }

  /**
   * A register came, or an error, while the join's login waited for its name: the login is over,
   * the join may be said, and then this.
   *
   * @return whether the join's login was over only now
   */
  boolean settled() {
    if (!loggingIn || loggedInAs == null) {
      return false;
    }
    loggingIn = false;
    return true;
  }

  /** Says what {@link #settled} settled, after the join. */
  void sayLoggedIn() {
    view.info("logged in as " + loggedInAs);
    loggedInAs = null;
    loggedInAccount = null;
  }

  /**
   * As {@link #sayLoggedIn()}, the session named {@code current} by the rename that followed: when
   * that is not the account's name (another connection logged in to it has it), why not.
   */
  void sayLoggedIn(String current, Function<String, String> whyNot) {
    String account = loggedInAccount;
    if (account != null && !NameKeys.same(current, account)) {
      view.info("logged in as " + loggedInAs + "; this connection is " + Printable.escape(current) + " (" + Printable.escape(whyNot.apply(account)) + ")");
      loggedInAs = null;
      loggedInAccount = null;
    } else {
      sayLoggedIn();
    }
  }

  /**
   * The server answered a register: the name asked for may be an account's.
   *
   * @return whether it is, which is why the name given is another
   */
  boolean registered(Register reply, String asked) {
    Optional<String> registered = Options.value(reply.options(), Wire.OPTION_REGISTERED);
    if (registered.isEmpty()) {
      if (password.isPresent() && !loggedIn && asked != null) {
        // The server answers a name that is no account's as it does a wrong password.
        logIn(asked);
      }
      return false;
    }
    String name = Printable.escape(registered.get());
    if (password.isPresent()) {
      logIn(registered.get());
    } else {
      view.info(name + " is a registered name: /login logs in to it");
    }
    return true;
  }

  private void logIn(String account) {
    loggingInTo = Printable.escape(account);
    view.info("logging in to " + loggingInTo);
    loggingIn = true;
    send.accept(AccountRequest.login(account, password.orElseThrow()));
  }

  /**
   * A password was given, and this server has no accounts to log in to: why the session ends,
   * once; empty otherwise.
   */
  Optional<String> unserved(boolean accountsServed, String asked) {
    if (password.isEmpty() || accountsServed || loggedIn || refusedForGood) {
      return Optional.empty();
    }
    refusedForGood = true;
    return Optional.of("could not log in to " + Printable.escape(asked) + " (this server has no accounts); no line goes out under another name");
  }

  /** Whether a login with the password given was refused: the session ends, and says nothing more. */
  boolean refusedForGood() {
    return refusedForGood;
  }

  /** The server began a new session for this client (its token was unknown): not logged in. */
  void newSession() {
    loggedIn = false;
  }

  /** Sends a request typed, when the session is in the room on an open connection. */
  void ask(AccountRequest request, boolean joined, boolean served) {
    if (!joined) {
      view.info("not connected; try again once connected");
    } else if (!served) {
      view.info("this server has no accounts");
    } else {
      send.accept(request);
    }
  }

  /**
   * Whether an error is the answer to the login this connection waits for: the password it was
   * given (a file, the environment) was refused, and the session must end, as its lines were
   * meant for the account's name alone.
   *
   * @return why the session ends, when it is
   */
  Optional<String> refused(ErrorReply error) {
    if (!loggingIn || loggedInAs != null || error.clientId() != null) {
      return Optional.empty();
    }
    loggingIn = false;
    refusedForGood = true;
    return Optional.of("could not log in to " + loggingInTo + " (" + Printable.escape(error.reason()) + "); no line goes out under another name");
  }

  void answered(AccountReply reply) {
    String name = reply.name() == null ? "" : Printable.escape(reply.name());
    if (AccountRequest.LOGIN.equals(reply.op())) {
      loggedIn = true;
    }
    if (AccountRequest.LOGIN.equals(reply.op()) && loggingIn) {
      // The rename to the account's name comes next: the join is said under it, then this.
      loggedInAs = name;
      loggedInAccount = reply.name();
      renameToCome = reply.name();
      return;
    }
    switch (reply.op()) {
      case AccountRequest.REGISTER -> view.info(name + " is registered to you: no one else can take the name; log in with /login " + name);
      case AccountRequest.LOGIN -> view.info("logged in as " + name);
      case AccountRequest.PASSWORD -> view.info("password changed; your other sessions must log in again");
      default -> {}
    }
  }
}
