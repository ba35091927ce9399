package dev.termchat.server.wire;

import java.nio.ByteBuffer;

/**
 * A server text frame, header and payload, encoded once for any number of recipients: each gets
 * a view of the same bytes.
 *
 * @param bytes the whole frame; never written to, only duplicated
 * @param usersList whether it is a users list, which a newer one may replace while it waits
 */
public record OutgoingFrame(ByteBuffer bytes, boolean usersList) {
  /** A frame for one recipient. */
  public static OutgoingFrame of(String text) {
    return new OutgoingFrame(FrameWriter.text(text, false), false);
  }

  /**
   * A frame for many recipients, in memory outside the heap, which the kernel reads directly:
   * a heap buffer would be copied once per recipient on its way to the socket.
   */
  public static OutgoingFrame forBroadcast(String text) {
    return new OutgoingFrame(FrameWriter.text(text, true), false);
  }

  /** A users list for many recipients. */
  public static OutgoingFrame usersList(String text) {
    return new OutgoingFrame(FrameWriter.text(text, true), true);
  }

  /** Bytes on the wire, header included. */
  public int wireBytes() {
    return bytes.remaining();
  }

  /** A view of the frame for one recipient to consume. */
  public ByteBuffer view() {
    return bytes.duplicate();
  }
}
