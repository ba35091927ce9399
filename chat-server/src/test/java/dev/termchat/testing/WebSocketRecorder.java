package dev.termchat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.ProtocolException;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Renamed;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Wire;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;

/**
 * A WebSocket client for tests that records every event on a queue, in the spirit of OkHttp's
 * {@code WebSocketRecorder}: a test takes events in order with {@link #next()}, which waits with a
 * timeout. "Nothing more came" is never checked by looking once, which passes while a frame is
 * still on its way: the test makes the server send a marker, which must come after anything that
 * could wrongly arrive, and {@link #assertNoMoreEventsBefore} takes the next event, which must be
 * that marker (OkHttp's recorder does the same with a ping or a message of its own).
 */
public final class WebSocketRecorder extends WebSocketClient {
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** What happened on the connection. */
  public sealed interface Event permits Open, Text, Binary, Pong, Closed, Failure {}

  public record Open(String subprotocol) implements Event {}

  public record Text(String text) implements Event {}

  public record Binary(ByteBuffer bytes) implements Event {}

  /** The answer to a ping this client sent, with the ping's payload. */
  public record Pong(String payload) implements Event {}

  public record Closed(int code, String reason, boolean remote) implements Event {}

  public record Failure(Exception exception) implements Event {}

  private static final FrameCodec CODEC = new FrameCodec();
  /** Numbers the markers of every recorder, so that no marker passes for another. */
  private static final AtomicLong MARKERS = new AtomicLong();

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

  private WebSocketRecorder(URI uri, List<IProtocol> protocols) {
    super(uri, new Draft_6455(List.of(), protocols));
  }

  /** A client that speaks the base protocol only, as YewChat does. */
  public static WebSocketRecorder base(URI uri) {
    return new WebSocketRecorder(uri, List.of(new Protocol("")));
  }

  /** A client that offers the extension's subprotocol. */
  public static WebSocketRecorder extended(URI uri) {
    return new WebSocketRecorder(uri, List.of(new Protocol(Wire.SUBPROTOCOL), new Protocol("")));
  }

  /** Connects and waits for the open event. */
  public WebSocketRecorder open() throws InterruptedException {
    if (!connectBlocking(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      fail("could not connect to " + getURI() + ": " + next());
    }
    assertInstanceOf(Open.class, next());
    return this;
  }

  public void send(ClientFrame frame) {
    send(CODEC.encodeClientFrame(frame));
  }

  /**
   * Ends the TCP connection at once, with a reset and without a close frame, as a crashed client
   * or a pulled cable would.
   */
  public void dropConnection() throws IOException {
    Socket socket = getSocket();
    socket.setSoLinger(true, 0);
    socket.close();
  }

  /** The next event, waiting up to {@link #TIMEOUT}. */
  public Event next() throws InterruptedException {
    return next(TIMEOUT);
  }

  /** The next event, waiting up to this long: for what takes longer than most events, by design. */
  public Event next(Duration timeout) throws InterruptedException {
    Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (event == null) {
      fail("no event within " + timeout);
    }
    return event;
  }

  /** The server frames that have come so far, without waiting for more. */
  public List<ServerFrame> framesSoFar() {
    List<Event> arrived = new java.util.ArrayList<>();
    events.drainTo(arrived);
    List<ServerFrame> frames = new java.util.ArrayList<>();
    for (Event event : arrived) {
      String text = assertInstanceOf(Text.class, event, "only frames expected").text();
      try {
        frames.add(CODEC.decodeServerFrame(text));
      } catch (ProtocolException e) {
        throw new AssertionError("not a server frame: " + text, e);
      }
    }
    return frames;
  }

  /** The next event, which must be a text frame. */
  public String nextText() throws InterruptedException {
    return assertInstanceOf(Text.class, next()).text();
  }

  /** The next event, which must be a server frame. */
  public ServerFrame nextServerFrame() throws InterruptedException {
    String text = nextText();
    try {
      return CODEC.decodeServerFrame(text);
    } catch (ProtocolException e) {
      throw new AssertionError("not a server frame: " + text, e);
    }
  }

  /** The next event, which must be a server frame of the given type. */
  public <T extends ServerFrame> T nextFrame(Class<T> type) throws InterruptedException {
    String text = nextText();
    try {
      return assertInstanceOf(type, CODEC.decodeServerFrame(text), text);
    } catch (ProtocolException e) {
      throw new AssertionError("not a server frame: " + text, e);
    }
  }

  /**
   * The next server frame of the given type, skipping users lists and presence events (of any
   * room), which come whenever someone joins, leaves or renames.
   */
  public <T extends ServerFrame> T nextFrameAfterPresence(Class<T> type) throws InterruptedException {
    while (true) {
      ServerFrame frame = nextServerFrame();
      ServerFrame inner = frame instanceof InRoom inRoom ? inRoom.frame() : frame;
      if (!(inner instanceof Users || inner instanceof Presence || inner instanceof Renamed)) {
        return assertInstanceOf(type, frame, String.valueOf(frame));
      }
    }
  }

  /** The next users list that names this name, skipping every other frame before it. */
  public Users nextUsersNaming(String name) throws InterruptedException {
    while (true) {
      if (nextServerFrame() instanceof Users users && users.names().contains(name)) {
        return users;
      }
    }
  }

  /** The next users list that is exactly these names, skipping every other frame before it. */
  public Users nextUsersExactly(List<String> names) throws InterruptedException {
    while (true) {
      if (nextServerFrame() instanceof Users users && users.names().equals(names)) {
        return users;
      }
    }
  }

  /** The next chat message, skipping every other frame before it. */
  public ChatMessage nextMessage() throws InterruptedException {
    while (true) {
      if (nextServerFrame() instanceof ChatMessage message) {
        return message;
      }
    }
  }

  /** The close that ends the connection, after whatever frames come before it. */
  public Closed nextCloseSkippingFrames() throws InterruptedException {
    while (true) {
      Event event = next();
      if (!(event instanceof Text)) {
        return assertInstanceOf(Closed.class, event);
      }
    }
  }

  /** The next event, which must be a close with this code. */
  public Closed nextClose(int expectedCode) throws InterruptedException {
    Closed closed = assertInstanceOf(Closed.class, next());
    assertEquals(expectedCode, closed.code(), closed.toString());
    return closed;
  }

  /**
   * Says a line to everyone as a marker, and returns its text. The room applies events one at a
   * time, so its echo reaches every registered client after every frame that what came before it
   * caused. For a registered client, base or extended.
   */
  public String sayMarker() {
    String marker = nextMarker();
    send(new SendMessage(marker));
    return marker;
  }

  /**
   * Sends a line before registering, under the marker as its id, and returns the marker: the
   * room refuses it (not-registered) in its order, as it does any event. For an extended client
   * that has not registered.
   */
  public String refusedMarker() {
    String marker = nextMarker();
    send(new SendMessage(marker, marker));
    return marker;
  }

  /**
   * Sends a ping with the marker as its payload, and returns the marker. The server answers a
   * ping itself, without the room, after whatever it had queued for this client already: the one
   * marker that comes while the room is stalled (a frozen Redis), and a weaker one, as it does
   * not wait for events the room has yet to apply.
   */
  public String pingMarker() {
    String marker = nextMarker();
    PingFrame ping = new PingFrame();
    ping.setPayload(ByteBuffer.wrap(marker.getBytes(StandardCharsets.UTF_8)));
    sendFrame(ping);
    return marker;
  }

  private static String nextMarker() {
    return "marker-" + MARKERS.incrementAndGet();
  }

  /**
   * Waits for the marker (a line said as {@link #sayMarker}, a refusal of {@link
   * #refusedMarker}, a pong of {@link #pingMarker}) and fails if any other event comes before
   * it.
   */
  public void assertNoMoreEventsBefore(String marker) throws InterruptedException {
    Event event = next();
    if (!isMarker(event, marker)) {
      fail("expected nothing more before the marker " + marker + ", got " + describe(event));
    }
  }

  private static boolean isMarker(Event event, String marker) {
    if (event instanceof Pong pong) {
      return pong.payload().equals(marker);
    }
    if (!(event instanceof Text text)) {
      return false;
    }
    try {
      ServerFrame decoded = CODEC.decodeServerFrame(text.text());
      ServerFrame frame = decoded instanceof InRoom inRoom ? inRoom.frame() : decoded;
      return frame instanceof ChatMessage message && message.message().equals(marker)
          || frame instanceof ErrorReply error && marker.equals(error.clientId());
    } catch (ProtocolException e) {
      return false;
    }
  }

  private static String describe(Event event) {
    return event instanceof Text text ? text.text() : event.toString();
  }

  @Override
  public void onOpen(ServerHandshake handshake) {
    String protocol = getProtocol() == null ? "" : getProtocol().getProvidedProtocol();
    events.add(new Open(protocol));
  }

  @Override
  public void onMessage(String message) {
    events.add(new Text(message));
  }

  @Override
  public void onMessage(ByteBuffer bytes) {
    events.add(new Binary(bytes));
  }

  @Override
  public void onWebsocketPong(WebSocket connection, Framedata pong) {
    events.add(new Pong(StandardCharsets.UTF_8.decode(pong.getPayloadData()).toString()));
  }

  @Override
  public void onClose(int code, String reason, boolean remote) {
    events.add(new Closed(code, reason, remote));
  }

  @Override
  public void onError(Exception ex) {
    events.add(new Failure(ex));
  }
}
