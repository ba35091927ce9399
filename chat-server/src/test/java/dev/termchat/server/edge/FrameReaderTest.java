package dev.termchat.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frame reader on literal bytes, as a client puts them on the wire. Masked frames use the
 * mask 37 fa 21 3d of RFC 6455 section 5.7, so "Hello" reads as in the RFC's own example.
 */
class FrameReaderTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  /** Room for message buffers: a set number of bytes, counting what is taken and given back. */
  private static final class Room implements FrameReader.Allowance {
    private final long bytes;
    long taken;

    Room(long bytes) {
      this.bytes = bytes;
    }

    @Override
    public boolean take(int more) {
      if (taken + more > bytes) {
        return false;
      }
      taken += more;
      return true;
    }

    @Override
    public void giveBack() {
      taken = 0;
    }
  }

  private static final FrameReader.Allowance UNLIMITED = new Room(Long.MAX_VALUE);

  private final List<String> events = new ArrayList<>();
  private final FrameReader reader = new FrameReader(64, 4, UNLIMITED);
  private final FrameReader.Handler handler =
      new FrameReader.Handler() {
        @Override
        public void onText(String text) {
          events.add("text " + text);
        }

        @Override
        public void onPing(byte[] payload) {
          events.add("ping " + HEX.formatHex(payload));
        }

        @Override
        public void onPong() {
          events.add("pong");
        }

        @Override
        public void onClose(int code, String reason) {
          events.add("close " + code + " " + reason);
        }
      };

  private void read(String hex) throws FrameReader.ProtocolViolation {
    reader.read(ByteBuffer.wrap(HEX.parseHex(hex)), handler);
  }

  private int violation(String hex) {
    return assertThrows(FrameReader.ProtocolViolation.class, () -> read(hex)).closeCode();
  }

  @Test
  void aMaskedTextFrameIsItsText() throws Exception {
    read("81 85 37 fa 21 3d 7f 9f 4d 51 58");
    assertEquals(List.of("text Hello"), events);
  }

  @Test
  void bytesMayArriveOneAtATime() throws Exception {
    for (String b : "81 85 37 fa 21 3d 7f 9f 4d 51 58".split(" ")) {
      read(b);
    }
    assertEquals(List.of("text Hello"), events);
  }

  @Test
  void fragmentsAreJoinedAndAControlFrameMayComeBetweenThem() throws Exception {
    read("01 83 37 fa 21 3d 7f 9f 4d"); // "Hel", not final
    read("89 80 00 00 00 00"); // an empty ping in the middle
    read("80 82 37 fa 21 3d 5b 95"); // "lo", final
    assertEquals(List.of("ping ", "text Hello"), events);
  }

  @Test
  void pingPayloadIsHandedOnForThePong() throws Exception {
    read("89 82 00 00 00 00 ab cd");
    read("8a 80 00 00 00 00");
    assertEquals(List.of("ping ab cd", "pong"), events);
  }

  @Test
  void aCloseFrameCarriesItsCodeAndReasonAndNothingAfterItIsRead() throws Exception {
    read("88 84 00 00 00 00 03 e8 6f 6b 81 85 37 fa 21 3d 7f 9f 4d 51 58");
    assertEquals(List.of("close 1000 ok"), events);
  }

  @Test
  void anEmptyCloseFrameMeansNoStatus() throws Exception {
    read("88 80 00 00 00 00");
    assertEquals(List.of("close 1005 "), events);
  }

  @Test
  void anUnmaskedFrameIsAProtocolError() {
    assertEquals(1002, violation("81 05 48 65 6c 6c 6f"));
  }

  @Test
  void reservedBitsAndOpcodesAreProtocolErrors() {
    assertEquals(1002, violationOf("c1 80 00 00 00 00"));
    assertEquals(1002, violationOf("83 80 00 00 00 00"));
  }

  @Test
  void aBinaryFrameIsRefusedAtItsHeader() {
    assertEquals(1003, violation("82 fe ff ff"));
  }

  @Test
  void controlFramesMayNeitherBeFragmentedNorLong() {
    assertEquals(1002, violation("09 80 00 00 00 00"));
    assertEquals(1002, violationOf("89 fe 00 7e"));
  }

  private int violationOf(String hex) {
    FrameReader fresh = new FrameReader(64, 4, UNLIMITED);
    return assertThrows(
            FrameReader.ProtocolViolation.class,
            () -> fresh.read(ByteBuffer.wrap(HEX.parseHex(hex)), handler))
        .closeCode();
  }

  @Test
  void fragmentsOutOfPlaceAreProtocolErrors() {
    assertEquals(1002, violationOf("80 80 00 00 00 00")); // a continuation with no message
    assertEquals(1002, violationOf("01 80 00 00 00 00 81 80 00 00 00 00")); // a new message inside one
  }

  @Test
  void aMessageOverTheLimitIsRefusedBeforeItsPayloadArrives() {
    assertEquals(1009, violationOf("81 c1 00 00 00 00")); // 65 bytes declared, 64 allowed
    assertEquals(1009, violationOf("01 a0 00 00 00 00" + " 00".repeat(32) + " 80 a1 00 00 00 00"));
  }

  @Test
  void emptyFragmentsCountTowardsTheFragmentLimit() throws Exception {
    read("01 80 00 00 00 00 00 80 00 00 00 00 00 80 00 00 00 00 00 80 00 00 00 00");
    assertEquals(1009, violation("00 80 00 00 00 00"));
    assertTrue(events.isEmpty(), events.toString());
  }

  @Test
  void aLengthWithItsTopBitSetIsAProtocolError() {
    assertEquals(1002, violationOf("81 ff 80 00 00 00 00 00 00 00 00 00 00 00"));
  }

  @Test
  void textThatIsNotUtf8Is1007() {
    assertEquals(1007, violationOf("81 84 00 00 00 00 7b c3 28 7d"));
  }

  @Test
  void aCloseReasonThatIsNotUtf8Is1007() {
    assertEquals(1007, violationOf("88 84 00 00 00 00 03 e8 c3 28"));
  }

  @Test
  void closeCodesThatMayNotBeSentAreProtocolErrors() {
    assertEquals(1002, violationOf("88 81 00 00 00 00 03")); // one byte
    assertEquals(1002, violationOf("88 82 00 00 00 00 03 ed")); // 1005
    assertEquals(1002, violationOf("88 82 00 00 00 00 03 ee")); // 1006
    assertEquals(1002, violationOf("88 82 00 00 00 00 0b b7")); // 2999
  }

  /** A masked text frame of this many bytes of 'a', with a zero mask, in hex; up to 65,535. */
  private static String textFrame(int length, boolean fin) {
    String header = (fin ? "81" : "01") + (length <= 125 ? String.format(" %02x", 0x80 | length) : String.format(" fe %02x %02x", length >> 8, length & 0xff));
    return header + " 00 00 00 00" + " 61".repeat(length);
  }

  @Test
  void aMessageBufferPastTheKeptSizeIsTakenFromTheAllowanceUntilItsMessageIsDone() throws Exception {
    Room room = new Room(10_000);
    FrameReader large = new FrameReader(8192, 4, room);
    large.read(ByteBuffer.wrap(HEX.parseHex(textFrame(100, true))), handler);
    assertEquals(0, room.taken, "a small message takes nothing: its buffer is kept");
    String frame = textFrame(4000, true);
    int half = frame.length() / 2 - frame.length() / 2 % 3; // on a byte's boundary
    large.read(ByteBuffer.wrap(HEX.parseHex(frame.substring(0, half).strip())), handler);
    assertTrue(room.taken > FrameReader.KEPT_BUFFER_BYTES, "a large message in progress: " + room.taken);
    large.read(ByteBuffer.wrap(HEX.parseHex(frame.substring(half).strip())), handler);
    assertEquals(0, room.taken, "given back once done");
    assertEquals(List.of("text " + "a".repeat(100), "text " + "a".repeat(4000)), events);
  }

  @Test
  void aMessageTheAllowanceHasNoRoomForIs1013AndWhatItTookIsGivenBackWhenDropped() throws Exception {
    Room room = new Room(3000);
    FrameReader large = new FrameReader(8192, 4, room);
    large.read(ByteBuffer.wrap(HEX.parseHex(textFrame(2000, false))), handler);
    assertEquals(2000, room.taken);
    int code =
        assertThrows(FrameReader.ProtocolViolation.class, () -> large.read(ByteBuffer.wrap(HEX.parseHex(textFrame(2000, true).replaceFirst("^81", "80"))), handler))
            .closeCode();
    assertEquals(1013, code, "4,000 of 3,000");
    large.dropMessage();
    assertEquals(0, room.taken);
  }
}
