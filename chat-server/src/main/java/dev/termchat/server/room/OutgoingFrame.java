package dev.termchat.server.room;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A server text frame, header and payload (RFC 6455, unmasked), encoded once for any number of
 * recipients: each gets a view of the same bytes.
 *
 * @param bytes the whole frame; never written to, only duplicated
 * @param usersList whether it is a users list, which a newer one may replace while it waits
 */
public record OutgoingFrame(ByteBuffer bytes, boolean usersList) {
  private static final int FIN_TEXT = 0x81;

  /** A frame for one recipient. */
  public static OutgoingFrame of(String text) {
    return new OutgoingFrame(encode(text, false), false);
  }

  /**
   * A frame for many recipients, in memory outside the heap, which the kernel reads directly:
   * a heap buffer would be copied once per recipient on its way to the socket.
   */
  public static OutgoingFrame forBroadcast(String text) {
    return new OutgoingFrame(encode(text, true), false);
  }

  /** A users list for many recipients. */
  public static OutgoingFrame usersList(String text) {
    return new OutgoingFrame(encode(text, true), true);
  }

  /** Bytes on the wire, header included. */
  public int wireBytes() {
    return bytes.remaining();
  }

  /** A view of the frame for one recipient to consume. */
  public ByteBuffer view() {
    return bytes.duplicate();
  }

  private static ByteBuffer encode(String text, boolean direct) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    int length = payload.length;
    int header = length <= 125 ? 2 : length <= 0xffff ? 4 : 10;
    ByteBuffer frame = direct ? ByteBuffer.allocateDirect(header + length) : ByteBuffer.allocate(header + length);
    frame.put((byte) FIN_TEXT);
    if (length <= 125) {
      frame.put((byte) length);
    } else if (length <= 0xffff) {
      frame.put((byte) 126).putShort((short) length);
    } else {
      frame.put((byte) 127).putLong(length);
    }
    frame.put(payload);
    return frame.flip().asReadOnlyBuffer();
  }
}
