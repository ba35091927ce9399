package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only: why the server dropped a frame, as
 * {@code {"messageType":"error","data":"{\"code\":\"not-registered\",\"reason\":\"...\"}"}}.
 *
 * @param code a stable machine-readable code, one of {@link ErrorCode}'s wire names for this
 *     server; a client keeps unknown codes as they are
 * @param reason a sentence for a person
 */
public record ErrorReply(String code, String reason) implements ServerFrame {
  public ErrorReply {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
  }

  public static ErrorReply of(ErrorCode code, String reason) {
    return new ErrorReply(code.wireName(), reason);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.error(this);
  }

  @Override
  public String messageType() {
    return Wire.TYPE_ERROR;
  }
}
