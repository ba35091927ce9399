package dev.termchat.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A request head gathered from pieces, within the handshake limit and the shared budget. */
class RequestHeadTest {
  private static final String REQUEST = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  private final InputBudget budget = new InputBudget(4096);
  /** The only connection: it is never asked to make room for another. */
  private final InputBudget.Holder holder =
      () -> {
        throw new AssertionError("no other input to make room for");
      };

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void aHeadArrivingAByteAtATimeIsWholeAtItsBlankLineWithWhatFollowsItKept() {
    RequestHead head = new RequestHead(budget, holder);
    String sent = REQUEST + "frame";
    for (int i = 0; i < REQUEST.length() - 1; i++) {
      assertEquals(RequestHead.Progress.MORE, head.add(bytes(sent.substring(i, i + 1))));
    }
    assertEquals(1024, budget.used(), "a buffer of 1 KiB, from the budget");
    assertEquals(RequestHead.Progress.WHOLE, head.add(bytes(sent.substring(REQUEST.length() - 1))));
    assertEquals(REQUEST.length(), head.end());
    assertEquals(sent, StandardCharsets.US_ASCII.decode(head.received()).toString());
    assertEquals(0, budget.used(), "given back once whole");
  }

  @Test
  void aHeadPastTheHandshakeLimitIsTooLong() {
    RequestHead head = new RequestHead(budget, holder);
    assertEquals(RequestHead.Progress.MORE, head.add(bytes("GET / HTTP/1.1\r\n")));
    assertEquals(RequestHead.Progress.TOO_LONG, head.add(ByteBuffer.allocate(Handshake.MAX_BYTES)));
  }

  @Test
  void aHeadTheBudgetHasNoRoomForIsRefused() {
    RequestHead head = new RequestHead(budget, holder);
    assertEquals(RequestHead.Progress.MORE, head.add(bytes("GET / HTTP/1.1\r\n")));
    assertEquals(RequestHead.Progress.NO_ROOM, head.add(ByteBuffer.allocate(4096)), "the only, and so the oldest");
  }
}
