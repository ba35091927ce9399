package dev.termchat.client.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Cuts a server's byte stream into WebSocket frames. Server frames are not masked. Bytes of an
 * incomplete frame wait for the next read. Not thread-safe; one per connection.
 */
final class FrameReader {
  /** What is done with each whole frame; the bytes are valid only during the call. */
  interface Sink {
    void frame(int opcode, byte[] bytes, int offset, int length) throws IOException;
  }

  private byte[] pending = new byte[4096];
  private int pendingLength;

  /** Reads every whole frame in {@code input}, after what was left over last time. */
  void feed(ByteBuffer input, Sink sink) throws IOException {
    int incoming = input.remaining();
    if (pendingLength + incoming > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + incoming));
    }
    input.get(pending, pendingLength, incoming);
    pendingLength += incoming;

    int position = 0;
    while (pendingLength - position >= 2) {
      int opcode = pending[position] & 0x0f;
      int length7 = pending[position + 1] & 0x7f;
      int header;
      long length;
      if (length7 <= 125) {
        header = 2;
        length = length7;
      } else if (length7 == 126) {
        header = 4;
        if (pendingLength - position < header) {
          break;
        }
        length = ((pending[position + 2] & 0xff) << 8) | (pending[position + 3] & 0xff);
      } else {
        header = 10;
        if (pendingLength - position < header) {
          break;
        }
        length = 0;
        for (int i = 2; i < 10; i++) {
          length = (length << 8) | (pending[position + i] & 0xff);
        }
        if (length > Integer.MAX_VALUE - 16) {
          throw new IOException("a frame of " + length + " bytes");
        }
      }
      if (pendingLength - position < header + length) {
        break;
      }
      sink.frame(opcode, pending, position + header, (int) length);
      position += header + (int) length;
    }
    System.arraycopy(pending, position, pending, 0, pendingLength - position);
    pendingLength -= position;
  }
}
