package dev.termchat.protocol;

/** A frame that cannot be decoded; carries the code the server reports to extended clients. */
public final class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public ProtocolException(ErrorCode code, String reason) {
    super(reason);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
