package dev.termchat.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
  private final FrameReader reader = new FrameReader();
  private final List<String> frames = new ArrayList<>();

  private void feed(byte[] bytes, int from, int to) throws Exception {
    reader.feed(ByteBuffer.wrap(bytes, from, to - from),
        (opcode, data, offset, length) -> frames.add(opcode + ":" + new String(data, offset, length, StandardCharsets.UTF_8)));
  }

  private static byte[] serverFrame(int opcode, String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x80 | opcode);
    if (payload.length <= 125) {
      frame.write(payload.length);
    } else if (payload.length <= 0xffff) {
      frame.write(126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >> shift) & 0xff);
      }
    }
    frame.writeBytes(payload);
    return frame.toByteArray();
  }

  @Test
  void framesSplitAnywhereComeOutWhole() throws Exception {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.writeBytes(serverFrame(1, "short"));
    stream.writeBytes(serverFrame(1, "m".repeat(300)));
    stream.writeBytes(serverFrame(9, ""));
    stream.writeBytes(serverFrame(1, "l".repeat(70_000)));
    byte[] bytes = stream.toByteArray();
    for (int i = 0; i < bytes.length; i += 7) {
      feed(bytes, i, Math.min(bytes.length, i + 7));
    }
    assertEquals(List.of("1:short", "1:" + "m".repeat(300), "9:", "1:" + "l".repeat(70_000)), frames);
  }

  @Test
  void clientFramesAreMaskedAndDecodeBack() {
    ByteBuffer frame = ClientFrames.text("hello");
    byte[] bytes = new byte[frame.remaining()];
    frame.get(bytes);
    assertEquals(0x81, bytes[0] & 0xff);
    assertEquals(0x80 | 5, bytes[1] & 0xff);
    byte[] decoded = new byte[5];
    for (int i = 0; i < 5; i++) {
      decoded[i] = (byte) (bytes[6 + i] ^ bytes[2 + (i & 3)]);
    }
    assertEquals("hello", new String(decoded, StandardCharsets.UTF_8));
  }
}
