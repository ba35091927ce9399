package dev.termchat.server.edge;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The server's own control frames, unmasked as a server's must be. */
final class ControlFrames {
  private static final int FIN = 0x80;
  private static final int OP_CLOSE = 0x8;
  private static final int OP_PING = 0x9;
  private static final int OP_PONG = 0xA;
  private static final int MAX_REASON_BYTES = 123;

  private ControlFrames() {}

  static ByteBuffer ping() {
    return frame(OP_PING, new byte[0]);
  }

  static ByteBuffer pong(byte[] payload) {
    return frame(OP_PONG, payload);
  }

  /** A close frame with a code and a reason, the reason cut to fit whole characters in 123 bytes. */
  static ByteBuffer close(int code, String reason) {
    byte[] text = fit(reason);
    byte[] payload = new byte[2 + text.length];
    payload[0] = (byte) (code >> 8);
    payload[1] = (byte) code;
    System.arraycopy(text, 0, payload, 2, text.length);
    return frame(OP_CLOSE, payload);
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

  private static ByteBuffer frame(int opcode, byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(2 + payload.length);
    frame.put((byte) (FIN | opcode)).put((byte) payload.length).put(payload);
    return frame.flip();
  }
}
