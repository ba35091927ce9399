package dev.termchat.server.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Every frame the server sends, header and payload, as RFC 6455 (section 5.2) lays them out for a
 * server: final, unmasked, the length in 7, 16 or 64 bits. The one place that writes a frame
 * header, so that one reading of the RFC covers text and control frames alike.
 */
public final class FrameWriter {
  private static final int FIN = 0x80;
  private static final int OP_TEXT = 0x1;
  private static final int OP_CLOSE = 0x8;
  private static final int OP_PING = 0x9;
  private static final int OP_PONG = 0xA;
  /** The longest length said in the header's second byte; 126 and 127 announce a longer one. */
  private static final int SHORT_LENGTH = 125;
  private static final int LENGTH_16 = 126;
  private static final int LENGTH_64 = 127;
  /** A close reason's room: a control frame's 125 bytes less the code's two. */
  static final int MAX_REASON_BYTES = 123;

  private FrameWriter() {}

  /**
   * A text frame.
   *
   * @param direct whether its bytes go outside the heap, for a frame that many sockets are handed:
   *     the kernel reads those directly, while a heap buffer is copied once per write
   */
  public static ByteBuffer text(String text, boolean direct) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer frame = direct
        ? ByteBuffer.allocateDirect(headerBytes(payload.length) + payload.length)
        : ByteBuffer.allocate(headerBytes(payload.length) + payload.length);
    return header(frame, OP_TEXT, payload.length).put(payload).flip().asReadOnlyBuffer();
  }

  public static ByteBuffer ping() {
    return control(OP_PING, new byte[0]);
  }

  /** The answer to a ping: its payload, at most 125 bytes as the reader already checked. */
  public static ByteBuffer pong(byte[] payload) {
    return control(OP_PONG, payload);
  }

  /** A close frame with a code and a reason, the reason cut to fit whole characters in 123 bytes. */
  public static ByteBuffer close(int code, String reason) {
    byte[] text = fit(reason);
    byte[] payload = new byte[2 + text.length];
    payload[0] = (byte) (code >> 8);
    payload[1] = (byte) code;
    System.arraycopy(text, 0, payload, 2, text.length);
    return control(OP_CLOSE, payload);
  }

  private static byte[] fit(String reason) {
    String text = reason;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    while (bytes.length > MAX_REASON_BYTES) {
      text = text.substring(0, text.offsetByCodePoints(0, text.codePointCount(0, text.length()) - 1));
      bytes = text.getBytes(StandardCharsets.UTF_8);
    }
    return bytes;
  }

  private static ByteBuffer control(int opcode, byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(headerBytes(payload.length) + payload.length);
    return header(frame, opcode, payload.length).put(payload).flip();
  }

  private static int headerBytes(int length) {
    return length <= SHORT_LENGTH ? 2 : length <= 0xffff ? 4 : 10;
  }

  private static ByteBuffer header(ByteBuffer frame, int opcode, int length) {
    frame.put((byte) (FIN | opcode));
    if (length <= SHORT_LENGTH) {
      frame.put((byte) length);
    } else if (length <= 0xffff) {
      frame.put((byte) LENGTH_16).putShort((short) length);
    } else {
      frame.put((byte) LENGTH_64).putLong(length);
    }
    return frame;
  }
}
