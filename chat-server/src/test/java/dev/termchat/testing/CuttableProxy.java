package dev.termchat.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port whose cable a test can pull: {@link #cut()} resets the
 * client side of every connection and leaves the server side open and silent, as a network
 * change leaves a half-open connection that the server finds out about only by its pings; while
 * cut, new connections are reset at once. {@link #restore()} lets connections through again.
 * {@link #muteToClients()} leaves half of each connection dead instead: what the client sends
 * still arrives, what the server sends is lost; {@link #holdToClients()} keeps what the server
 * sends until the test lets it go.
 */
public final class CuttableProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress target;
  /** Each connection as a pair: client side, server side. */
  private final Set<List<Socket>> connections = ConcurrentHashMap.newKeySet();
  /** Server sides left silent by a cut, closed only when the proxy closes. */
  private final Set<Socket> silenced = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refused = new AtomicInteger();
  /** Client sides that the server's bytes no longer reach. */
  private final Set<Socket> muted = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;
  /** Whether the server's bytes wait in the proxy, to reach the clients once let go. Guarded by {@code this}. */
  private boolean held;

  public CuttableProxy(URI server) throws IOException {
    this.target = new InetSocketAddress(server.getHost(), server.getPort());
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Where clients connect: the server's URI with the proxy's port. */
  public URI uri(URI server) {
    return URI.create(server.getScheme() + "://127.0.0.1:" + listener.getLocalPort() + server.getRawPath());
  }

  /** Pulls the cable: see the class comment. */
  public void cut() {
    cut = true;
    for (List<Socket> pair : connections) {
      silenced.add(pair.get(1));
      reset(pair.get(0));
    }
    connections.clear();
  }

  /**
   * From now on, the server's bytes on the connections open now go nowhere, and nothing tells
   * either end; the client's still reach the server. Connections made later carry both ways.
   */
  public void muteToClients() {
    connections.forEach(pair -> muted.add(pair.get(0)));
  }

  public void restore() {
    cut = false;
  }

  /**
   * From now on the server's bytes wait in the proxy until {@link #releaseToClients()}: a test
   * orders what the client does before the server's answer to it arrives.
   */
  public synchronized void holdToClients() {
    held = true;
  }

  public synchronized void releaseToClients() {
    held = false;
    notifyAll();
  }

  private synchronized void awaitRelease() throws InterruptedException {
    while (held) {
      wait();
    }
  }

  /** Connections reset at once because the cable was out. */
  public int refused() {
    return refused.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // Closed.
      }
      if (cut) {
        refused.incrementAndGet();
        reset(client);
        continue;
      }
      try {
        Socket server = new Socket(target.getAddress(), target.getPort());
        List<Socket> pair = List.of(client, server);
        connections.add(pair);
        pump(client, server, pair);
        pump(server, client, pair);
      } catch (IOException e) {
        reset(client);
      }
    }
  }

  private void pump(Socket from, Socket to, List<Socket> pair) throws IOException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  if (to == pair.get(0)) {
                    awaitRelease();
                  }
                  if (!muted.contains(to)) {
                    out.write(buffer, 0, n);
                    out.flush();
                  }
                }
                to.shutdownOutput();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (IOException e) {
                // One side failed or was cut; unless cut, the other side ends too.
                if (connections.remove(pair)) {
                  pair.forEach(CuttableProxy::reset);
                }
              }
            },
            "proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (SocketException e) {
      closeQuietly(socket);
    } catch (IOException e) {
      // Already closed: nothing more to end.
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed: nothing more to end.
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    connections.forEach(pair -> pair.forEach(CuttableProxy::reset));
    connections.clear();
    silenced.forEach(CuttableProxy::reset);
    silenced.clear();
  }
}
