package dev.termchat.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.server.WebSocketServer;

/**
 * A stand-in for the Node.js server the seed protocol comes from: it speaks only the base
 * protocol, never confirms a name, sends messages without an address, and, like Node's
 * {@code ws}, echoes whatever subprotocol the client offered first without knowing it.
 */
final class NodeLikeServer extends WebSocketServer {
  /** Every text frame received, in order. */
  final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  /** How each connection ended, as {@code CODE REASON} ({@code 1006 } for a dropped one). */
  final BlockingQueue<String> closes = new LinkedBlockingQueue<>();

  /** Whether registers are answered; a server that is slow to answer them is not. */
  private final boolean answersRegisters;

  private final CountDownLatch bound = new CountDownLatch(1);

  /** Guarded by this. */
  private final List<WebSocket> registered = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  NodeLikeServer() {
    this(true);
  }

  /** A server that takes registers in and never answers them, as one under load may not yet. */
  static NodeLikeServer neverAnsweringRegisters() {
    return new NodeLikeServer(false);
  }

  private NodeLikeServer(boolean answersRegisters) {
    super(
        new InetSocketAddress("127.0.0.1", 0),
        List.of(new Draft_6455(List.of(), List.of(new EchoFirstOffered()))));
    setReuseAddr(true);
    this.answersRegisters = answersRegisters;
  }

  /** Starts and waits until the port is bound. */
  NodeLikeServer started() throws InterruptedException {
    start();
    if (!bound.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("did not start");
    }
    return this;
  }

  URI uri() {
    return URI.create("ws://127.0.0.1:" + getPort());
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {}

  @Override
  public synchronized void onMessage(WebSocket conn, String text) {
    received.add(text);
    String data = text.replaceAll(".*\"data\":\"([^\"]*)\".*", "$1");
    if (text.contains("\"register\"") && answersRegisters) {
      registered.add(conn);
      names.add(data);
      broadcast("{\"messageType\":\"users\",\"dataArray\":[\"" + String.join("\",\"", names) + "\"]}", registered);
    } else if (text.contains("\"message\"")) {
      String from = names.get(registered.indexOf(conn));
      broadcast(
          "{\"messageType\":\"message\",\"data\":\"{\\\"from\\\":\\\"" + from
              + "\\\",\\\"message\\\":\\\"" + data + "\\\",\\\"time\\\":1764151200000}\"}",
          registered);
    }
  }

  @Override
  public synchronized void onClose(WebSocket conn, int code, String reason, boolean remote) {
    closes.add(code + " " + reason);
    int index = registered.indexOf(conn);
    if (index >= 0) {
      registered.remove(index);
      names.remove(index);
    }
  }

  @Override
  public void onError(WebSocket conn, Exception ex) {}

  @Override
  public void onStart() {
    bound.countDown();
  }

  /** Accepts any offer and answers with the first subprotocol offered, as Node's ws does. */
  private static final class EchoFirstOffered implements IProtocol {
    private String offered = "";

    @Override
    public boolean acceptProvidedProtocol(String header) {
      offered = header == null ? "" : header.split(",")[0].strip();
      return true;
    }

    @Override
    public String getProvidedProtocol() {
      return offered;
    }

    @Override
    public IProtocol copyInstance() {
      return new EchoFirstOffered();
    }
  }
}
