package dev.termchat.server.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The server's frames, byte for byte, as RFC 6455 lays them out. */
class FrameWriterTest {
  private static String hex(ByteBuffer frame) {
    byte[] bytes = new byte[frame.remaining()];
    frame.duplicate().get(bytes);
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }

  private static String headerOf(ByteBuffer frame, int bytes) {
    return hex(frame.duplicate().limit(frame.position() + bytes));
  }

  @Test
  void aShortTextFrameHasATwoByteHeader() {
    assertEquals("81 05 48 65 6c 6c 6f", hex(FrameWriter.text("Hello", false)));
    assertEquals("81 00", hex(FrameWriter.text("", false)));
    assertEquals("81 7d", headerOf(FrameWriter.text("x".repeat(125), false), 2));
  }

  @Test
  void lengthsPast125AreSaidIn16Then64Bits() {
    ByteBuffer medium = FrameWriter.text("x".repeat(126), false);
    assertEquals("81 7e 00 7e", headerOf(medium, 4));
    assertEquals(4 + 126, medium.remaining());
    assertEquals("81 7e ff ff", headerOf(FrameWriter.text("x".repeat(0xffff), false), 4));
    ByteBuffer large = FrameWriter.text("x".repeat(0x10000), false);
    assertEquals("81 7f 00 00 00 00 00 01 00 00", headerOf(large, 10));
    assertEquals(10 + 0x10000, large.remaining());
  }

  @Test
  void theLengthCountsUtf8BytesNotCharacters() {
    assertEquals("81 03 e2 82 ac", hex(FrameWriter.text("€", false)));
  }

  @Test
  void aBroadcastFrameIsOutsideTheHeapAndReadOnly() {
    OutgoingFrame frame = OutgoingFrame.forBroadcast("hi");
    assertTrue(frame.bytes().isDirect());
    assertTrue(frame.bytes().isReadOnly());
    assertEquals("81 02 68 69", hex(frame.bytes()));
    assertFalse(OutgoingFrame.of("hi").bytes().isDirect());
    assertTrue(OutgoingFrame.usersList("[]").usersList());
  }

  @Test
  void eachRecipientReadsItsOwnViewOfTheSameBytes() {
    OutgoingFrame frame = OutgoingFrame.forBroadcast("hi");
    ByteBuffer first = frame.view();
    first.get(new byte[first.remaining()]);
    assertEquals("81 02 68 69", hex(frame.view()), "a consumed view leaves the others whole");
  }

  @Test
  void controlFrames() {
    assertEquals("89 00", hex(FrameWriter.ping()));
    assertEquals("8a 03 01 02 03", hex(FrameWriter.pong(new byte[] {1, 2, 3})));
    assertEquals("88 05 03 e8 62 79 65", hex(FrameWriter.close(1000, "bye")));
    assertEquals("88 02 03 e9", hex(FrameWriter.close(1001, "")));
  }

  @Test
  void aCloseReasonIsCutToWholeCharactersWithin123Bytes() {
    ByteBuffer frame = FrameWriter.close(1008, "é".repeat(100)); // 200 bytes of UTF-8
    assertEquals("88 7c 03 f0", headerOf(frame, 4), "61 characters: 122 bytes, as a 62nd would not fit");
    assertEquals(2 + 2 + 122, frame.remaining());
  }
}
