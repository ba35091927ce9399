package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only: why the server dropped a frame, as
 * {@code {"messageType":"error","data":"{\"code\":\"not-registered\",\"reason\":\"...\"}"}}.
 *
 * @param code a stable machine-readable code, one of {@link ErrorCode}'s wire names for this
 *     server; a client keeps unknown codes as they are
 * @param reason a sentence for a person
 * @param clientId the client's own id ({@code cid}) of the line that was dropped, when it gave
 *     one: the answer to a line may overtake the echoes of lines sent before it, as when a
 *     cluster's log could take one line and not the next, so a client matches by id, not by order
 */
public record ErrorReply(String code, String reason, String clientId) implements ServerFrame {
  public ErrorReply {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
  }

  public ErrorReply(String code, String reason) {
    this(code, reason, null);
  }

  public static ErrorReply of(ErrorCode code, String reason) {
    return new ErrorReply(code.wireName(), reason);
  }

  public static ErrorReply of(ErrorCode code, String reason, String clientId) {
    return new ErrorReply(code.wireName(), reason, clientId);
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
