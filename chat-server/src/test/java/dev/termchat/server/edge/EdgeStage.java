package dev.termchat.server.edge;

import dev.termchat.protocol.FrameCodec;
import dev.termchat.server.account.ServerPassword;
import dev.termchat.server.log.LogThrottle;
import dev.termchat.server.metrics.ChatMeters;
import dev.termchat.server.room.ChatRoom;
import dev.termchat.server.room.InMemoryRoomLog;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomLog;
import dev.termchat.server.room.RoomSettings;
import dev.termchat.server.wire.OutgoingFrame;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One connection with its stages, over a {@link MemoryTransport}, on a {@link TestSlot} whose
 * clock the test moves, with a real room that is started only when a test needs one.
 */
final class EdgeStage implements AutoCloseable {
  /** RFC 6455's sample key, and the accept key it answers with. */
  static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
  static final String UPGRADE =
      "GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
  static final Duration PING_INTERVAL = Duration.ofSeconds(30);
  static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(10);
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  /** The limits under test: small, so that literal frames reach them. */
  static EdgeSettings settings(int maxConnections) {
    return new EdgeSettings(
        64, 4, 64, 1, 1, maxConnections, maxConnections, true,
        1024, 4096, 1 << 20, 1 << 20, 1 << 20,
        Duration.ofSeconds(3), PING_INTERVAL, HANDSHAKE_TIMEOUT, REGISTRATION_TIMEOUT, CLOSE_TIMEOUT,
        List.of(), Optional.empty(), 0);
  }

  /** The close codes counted, as the metrics would. */
  final List<Integer> closedCodes = new CopyOnWriteArrayList<>();
  final List<String> refusals = new CopyOnWriteArrayList<>();
  /** Every event the connection asked the room for. */
  final List<RoomEvent> events = new CopyOnWriteArrayList<>();
  private final RecordingLog log = new RecordingLog();
  final TestSlot slot = new TestSlot();
  final MemoryTransport transport = new MemoryTransport();
  final ChatRoom room;
  final EdgeContext context;
  final Connection connection;
  private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);

  EdgeStage() {
    this(settings(10));
  }

  EdgeStage(EdgeSettings settings) {
    FrameCodec codec = new FrameCodec();
    ChatMeters meters = new ChatMeters() {
      @Override
      public void closed(int code) {
        closedCodes.add(code);
      }

      @Override
      public void refused(String cause) {
        refusals.add(cause);
      }
    };
    room = new ChatRoom(codec, RoomSettings.defaults(), log, meters, error -> {});
    PlainHttp pages = request -> request.path().equals("/healthz")
        ? Optional.of(HttpAnswer.text(200, "OK", "ok", List.of()))
        : Optional.empty();
    context = new EdgeContext("node", settings, room, codec,
        new HandshakePolicy(settings.allowedOrigins(), ServerPassword.limited(settings.password(), Clock.systemUTC(), settings.limitLoopback()), Optional.empty()),
        new Admission(settings),
        new QueueBudget(settings.maxQueuedBytesTotal(), settings.maxQueuedBytesPerAddress()),
        new InputBudget(settings.maxUnfinishedBytes()),
        OutgoingFrame.of("{\"welcome\":1}"),
        new LogThrottle(100, "refused connections", line -> {}),
        new LogThrottle(100, "budget drops", line -> {}),
        pages, meters, null);
    connection = new Connection(1, slot, context, transport, new InetSocketAddress("192.0.2.1", 40000));
  }

  /** The peer sends these bytes (hex pairs), and the server reads them. */
  void receive(String hex) {
    transport.feed(hex);
    connection.onReadable(scratch);
  }

  void receiveText(String text) {
    transport.feedText(text);
    connection.onReadable(scratch);
  }

  /** A client's final text frame of fewer than 126 bytes, masked with a zero key, as hex pairs. */
  static String textFrame(String ascii) {
    byte[] payload = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return String.format("81 %02x 00 00 00 00 ", 0x80 | payload.length) + java.util.HexFormat.ofDelimiter(" ").formatHex(payload);
  }

  /** The connection opens: its 101 answer is taken, and checked. */
  void open() {
    receiveText(UPGRADE);
    String answer = transport.takeText();
    if (!answer.startsWith("HTTP/1.1 101 Switching Protocols\r\n") || !answer.contains(ACCEPT)) {
      throw new AssertionError("not opened: " + answer);
    }
  }

  /** The clock moves on, and the I/O thread's next tick sees it. */
  void after(Duration duration) {
    slot.advance(duration);
    connection.tick(slot.now());
  }

  /** The close codes counted once the close timeout has passed: a peer that never ends its side is let go. */
  List<Integer> closedCodesAfter(Duration duration) {
    after(duration);
    return closedCodes;
  }

  /** The leaves the room heard, quits included. */
  List<RoomEvent.Leave> leaves() {
    return events.stream().filter(RoomEvent.Leave.class::isInstance).map(RoomEvent.Leave.class::cast).toList();
  }

  @Override
  public void close() {
    room.close();
  }

  /**
   * The room's log, which records what is appended to it; until the room is started it takes
   * events and hands none back, so that a test runs on one thread.
   */
  private final class RecordingLog implements RoomLog {
    private final InMemoryRoomLog started = new InMemoryRoomLog(Clock.systemUTC());
    private volatile boolean running;

    @Override
    public void start(Listener room) {
      running = true;
      started.start(room);
    }

    @Override
    public boolean append(RoomEvent event) {
      events.add(event);
      return !running || started.append(event);
    }

    @Override
    public void close() {
      started.close();
    }
  }
}
