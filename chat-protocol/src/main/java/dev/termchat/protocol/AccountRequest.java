package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only, capability {@value Wire#CAPABILITY_ACCOUNTS}: a client's request about an
 * account, {@code {"messageType":"account","data":"{\"op\":\"login\",\"name\":\"alice\",\"password\":\"...\"}"}}.
 * Answered by an {@link AccountReply}, or an error.
 *
 * <ul>
 *   <li>{@code login}: {@code name} and {@code password}; before a register, the register that
 *       follows may take the account's name; after one, the connection is renamed to it.
 *   <li>{@code register}: {@code password}; makes the connection's current name an account.
 *   <li>{@code password}: {@code password} (the current one) and {@code new}.
 *   <li>{@code access}: {@code password}, the server's own (its {@code --password}), for a
 *       client that cannot send an {@code Authorization} header: a browser.
 * </ul>
 *
 * <p>Its {@link #toString} leaves the passwords out: a request may be logged, a password never.
 *
 * @param name the account's name, for a login; {@code null} otherwise
 * @param newPassword the new password, for {@code password}; {@code null} otherwise
 */
public record AccountRequest(String op, String name, String password, String newPassword) implements ClientFrame {
  public static final String LOGIN = "login";
  public static final String REGISTER = "register";
  public static final String PASSWORD = "password";
  public static final String ACCESS = "access";

  public AccountRequest {
    Objects.requireNonNull(op);
    Objects.requireNonNull(password);
  }

  public static AccountRequest login(String name, String password) {
    return new AccountRequest(LOGIN, name, password, null);
  }

  public static AccountRequest register(String password) {
    return new AccountRequest(REGISTER, null, password, null);
  }

  public static AccountRequest changePassword(String password, String newPassword) {
    return new AccountRequest(PASSWORD, null, password, newPassword);
  }

  public static AccountRequest access(String password) {
    return new AccountRequest(ACCESS, null, password, null);
  }

  @Override
  public String toString() {
    return "AccountRequest[op=" + op + ", name=" + name + "]";
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.account(this);
  }
}
