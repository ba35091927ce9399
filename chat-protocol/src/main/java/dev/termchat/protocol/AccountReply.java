package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only, capability {@value Wire#CAPABILITY_ACCOUNTS}: the server's answer to an {@link
 * AccountRequest} that succeeded, {@code {"messageType":"account","data":"{\"op\":\"login\",\"name\":\"alice\"}"}};
 * a request that did not is answered with an error instead. Never carries a password.
 *
 * @param op the request's {@code op}
 * @param name the account the connection is logged in to now; {@code null} for {@code access}
 */
public record AccountReply(String op, String name) implements ServerFrame {
  public AccountReply {
    Objects.requireNonNull(op);
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
