package dev.termchat.server.edge;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The connections the I/O thread serves, from accept until they are released. A failure of the
 * server's own in serving one ends that one, not the others. Confined to the I/O thread, but for
 * {@link #tracked} and {@link #awaitEmpty}.
 */
final class Connections {
  private static final Logger log = EdgeLoggers.IO_LOOP;

  /** Confined to the I/O thread. */
  private final Set<Connection> open = new LinkedHashSet<>();
  /** Connections holding input that no readiness event will announce. Confined to the I/O thread. */
  private final List<Connection> readSoon = new ArrayList<>();
  /** How many connections are tracked; written on the I/O thread, read by any. */
  private volatile int tracked;
  /** Notified, under its own lock, when the last connection goes. */
  private final Object emptied = new Object();

  void add(Connection connection) {
    open.add(connection);
    tracked = open.size();
  }

  /** @return whether the connection was tracked until now */
  boolean remove(Connection connection) {
    if (!open.remove(connection)) {
      return false;
    }
    tracked = open.size();
    if (open.isEmpty()) {
      synchronized (emptied) {
        emptied.notifyAll();
      }
    }
    return true;
  }

  void readSoon(Connection connection) {
    readSoon.add(connection);
  }

  boolean anyToReadSoon() {
    return !readSoon.isEmpty();
  }

  /** Reads the connections that hold input no readiness event will announce. */
  void readPending(ByteBuffer scratch) {
    if (readSoon.isEmpty()) {
      return;
    }
    List<Connection> due = List.copyOf(readSoon);
    readSoon.clear();
    due.forEach(guarded(connection -> connection.onReadable(scratch)));
  }

  /** Runs the action for every connection, any of them closing meanwhile. */
  void each(Consumer<Connection> action) {
    List.copyOf(open).forEach(guarded(action));
  }

  /** The action, for one connection: a bug in serving it ends it, not the loop. */
  static Consumer<Connection> guarded(Consumer<Connection> action) {
    return connection -> {
      try {
        action.accept(connection);
      } catch (RuntimeException | AssertionError e) {
        connection.failed(e);
      }
    };
  }

  /** The loop is ending: every connection goes at once. */
  void abortAll() {
    for (Connection connection : List.copyOf(open)) {
      try {
        connection.close(Disconnect.abort("going away"));
      } catch (RuntimeException e) {
        log.debug("Closing a connection failed: {}", e.toString());
      }
    }
  }

  int tracked() {
    return tracked;
  }

  /** Bytes queued to every connection and not yet written. On the I/O thread only. */
  long queuedBytes() {
    long queued = 0;
    for (Connection connection : open) {
      queued += connection.queuedBytes();
    }
    return queued;
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
}
