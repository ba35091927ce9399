package dev.termchat.server.wire;

import java.nio.ByteBuffer;

/**
 * A server text frame, header and payload, encoded once for any number of recipients: each
 * recipient's queue holds the same bytes, and copies them out as it writes.
 *
 * @param bytes the whole frame; never written to, and its position never moved
 * @param usersList whether it is a users list, which a newer one may replace while it waits
 */
public record OutgoingFrame(ByteBuffer bytes, boolean usersList) {
  /** A frame for one recipient. */
  public static OutgoingFrame of(String text) {
    return new OutgoingFrame(FrameWriter.text(text, false), false);
  }

  /**
   * A frame for many recipients, in memory outside the heap: its bytes are not the heap's to
   * count against each recipient's queue, however many hold it.
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

  /** A view of the frame to consume, leaving the frame as it is for its other recipients. */
  public ByteBuffer view() {
    return bytes.duplicate();
  }
}
