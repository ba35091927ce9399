package dev.termchat.testing;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Renamed;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.server.ChatServer;
import dev.termchat.server.ServerConfig;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on port 0 for each test, and the clients the test opened, all closed afterwards.
 * Register with {@code @RegisterExtension}.
 */
public final class ChatFixture implements BeforeEachCallback, AfterEachCallback {
  private final UnaryOperator<ServerConfig.Builder> configure;
  private final Clock clock;
  private final List<WebSocketRecorder> clients = new ArrayList<>();
  private ChatServer server;

  public ChatFixture() {
    this(UnaryOperator.identity());
  }

  /** A fixture whose server configuration starts from the defaults on port 0. */
  public ChatFixture(UnaryOperator<ServerConfig.Builder> configure) {
    this(Clock.systemUTC(), configure);
  }

  /** A fixture whose server's room takes its time from this clock, which the test may move. */
  public ChatFixture(Clock clock, UnaryOperator<ServerConfig.Builder> configure) {
    this.clock = clock;
    this.configure = configure;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    server = ChatServer.start(configure.apply(ServerConfig.builder().port(0)).build(), clock);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (WebSocketRecorder client : clients) {
      client.closeBlocking();
    }
    clients.clear();
    server.close();
  }

  /** Stops the server and starts a new one on the same port, as an operator's restart would. */
  public void restart() throws Exception {
    int port = server.port();
    server.close();
    server = ChatServer.start(configure.apply(ServerConfig.builder()).port(port).build(), clock);
  }

  public ChatServer server() {
    return server;
  }

  public URI uri() {
    return server.uri();
  }

  /** An open client that speaks only the base protocol. */
  public WebSocketRecorder connect() throws InterruptedException {
    return track(WebSocketRecorder.base(uri()).open());
  }

  /** An open client that offered the extension; its welcome frame is still to be taken. */
  public WebSocketRecorder connectExtended() throws InterruptedException {
    return track(WebSocketRecorder.extended(uri()).open());
  }

  /**
   * Registers, takes the register reply and the users list, and for an extended client the
   * presence frame between them; returns the name given.
   */
  public static String register(WebSocketRecorder client, String name) throws InterruptedException {
    String given = registerOnly(client, name);
    ServerFrame next = client.nextServerFrame();
    while (next instanceof Presence || next instanceof Renamed) {
      // An extended client is told who joined first; and of a rename the room applied just
      // before its register, whose notice a busy room paces out after the register's reply.
      next = client.nextServerFrame();
    }
    assertInstanceOf(Users.class, next, "the users list after registering");
    return given;
  }

  /** Registers and takes the register reply, and nothing after it; returns the name given. */
  public static String registerOnly(WebSocketRecorder client, String name) throws InterruptedException {
    client.send(new Register(name));
    return client.nextFrame(Register.class).name();
  }

  private WebSocketRecorder track(WebSocketRecorder client) {
    clients.add(client);
    return client;
  }
}
