package dev.termchat.client.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** Client-side WebSocket frames, as the bench writes them: masked, as RFC 6455 requires. */
final class ClientFrames {
  static final int TEXT = 0x1;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  private ClientFrames() {}

  static ByteBuffer text(String text) {
    return frame(TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  static ByteBuffer frame(int opcode, byte[] payload) {
    int length = payload.length;
    int header = length <= 125 ? 2 : length <= 0xffff ? 4 : 10;
    ByteBuffer frame = ByteBuffer.allocate(header + 4 + length);
    frame.put((byte) (0x80 | opcode));
    if (length <= 125) {
      frame.put((byte) (0x80 | length));
    } else if (length <= 0xffff) {
      frame.put((byte) (0x80 | 126)).putShort((short) length);
    } else {
      frame.put((byte) (0x80 | 127)).putLong(length);
    }
    int mask = ThreadLocalRandom.current().nextInt();
    frame.putInt(mask);
    for (int i = 0; i < length; i++) {
      frame.put((byte) (payload[i] ^ (mask >>> (24 - 8 * (i & 3)))));
    }
    return frame.flip();
  }
}
