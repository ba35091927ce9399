package dev.termchat.server.edge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
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
  private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
  private final Acceptor acceptor;

  private final Connections connections = new Connections();
  private final SelectionKey listenerKey;

  // Confined to the I/O thread.
  private long nextId = 1;
  private long nextTick;

  /** Whether the loop should go on; read by the I/O thread, set by any. */
  private volatile boolean running = true;

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
    this.acceptor = new Acceptor(listener, listenerKey, context);
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

  int sockets() {
    return acceptor.sockets();
  }

  int tracked() {
    return connections.tracked();
  }

  /** Bytes queued to every connection and not yet written. On the I/O thread only. */
  long queuedBytes() {
    return connections.queuedBytes();
  }

  /** Stops accepting: the listening socket is closed and its port free again. */
  void stopAccepting() {
    runInLoop(acceptor::stop);
  }

  /** Sends the close code to every open connection, after what is queued for it. */
  void goAway(int code, String reason) {
    runInLoop(() -> connections.each(connection -> connection.goAway(code, reason)));
  }

  /** Waits until every connection has closed, or the time is up; true when they all have. */
  boolean awaitEmpty(long nanos) throws InterruptedException {
    return connections.awaitEmpty(nanos);
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
        long wait = !connections.anyToReadSoon() ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - now())) : -1;
        if (wait < 0) {
          selector.selectNow();
        } else {
          selector.select(wait);
        }
        wakeupPending.set(false);
        handleSelected();
        runTasks();
        connections.readPending(readBuffer);
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
        acceptor.acceptReady(this::register);
        continue;
      }
      int ready = key.readyOps();
      Connections.guarded(
              connection -> {
                if ((ready & SelectionKey.OP_WRITE) != 0) {
                  connection.onWritable();
                }
                if ((ready & SelectionKey.OP_READ) != 0 && key.isValid()) {
                  connection.onReadable(readBuffer);
                }
              })
          .accept(((Slot) key.attachment()).connection);
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

  private void tick(long now) {
    acceptor.resume();
    connections.each(connection -> connection.tick(now));
  }

  private void register(SocketChannel socket, InetAddress address) {
    try {
      SelectionKey key = socket.register(selector, SelectionKey.OP_READ);
      Transport transport;
      if (tls.isPresent()) {
        SSLEngine engine = tls.get().createSSLEngine();
        engine.setUseClientMode(false);
        transport = new TlsTransport(socket, engine, tlsTasks, key);
      } else {
        transport = new PlainTransport(socket);
      }
      Slot slot = new Slot(key);
      slot.connection = new Connection(nextId++, slot, context, transport, (InetSocketAddress) socket.getRemoteAddress());
      key.attach(slot);
      connections.add(slot.connection);
    } catch (IOException e) {
      log.debug("Could not set up an accepted socket: {}", e.toString());
      context.admission().socketClosed(address);
      acceptor.socketClosed();
      Acceptor.closeQuietly(socket);
    }
  }

  /** One connection's place in the selector and on the I/O thread. */
  private final class Slot implements IoSlot {
    private final SelectionKey key;
    /** Set once, right after the connection is made, before the key is selected. */
    private Connection connection;

    Slot(SelectionKey key) {
      this.key = key;
    }

    @Override
    public long now() {
      return IoLoop.this.now();
    }

    @Override
    public boolean onIoThread() {
      return inLoop();
    }

    @Override
    public void execute(Runnable task) {
      IoLoop.this.execute(task);
    }

    @Override
    public void watchWrites(boolean watch) {
      if (key.isValid()) {
        key.interestOps(watch ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
      }
    }

    @Override
    public void readSoon() {
      connections.readSoon(connection);
    }

    @Override
    public void released() {
      key.cancel();
      if (connections.remove(connection)) {
        acceptor.socketClosed();
      }
    }
  }

  private void closeEverything() {
    connections.abortAll();
    try {
      listener.close();
      selector.close();
    } catch (IOException e) {
      log.debug("Closing the selector failed: {}", e.toString());
    }
  }
}
