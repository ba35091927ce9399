package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.Framedata;
import org.junit.jupiter.api.Test;

/** The client's draft against frames a hostile server declares: refused by their header, not made room for. */
class RefusalReadingDraftTest {
  /** A server frame's header: final text frame, unmasked, with a 64-bit length. */
  private static ByteBuffer textHeader(long length, int bytesAfter) {
    ByteBuffer frame = ByteBuffer.allocate(10 + bytesAfter);
    frame.put((byte) 0x81).put((byte) 127).putLong(length);
    frame.position(frame.limit());
    return frame.flip();
  }

  @Test
  void aFrameDeclaringTwoGigabytesIsRefusedByItsHeader() {
    Draft_6455 draft = (Draft_6455) new RefusalReadingDraft().copyInstance();
    LimitExceededException refused = assertThrows(LimitExceededException.class, () -> draft.translateFrame(textHeader(2_000_000_000L, 16)));
    assertEquals(RefusalReadingDraft.MAX_MESSAGE_BYTES, refused.getLimit(), "the copy the library uses keeps the limit");
  }

  @Test
  void aFrameAtTheLimitIsTaken() throws Exception {
    Draft_6455 draft = new RefusalReadingDraft();
    byte[] text = "x".repeat(RefusalReadingDraft.MAX_MESSAGE_BYTES).getBytes(StandardCharsets.US_ASCII);
    ByteBuffer frame = ByteBuffer.allocate(10 + text.length);
    frame.put((byte) 0x81).put((byte) 127).putLong(text.length).put(text).flip();
    java.util.List<Framedata> frames = draft.translateFrame(frame);
    assertEquals(1, frames.size());
    assertEquals(text.length, frames.get(0).getPayloadData().remaining());
  }

  /** A frame of {@code length} x's: text or continuation, final or not, unmasked as a server's. */
  private static ByteBuffer frame(int opcode, boolean fin, int length) {
    ByteBuffer frame = ByteBuffer.allocate(10 + length);
    frame.put((byte) ((fin ? 0x80 : 0) | opcode)).put((byte) 127).putLong(length);
    for (int i = 0; i < length; i++) {
      frame.put((byte) 'x');
    }
    return frame.flip();
  }

  /**
   * The limit holds for a message in fragments: Java-WebSocket checks it on the first fragment
   * and the last alone, and a hostile server's endless middle ones ran the client out of memory.
   */
  @Test
  void aMessageInFragmentsPastTheLimitIsRefusedBeforeItsEnd() throws Exception {
    Draft_6455 draft = (Draft_6455) new RefusalReadingDraft().copyInstance();
    int mebibyte = 1024 * 1024;
    draft.processFrame(null, draft.translateFrame(frame(0x1, false, mebibyte)).get(0));
    for (int i = 1; i < RefusalReadingDraft.MAX_MESSAGE_BYTES / mebibyte; i++) {
      draft.processFrame(null, draft.translateFrame(frame(0x0, false, mebibyte)).get(0));
    }
    Framedata oneMore = draft.translateFrame(frame(0x0, false, 1)).get(0);
    LimitExceededException refused = assertThrows(LimitExceededException.class, () -> draft.processFrame(null, oneMore));
    assertEquals(1009, refused.getCloseCode());
  }
}
