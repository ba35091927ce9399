package dev.termchat.server.room;

import dev.termchat.server.wire.OutgoingFrame;
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
  private volatile boolean replaced;
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final AtomicLong IDS = new AtomicLong();
  private static final FrameCodec CODEC = new FrameCodec();

  private final Who who;
  private final Dialect dialect;
  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private volatile String name;
  private final CountDownLatch left = new CountDownLatch(1);

  /** The IP address it comes from; each its own unless a test says otherwise. */
  private final String host;

  private FakeMember(Dialect dialect) {
    this(dialect, null);
  }

  private FakeMember(Dialect dialect, String host) {
    this(RoomSettings.LOCAL_NODE, dialect, host);
  }

  private FakeMember(String node, Dialect dialect, String host) {
    this.who = new Who(node, IDS.incrementAndGet());
    this.dialect = dialect;
    this.host = host == null ? "192.0.2." + who.connection() : host;
  }

  /** An extended client from this IP address. */
  static FakeMember extendedClientFrom(String host) {
    return new FakeMember(Dialect.EXTENDED, host);
  }

  /** A base client from this IP address. */
  static FakeMember baseClientFrom(String host) {
    return new FakeMember(Dialect.BASE, host);
  }

  /** A client of the room of this node, one of several that share a log. */
  static FakeMember on(String node, Dialect dialect) {
    return new FakeMember(node, dialect, null);
  }

  static FakeMember baseClient() {
    return new FakeMember(Dialect.BASE);
  }

  static FakeMember extendedClient() {
    return new FakeMember(Dialect.EXTENDED);
  }

  static FakeMember plainClient() {
    return new FakeMember(Dialect.PLAIN);
  }

  @Override
  public Who who() {
    return who;
  }

  @Override
  public String address() {
    return host + ":4000";
  }

  @Override
  public Dialect dialect() {
    return dialect;
  }

  @Override
  public boolean enqueue(OutgoingFrame frame) {
    frames.add(payload(frame.view()));
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

  @Override
  public void replaced() {
    replaced = true;
    left.countDown();
  }

  /** Whether another connection took this member's session over. */
  boolean wasReplaced() {
    return replaced;
  }

  /** Waits until the room has let this member go. */
  void awaitLeft() throws InterruptedException {
    if (!left.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      fail("the room did not let the member go within " + TIMEOUT);
    }
  }

  /** Whether the room let this member go, waiting up to this long. */
  boolean leftWithin(Duration wait) throws InterruptedException {
    return left.await(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  String name() {
    return name;
  }

  /** The next frame the room sent this member, waiting up to the timeout. */
  ServerFrame next() throws InterruptedException {
    String text = nextText();
    try {
      return CODEC.decodeServerFrame(text);
    } catch (ProtocolException e) {
      throw new AssertionError("the room sent a frame that is not a server frame: " + text, e);
    }
  }

  /** The next frame's text as it is on the wire, waiting up to the timeout. */
  String nextText() throws InterruptedException {
    String text = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (text == null) {
      fail("no frame within " + TIMEOUT);
    }
    return text;
  }

  <T extends ServerFrame> T next(Class<T> type) throws InterruptedException {
    return assertInstanceOf(type, next());
  }

  /** Whether a frame was queued for it that no test has taken yet. */
  boolean hasFrames() {
    return !frames.isEmpty();
  }

  /**
   * Fails if a frame is waiting. It looks once: alone, it proves nothing while the room runs on
   * its own thread (see {@link RoomSteps#assertNoMoreFramesBeforeMarker}); it does where the test
   * itself plays the room's part, on its own thread ({@code UsersListTest}).
   */
  void assertNoMoreFrames() {
    assertNull(frames.poll(), "unexpected frame");
  }

  /** Reads a server text frame's payload back, past its header. */
  private static String payload(ByteBuffer bytes) {
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
    return new String(payload, StandardCharsets.UTF_8);
  }
}
