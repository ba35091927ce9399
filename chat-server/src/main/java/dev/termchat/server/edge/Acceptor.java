package dev.termchat.server.edge;

import dev.termchat.server.log.LogThrottle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;

/**
 * Takes the sockets waiting on the listening socket, within the socket caps: in all, and per
 * address ({@link Admission#acceptSocket}), and sets each up for the selector. Confined to the
 * I/O thread, but for the count of sockets open, which any thread reads.
 */
final class Acceptor {
  private static final Logger log = EdgeLoggers.IO_LOOP;
  private static final int ACCEPTS_PER_TURN = 256;

  private final ServerSocketChannel listener;
  private final SelectionKey listenerKey;
  private final EdgeContext context;
  /** Sockets let in and not yet closed: counted on the I/O thread, read by any. */
  private final AtomicInteger sockets = new AtomicInteger();
  private final LogThrottle socketCapLog = new LogThrottle(1, "refusals at the socket cap", log::warn);
  /** Out of descriptors, accepting is retried as sockets close, which may be many times a second. */
  private final LogThrottle acceptFailureLog = new LogThrottle(1, "failures to accept", log::warn);
  /** Whether accepting waits for sockets to close, after running out of them. Confined to the I/O thread. */
  private boolean paused;

  Acceptor(ServerSocketChannel listener, SelectionKey listenerKey, EdgeContext context) {
    this.listener = listener;
    this.listenerKey = listenerKey;
    this.context = context;
  }

  /** Accepts what is waiting, handing each socket let in on, with its address. */
  void acceptReady(BiConsumer<SocketChannel, InetAddress> accepted) {
    for (int i = 0; i < ACCEPTS_PER_TURN; i++) {
      SocketChannel socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        // Out of file descriptors, most likely: wait for some to close rather than spin.
        if (acceptFailureLog.allow()) {
          log.warn("Cannot accept connections for now: {}", e.toString());
        }
        paused = true;
        listenerKey.interestOps(0);
        return;
      }
      if (socket == null) {
        return;
      }
      if (sockets.get() >= context.settings().socketCap()) {
        if (socketCapLog.allow()) {
          log.warn("Refusing a connection: {} sockets open", sockets.get());
        }
        closeQuietly(socket);
        continue;
      }
      InetAddress address = remoteAddress(socket);
      if (!context.admission().acceptSocket(address)) {
        if (context.refusalLog().allow()) {
          log.info("Refused a connection from {}: too many sockets open from it", address.getHostAddress());
        }
        closeQuietly(socket);
        continue;
      }
      try {
        configure(socket);
      } catch (IOException e) {
        log.debug("Could not set up an accepted socket: {}", e.toString());
        context.admission().socketClosed(address);
        closeQuietly(socket);
        continue;
      }
      sockets.incrementAndGet();
      accepted.accept(socket, address);
    }
  }

  private void configure(SocketChannel socket) throws IOException {
    socket.configureBlocking(false);
    socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
    int sendBuffer = context.settings().socketSendBufferBytes();
    if (sendBuffer > 0) {
      socket.setOption(StandardSocketOptions.SO_SNDBUF, sendBuffer);
    }
  }

  /** Accepting again, after a pause, at each tick. */
  void resume() {
    if (paused && listenerKey.isValid()) {
      paused = false;
      listenerKey.interestOps(SelectionKey.OP_ACCEPT);
    }
  }

  /** A socket let in has closed, or could not be set up. */
  void socketClosed() {
    sockets.decrementAndGet();
  }

  int sockets() {
    return sockets.get();
  }

  /** Stops accepting: the listening socket is closed and its port free again. */
  void stop() {
    listenerKey.cancel();
    try {
      listener.close();
    } catch (IOException e) {
      log.debug("Closing the listening socket failed: {}", e.toString());
    }
  }

  private static InetAddress remoteAddress(SocketChannel socket) {
    InetAddress address = socket.socket().getInetAddress();
    return address == null ? InetAddress.getLoopbackAddress() : address;
  }

  static void closeQuietly(SocketChannel socket) {
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("Closing a refused socket failed: {}", e.toString());
    }
  }
}
