package dev.termchat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.ProtocolException;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Renamed;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Wire;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;

/**
 * A WebSocket client for tests that records every event on a queue, in the spirit of OkHttp's
 * {@code WebSocketRecorder}: a test takes events in order with {@link #next()}, which waits with a
 * timeout, and ends with {@link #assertNoMoreEvents()}.
 */
public final class WebSocketRecorder extends WebSocketClient {
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** What happened on the connection. */
  public sealed interface Event permits Open, Text, Binary, Closed, Failure {}

  public record Open(String subprotocol) implements Event {}

  public record Text(String text) implements Event {}

  public record Binary(ByteBuffer bytes) implements Event {}

  public record Closed(int code, String reason, boolean remote) implements Event {}

  public record Failure(Exception exception) implements Event {}

  private static final FrameCodec CODEC = new FrameCodec();

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
   * The next server frame of the given type, skipping users lists and presence events, which
   * come whenever someone joins, leaves or renames.
   */
  public <T extends ServerFrame> T nextFrameAfterPresence(Class<T> type) throws InterruptedException {
    while (true) {
      ServerFrame frame = nextServerFrame();
      if (!(frame instanceof Users || frame instanceof Presence || frame instanceof Renamed)) {
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

  /** Fails if an event is waiting. Events still in flight are not awaited. */
  public void assertNoMoreEvents() {
    assertNull(events.poll(), "unexpected event");
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
  public void onClose(int code, String reason, boolean remote) {
    events.add(new Closed(code, reason, remote));
  }

  @Override
  public void onError(Exception ex) {
    events.add(new Failure(ex));
  }
}
