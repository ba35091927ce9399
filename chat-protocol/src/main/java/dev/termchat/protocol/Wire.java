package dev.termchat.protocol;

/**
 * Every name that appears on the wire, in one place.
 *
 * <p>The base protocol is the one of the YewChat web client and its Node.js server: JSON text
 * frames {@code {"messageType": ..., "data": ..., "dataArray": ...}} with three message types.
 * Existing clients of it deserialize strictly, so anything beyond those three types is only ever
 * sent to a client that negotiated {@link #SUBPROTOCOL} and was confirmed in-band by a
 * {@link #TYPE_WELCOME} frame.
 */
public final class Wire {
  public static final String FIELD_MESSAGE_TYPE = "messageType";
  public static final String FIELD_DATA = "data";
  public static final String FIELD_DATA_ARRAY = "dataArray";

  public static final String TYPE_REGISTER = "register";
  public static final String TYPE_USERS = "users";
  public static final String TYPE_MESSAGE = "message";

  /** Extension only: the server's in-band confirmation that the extension is active. */
  public static final String TYPE_WELCOME = "welcome";
  /** Extension only: why the server dropped a frame. */
  public static final String TYPE_ERROR = "error";
  /** Extension only: who joined, in order, since the last users list. */
  public static final String TYPE_JOINED = "joined";
  /** Extension only: who left, in order, since the last users list. */
  public static final String TYPE_LEFT = "left";

  /** Fields of the JSON object carried as a string in the {@code data} of a message. */
  public static final String FIELD_FROM = "from";
  public static final String FIELD_MESSAGE = "message";
  public static final String FIELD_TIME = "time";
  public static final String FIELD_ADDRESS = "address";

  /** Fields of the JSON object carried as a string in the {@code data} of an error. */
  public static final String FIELD_CODE = "code";
  public static final String FIELD_REASON = "reason";

  /** The WebSocket subprotocol (Sec-WebSocket-Protocol) a client offers to ask for extensions. */
  public static final String SUBPROTOCOL = "termchat.v1";

  /** Capability named in the welcome frame: the server answers bad frames with an error. */
  public static final String CAPABILITY_ERRORS = "errors";
  /** Capability named in the welcome frame: the server says who joined and left. */
  public static final String CAPABILITY_PRESENCE = "presence";
  /**
   * Capability with a value, {@code rate=30}: the messages a second a connection may send,
   * sustained; a client that keeps within it and {@link #CAPABILITY_BURST} is never rate-limited.
   */
  public static final String CAPABILITY_RATE = "rate";
  /** Capability with a value, {@code burst=60}: the messages a connection may send at once. */
  public static final String CAPABILITY_BURST = "burst";

  /**
   * The longest message, in characters (code points), a server accepts by default; the client
   * refuses to send longer ones rather than have them dropped.
   */
  public static final int DEFAULT_MAX_MESSAGE_CHARS = 4000;

  private Wire() {}

  /** A capability that carries a number, as the welcome frame lists it: {@code rate=30}. */
  public static String parameter(String capability, int value) {
    return capability + "=" + value;
  }

  /** Whether a client that speaks only the base protocol understands this message type. */
  public static boolean isBaseType(String messageType) {
    return TYPE_REGISTER.equals(messageType)
        || TYPE_USERS.equals(messageType)
        || TYPE_MESSAGE.equals(messageType);
  }
}
