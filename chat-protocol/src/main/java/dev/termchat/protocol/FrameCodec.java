package dev.termchat.protocol;

/**
 * The JSON codec for both directions. Thread-safe; one instance can serve a whole process.
 *
 * <p>Decoding is lenient where existing clients differ (null, missing and unknown fields) and
 * strict where a frame is not what it claims to be (wrong field types, duplicate keys, trailing
 * data, nesting deeper than any frame needs). Encoding writes fields in a fixed order and leaves
 * out absent ones, so what the server emits is the same bytes every time. Each direction's frames
 * are in a class of their own ({@link ClientFrames}, {@link ServerFrames}), over the JSON they
 * share ({@link FrameJson}, {@link FrameFields}).
 */
public final class FrameCodec {
  private final ClientFrames clientFrames;
  private final ServerFrames serverFrames;

  public FrameCodec() {
    FrameJson json = new FrameJson();
    clientFrames = new ClientFrames(json);
    serverFrames = new ServerFrames(json);
  }

  /** Decodes what a client sent. */
  public ClientFrame decodeClientFrame(String text) throws ProtocolException {
    return clientFrames.decode(text);
  }

  /** Encodes what a client sends. */
  public String encodeClientFrame(ClientFrame frame) {
    return clientFrames.encode(frame);
  }

  /** Encodes what the server sends. */
  public String encodeServerFrame(ServerFrame frame) {
    return serverFrames.encode(frame);
  }

  /**
   * Decodes what a server sent.
   *
   * @throws ProtocolException also for a type this client does not know, which a caller that
   *     wants to stay compatible with newer servers ignores
   */
  public ServerFrame decodeServerFrame(String text) throws ProtocolException {
    return serverFrames.decode(text);
  }
}
