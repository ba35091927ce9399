package dev.termchat.server.edge;

import dev.termchat.protocol.FrameCodec;
import dev.termchat.server.account.Accounts;
import dev.termchat.server.account.ServerPassword;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import dev.termchat.server.metrics.ChatMeters;
import dev.termchat.server.room.ChatRoom;
import dev.termchat.server.room.RoomRecall;
import dev.termchat.server.wire.OutgoingFrame;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import dev.termchat.server.log.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network edge: WebSocket connections on a bound socket, each turned into a {@link
 * dev.termchat.server.room.Member} of the room. See the package documentation for its threads.
 */
public final class WebSocketEdge {
  private static final Logger log = LoggerFactory.getLogger(WebSocketEdge.class);
  /** Refused connections are a client's doing: logged up to this many a second, then summed up. */
  private static final int REFUSALS_LOGGED_PER_SECOND = 20;

  private final EdgeContext context;
  private final IoLoop loop;
  private final ExecutorService tlsTasks;

  /**
   * @param listener a bound socket; the edge accepts on it and closes it
   * @param node this server's name in the room's events
   * @param plainHttp what plain GET requests, those that ask for no upgrade, are answered
   * @param meters what the connections count
   * @param accounts what account frames ask for; {@code null} to serve none
   * @param fatal told of an error the edge cannot go on after, such as running out of memory
   */
  public WebSocketEdge(
      ServerSocketChannel listener,
      String node,
      EdgeSettings settings,
      ChatRoom room,
      FrameCodec codec,
      Optional<SSLContext> tls,
      PlainHttp plainHttp,
      ChatMeters meters,
      Accounts accounts,
      Consumer<Throwable> fatal)
      throws IOException {
    this.context =
        new EdgeContext(
            node,
            settings,
            room,
            codec,
            new HandshakePolicy(
                settings.allowedOrigins(),
                accounts != null ? accounts.serverPassword() : ServerPassword.limited(settings.password(), Clock.systemUTC(), settings.limitLoopback()),
                plainHttp.servesPage() ? Optional.of(tls.isPresent() ? "https://" : "http://") : Optional.empty()),
            new Admission(settings),
            new QueueBudget(settings.maxQueuedBytesTotal(), settings.maxQueuedBytesPerAddress()),
            new InputBudget(settings.maxUnfinishedBytes()),
            OutgoingFrame.of(codec.encodeServerFrame(welcome(settings, room.keepsHistory(), room.rooms().maxRoomsPerConnection(), room.recall(), accounts != null))),
            new LogThrottle(REFUSALS_LOGGED_PER_SECOND, "refused connections", log::info),
            new LogThrottle(REFUSALS_LOGGED_PER_SECOND, "connections dropped to keep within the memory budgets", log::info),
            plainHttp,
            meters,
            accounts);
    this.tlsTasks = tls.isPresent() ? new TlsTaskExecutor(fatal) : null;
    this.loop = new IoLoop(listener, context, tls, tlsTasks, fatal);
  }

  /**
   * The welcome frame: the extension's capabilities, and the rate a client should keep to. A
   * server that keeps no history does not say it does: a client then asks for none, and is not
   * told of gaps it cannot tell from silence.
   */
  static Welcome welcome(EdgeSettings settings, boolean history, int maxRooms, RoomRecall recall, boolean accounts) {
    List<String> capabilities = new ArrayList<>(
        List.of(Wire.CAPABILITY_ERRORS, Wire.CAPABILITY_PRESENCE, Wire.CAPABILITY_IDS));
    if (history) {
      capabilities.add(Wire.CAPABILITY_HISTORY);
    }
    capabilities.addAll(
        List.of(
            Wire.CAPABILITY_RESUME,
            Wire.CAPABILITY_PRIVATE,
            Wire.CAPABILITY_ACTIONS,
            Wire.CAPABILITY_NICK,
            Wire.CAPABILITY_ROOMS,
            Wire.parameter(Wire.CAPABILITY_ROOMS_PER_CONNECTION, maxRooms)));
    if (recall.scrollsBack()) {
      capabilities.add(Wire.CAPABILITY_SCROLLBACK);
    }
    if (recall.searches()) {
      capabilities.add(Wire.CAPABILITY_SEARCH);
    }
    if (accounts) {
      capabilities.add(Wire.CAPABILITY_ACCOUNTS);
    }
    capabilities.addAll(
        List.of(
            Wire.parameter(Wire.CAPABILITY_RATE, settings.messagesPerSecond()),
            Wire.parameter(Wire.CAPABILITY_BURST, settings.burst())));
    return new Welcome(Wire.SUBPROTOCOL, capabilities);
  }

  public void start() {
    loop.start();
  }

  /** Closes the listening socket: no one new gets in. */
  public void stopAccepting() {
    loop.stopAccepting();
  }

  /**
   * Starts the close handshake, 1001 (going away), with every open connection, behind what is
   * already queued for it; connections still in their HTTP handshake are closed.
   */
  public void goAway() {
    loop.goAway(CloseCodes.GOING_AWAY, "server shutting down");
  }

  /** As {@link #goAway}, but with 1011: the server failed and cannot go on. */
  public void failAll() {
    loop.goAway(CloseCodes.INTERNAL_ERROR, "server error");
  }

  /** Waits until every connection has closed, or the time is up; true when they all have. */
  public boolean awaitClosed(Duration atMost) throws InterruptedException {
    return loop.awaitEmpty(atMost.toNanos());
  }

  /** Ends the I/O thread and closes whatever is still open. Idempotent. */
  public void stop(Duration wait) throws InterruptedException {
    loop.stop(wait.toMillis());
    if (tlsTasks != null) {
      tlsTasks.shutdownNow();
    }
  }

  /** Whether the I/O thread is running. */
  public boolean running() {
    return loop.running();
  }

  /** Sockets accepted and not yet closed. */
  public int openSockets() {
    return loop.sockets();
  }

  /**
   * Bytes queued to every connection and not yet written. On the I/O thread only: for a metrics
   * scrape, which {@link PlainHttp} answers there.
   */
  public long queuedBytes() {
    return loop.queuedBytes();
  }

  /** Heap held by what is queued to every connection, against its budget; any thread. */
  public long queuedHeapBytes() {
    return context.queueBudget().used();
  }

  /**
   * Heap held by handshakes and messages still arriving, against its budget. On the I/O thread
   * only, as {@link #queuedBytes}.
   */
  public long unfinishedBytes() {
    return context.inputBudget().used();
  }

  /** Connections the edge still keeps a record of, in any state. */
  public int trackedConnections() {
    return loop.tracked();
  }
}
