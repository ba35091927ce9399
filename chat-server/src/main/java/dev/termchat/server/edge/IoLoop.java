package dev.termchat.server.edge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import dev.termchat.server.log.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O thread: one selector for the listening socket and every connection. It accepts,
 * reads, writes what other threads could not, runs every connection's timers, and carries out
 * every close. Other threads reach it through {@link #execute}.
 */
final class IoLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(IoLoop.class);
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final int ACCEPTS_PER_TURN = 256;
  private static final int READ_BUFFER_BYTES = 64 * 1024;

  private final Selector selector;
  private final ServerSocketChannel listener;
  private final EdgeContext context;
  private final Optional<SSLContext> tls;
  private final ExecutorService tlsTasks;
  private final Consumer<Throwable> fatal;
  private final Thread thread;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final AtomicInteger sockets = new AtomicInteger();
  private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
  private final LogThrottle socketCapLog = new LogThrottle(1, "refusals at the socket cap", log::warn);

  // Confined to the I/O thread.
  private final Set<Connection> connections = new LinkedHashSet<>();
  private final List<Connection> readSoon = new ArrayList<>();
  private SelectionKey listenerKey;
  private long nextId = 1;
  private long nextTick;
  private boolean acceptPaused;

  /** Read by other threads: how many connections are tracked, and whether the loop should end. */
  private volatile int tracked;
  private volatile boolean running = true;
  private final Object emptied = new Object();

  IoLoop(
      ServerSocketChannel listener,
      EdgeContext context,
      Optional<SSLContext> tls,
      ExecutorService tlsTasks,
      Consumer<Throwable> fatal)
      throws IOException {
    this.selector = Selector.open();
    this.listener = listener;
    this.context = context;
    this.tls = tls;
    this.tlsTasks = tlsTasks;
    this.fatal = fatal;
    listener.configureBlocking(false);
    this.listenerKey = listener.register(selector, SelectionKey.OP_ACCEPT);
    this.thread = new Thread(this, "chat-io");
  }

  void start() {
    thread.start();
  }

  boolean running() {
    return thread.isAlive();
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  long now() {
    return System.nanoTime();
  }

  /** Runs the task on the I/O thread, soon. */
  void execute(Runnable task) {
    tasks.add(task);
    if (wakeupPending.compareAndSet(false, true)) {
      selector.wakeup();
    }
  }

  /** Runs the task now when on the I/O thread, otherwise soon on it. */
  void runInLoop(Runnable task) {
    if (inLoop()) {
      task.run();
    } else {
      execute(task);
    }
  }

  /** The connection holds decrypted input that no readiness event will announce. */
  void readSoon(Connection connection) {
    readSoon.add(connection);
  }

  /** The connection closed for good. */
  void released(Connection connection) {
    if (connections.remove(connection)) {
      sockets.decrementAndGet();
      tracked = connections.size();
      if (connections.isEmpty()) {
        synchronized (emptied) {
          emptied.notifyAll();
        }
      }
    }
  }

  int sockets() {
    return sockets.get();
  }

  int tracked() {
    return tracked;
  }

  /** Bytes queued to every connection and not yet written. On the I/O thread only. */
  long queuedBytes() {
    long queued = 0;
    for (Connection connection : connections) {
      queued += connection.queuedBytes();
    }
    return queued;
  }

  /** Stops accepting: the listening socket is closed and its port free again. */
  void stopAccepting() {
    runInLoop(
        () -> {
          listenerKey.cancel();
          try {
            listener.close();
          } catch (IOException e) {
            log.debug("Closing the listening socket failed: {}", e.toString());
          }
        });
  }

  /** Sends the close code to every open connection, after what is queued for it. */
  void goAway(int code, String reason) {
    runInLoop(() -> List.copyOf(connections).forEach(connection -> connection.goAway(code, reason)));
  }

  /** Waits until every connection has closed, or the time is up; true when they all have. */
  boolean awaitEmpty(long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    synchronized (emptied) {
      while (tracked > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(emptied, left);
      }
    }
    return true;
  }

  /** Ends the loop; whatever is still open is closed at once. Waits up to the time given. */
  void stop(long waitMillis) throws InterruptedException {
    running = false;
    selector.wakeup();
    if (!inLoop()) {
      thread.join(waitMillis);
    }
  }

  @Override
  public void run() {
    try {
      nextTick = now() + TICK_NANOS;
      while (running) {
        long wait = readSoon.isEmpty() ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - now())) : -1;
        if (wait < 0) {
          selector.selectNow();
        } else {
          selector.select(wait);
        }
        wakeupPending.set(false);
        handleSelected();
        runTasks();
        handleReadSoon();
        long now = now();
        if (now - nextTick >= 0) {
          nextTick = now + TICK_NANOS;
          tick(now);
        }
      }
    } catch (IOException e) {
      fatal.accept(e);
    } catch (Error e) {
      fatal.accept(e);
    } finally {
      closeEverything();
    }
  }

  private void handleSelected() {
    Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
    while (selected.hasNext()) {
      SelectionKey key = selected.next();
      selected.remove();
      if (!key.isValid()) {
        continue;
      }
      if (key == listenerKey) {
        accept();
        continue;
      }
      Connection connection = (Connection) key.attachment();
      try {
        int ready = key.readyOps();
        if ((ready & SelectionKey.OP_WRITE) != 0) {
          connection.onWritable();
        }
        if ((ready & SelectionKey.OP_READ) != 0 && key.isValid()) {
          connection.onReadable(readBuffer);
        }
      } catch (RuntimeException | AssertionError e) {
        // A bug, ours or a library's, in serving one connection: that connection ends, not all.
        connection.failed(e);
      }
    }
  }

  private void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("A task on the I/O thread failed", e);
      }
    }
  }

  private void handleReadSoon() {
    if (readSoon.isEmpty()) {
      return;
    }
    List<Connection> due = List.copyOf(readSoon);
    readSoon.clear();
    for (Connection connection : due) {
      try {
        connection.onReadable(readBuffer);
      } catch (RuntimeException e) {
        connection.failed(e);
      }
    }
  }

  private void tick(long now) {
    if (acceptPaused && listenerKey.isValid()) {
      acceptPaused = false;
      listenerKey.interestOps(SelectionKey.OP_ACCEPT);
    }
    for (Connection connection : List.copyOf(connections)) {
      try {
        connection.tick(now);
      } catch (RuntimeException e) {
        connection.failed(e);
      }
    }
  }

  private void accept() {
    for (int i = 0; i < ACCEPTS_PER_TURN; i++) {
      SocketChannel socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        // Out of file descriptors, most likely: wait for some to close rather than spin.
        log.warn("Cannot accept connections for now: {}", e.toString());
        acceptPaused = true;
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
      register(socket, address);
    }
  }

  private void register(SocketChannel socket, InetAddress address) {
    try {
      socket.configureBlocking(false);
      socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
      int sendBuffer = context.settings().socketSendBufferBytes();
      if (sendBuffer > 0) {
        socket.setOption(StandardSocketOptions.SO_SNDBUF, sendBuffer);
      }
      SelectionKey key = socket.register(selector, SelectionKey.OP_READ);
      Transport transport;
      if (tls.isPresent()) {
        SSLEngine engine = tls.get().createSSLEngine();
        engine.setUseClientMode(false);
        transport = new TlsTransport(socket, engine, tlsTasks, key);
      } else {
        transport = new PlainTransport(socket);
      }
      Connection connection = new Connection(nextId++, this, context, transport, key, now());
      key.attach(connection);
      connections.add(connection);
      sockets.incrementAndGet();
      tracked = connections.size();
    } catch (IOException e) {
      log.debug("Could not set up an accepted socket: {}", e.toString());
      context.admission().socketClosed(address);
      closeQuietly(socket);
    }
  }

  private static InetAddress remoteAddress(SocketChannel socket) {
    InetAddress address = socket.socket().getInetAddress();
    return address == null ? InetAddress.getLoopbackAddress() : address;
  }

  private void closeEverything() {
    for (Connection connection : List.copyOf(connections)) {
      try {
        connection.abort("going away");
      } catch (RuntimeException e) {
        log.debug("Closing a connection failed: {}", e.toString());
      }
    }
    try {
      listener.close();
      selector.close();
    } catch (IOException e) {
      log.debug("Closing the selector failed: {}", e.toString());
    }
  }

  private static void closeQuietly(SocketChannel socket) {
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("Closing a refused socket failed: {}", e.toString());
    }
  }
}
