package dev.termchat.client;

import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.Wire;
import java.io.IOException;

/**
 * {@code /register}, {@code /login} and {@code /password}: each asks for its passwords at the
 * terminal, unseen and kept out of the line history, then asks the server. With input piped no
 * password is asked for: a script logs in at its join, with {@code --account-password-file} or
 * {@code TERMCHAT_PASSWORD}, to an account registered already. On the console reader thread.
 */
final class AccountCommands {
  private final Input in;
  private final ChatSession session;
  private final ChatView view;

  AccountCommands(Input in, ChatSession session, ChatView view) {
    this.in = in;
    this.session = session;
    this.view = view;
  }

  /** {@code /register}: the name you have now becomes an account, with a password typed twice. */
  void register() throws IOException, InterruptedException {
    String password = newPassword("password for the account: ");
    if (password != null) {
      session.account(AccountRequest.register(password));
    }
  }

  /** {@code /login [NAME]}: the name you asked for unless given. */
  void login(String name) throws IOException, InterruptedException {
    String account = name.isBlank() ? session.askedName() : name.strip();
    String password = secret("password for " + account + ": ");
    if (password != null) {
      session.account(AccountRequest.login(account, password));
    }
  }

  /** {@code /password}: the current password, then the new one twice. */
  void changePassword() throws IOException, InterruptedException {
    String current = secret("current password: ");
    if (current == null) {
      return;
    }
    String password = newPassword("new password: ");
    if (password != null) {
      session.account(AccountRequest.changePassword(current, password));
    }
  }

  /**
   * A new password, typed twice alike and long enough; {@code null}, and why said, otherwise.
   * Both are asked for before either is judged: a person types the second whatever is said of
   * the first, and a second typed at the message prompt would go out to the room.
   */
  private String newPassword(String prompt) throws IOException {
    String password = secret(prompt);
    if (password == null) {
      return null;
    }
    String again = secret("the same again: ");
    if (again == null) {
      return null;
    }
    if (password.codePointCount(0, password.length()) < Wire.MIN_PASSWORD_CHARS) {
      view.info("a password is at least " + Wire.MIN_PASSWORD_CHARS + " characters; nothing sent");
      return null;
    }
    if (!again.equals(password)) {
      view.info("the two differ; nothing sent");
      return null;
    }
    return password;
  }

  private String secret(String prompt) throws IOException {
    String typed = in.readSecret(prompt);
    if (typed == null) {
      view.info("no password typed; nothing sent (a script types none: it logs in at its join, with --account-password-file or TERMCHAT_PASSWORD, to an account registered already)");
      return null;
    }
    if (typed.length() > Wire.MAX_PASSWORD_CHARS) {
      view.info("a password is at most " + Wire.MAX_PASSWORD_CHARS + " characters; nothing sent");
      return null;
    }
    return typed;
  }
}
