package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only, capability {@value Wire#CAPABILITY_ACCOUNTS}: the server's answer to an {@link
 * AccountRequest} that succeeded, {@code {"messageType":"account","data":"{\"op\":\"login\",\"name\":\"alice\"}"}};
 * a request that did not is answered with an error instead. Never carries a password.
 *
 * @param op the request's {@code op}
 * @param name the account the connection is logged in to now; {@code null} for {@code access}
 * @param token after a {@code login} or {@code register} of a connection that has a session, the
 *     session's new resume token ({@value Wire#FIELD_TOKEN}), to be sent in place of the one the
 *     register reply gave (which resumes nothing from then on); otherwise {@code null}
 */
public record AccountReply(String op, String name, String token) implements ServerFrame {
  public AccountReply {
    Objects.requireNonNull(op);
  }

  /** An answer that brings no new token. */
  public AccountReply(String op, String name) {
    this(op, name, null);
  }

  /** Hides the token, as {@code ResumeToken} hides its secret: answers are logged. */
  @Override
  public String toString() {
    return "AccountReply[op=" + op + ", name=" + name + (token == null ? "" : ", token=***") + "]";
  }

  @Override
  public String messageType() {
    return Wire.TYPE_ACCOUNT;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.account(this);
  }
}
