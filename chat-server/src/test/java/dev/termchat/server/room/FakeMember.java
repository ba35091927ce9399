package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.ProtocolException;
import dev.termchat.protocol.ServerFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A member with no socket: every frame the room queues for it is decoded and recorded, in
 * order, for the test to take with {@link #next}, which waits with a timeout.
 */
final class FakeMember implements Member {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final AtomicLong IDS = new AtomicLong();
  private static final FrameCodec CODEC = new FrameCodec();

  private final long id = IDS.incrementAndGet();
  private final boolean extended;
  private final BlockingQueue<ServerFrame> frames = new LinkedBlockingQueue<>();
  private volatile String name;
  private final CountDownLatch left = new CountDownLatch(1);

  private FakeMember(boolean extended) {
    this.extended = extended;
  }

  static FakeMember baseClient() {
    return new FakeMember(false);
  }

  static FakeMember extendedClient() {
    return new FakeMember(true);
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public String address() {
    return "192.0.2." + id + ":4000";
  }

  @Override
  public boolean extended() {
    return extended;
  }

  @Override
  public boolean enqueue(OutgoingFrame frame) {
    frames.add(decode(frame.view()));
    return true;
  }

  @Override
  public void flush() {
    // Recorded as queued.
  }

  @Override
  public void registeredAs(String registeredName) {
    name = registeredName;
  }

  @Override
  public void left() {
    left.countDown();
  }

  /** Waits until the room has let this member go. */
  void awaitLeft() throws InterruptedException {
    if (!left.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      fail("the room did not let the member go within " + TIMEOUT);
    }
  }

  String name() {
    return name;
  }

  /** The next frame the room sent this member, waiting up to the timeout. */
  ServerFrame next() throws InterruptedException {
    ServerFrame frame = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (frame == null) {
      fail("no frame within " + TIMEOUT);
    }
    return frame;
  }

  <T extends ServerFrame> T next(Class<T> type) throws InterruptedException {
    return assertInstanceOf(type, next());
  }

  void assertNoMoreFrames() {
    assertNull(frames.poll(), "unexpected frame");
  }

  /** Reads a server text frame back: its header, then its JSON. */
  private static ServerFrame decode(ByteBuffer bytes) {
    int length = bytes.get(1) & 0x7f;
    int offset = 2;
    if (length == 126) {
      length = bytes.getShort(2) & 0xffff;
      offset = 4;
    } else if (length == 127) {
      length = (int) bytes.getLong(2);
      offset = 10;
    }
    byte[] payload = new byte[length];
    bytes.get(offset, payload);
    try {
      return CODEC.decodeServerFrame(new String(payload, StandardCharsets.UTF_8));
    } catch (ProtocolException e) {
      throw new AssertionError("the room sent a frame that is not a server frame", e);
    }
  }
}
