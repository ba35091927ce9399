package dev.termchat.server.edge;

/**
 * How the limits share out the heap by default, so that no mix of clients within them can hold
 * more than the heap: half for the connections themselves (which sets the connection cap),
 * three sixteenths for what is queued to clients, a sixteenth for handshakes and messages still
 * arriving; the last quarter is the room's (history, messages waiting for it, sessions) and the
 * JVM's own. The memory table of OPERATIONS.md has the figures, and how they were measured.
 */
public final class HeapShares {
  /**
   * What an open connection holds at most, besides its queue and its input in progress:
   * measured at 5.0 KB for registered extended clients that each sent a message of 900
   * characters (a resume session, and the kept message buffer, included); 2.3 KB for base
   * clients.
   */
  public static final long CONNECTION_BYTES = 6 * 1024;
  /** The same over TLS, whose engine and buffers hold about 60 KB more: measured at 61 to 65 KB. */
  public static final long TLS_CONNECTION_BYTES = 68 * 1024;

  private HeapShares() {}

  /** The heap this JVM may grow to: {@code -Xmx}, or the JVM's default. */
  public static long heap() {
    return Runtime.getRuntime().maxMemory();
  }

  /** Heap that what is queued to clients may hold, all together: three sixteenths. */
  public static long queuedBytesTotal(long heap) {
    return heap / 16 * 3;
  }

  /** Heap that what is queued to the clients of one address may hold: a quarter of the total. */
  public static long queuedBytesPerAddress(long queuedBytesTotal) {
    return Math.max(1, queuedBytesTotal / 4);
  }

  /** Heap that handshakes and messages still arriving may hold, all together: a sixteenth. */
  public static long unfinishedBytes(long heap) {
    return heap / 16;
  }

  /**
   * The most connections whose own state fits in half the heap, sockets still in their
   * handshake (up to a sixteenth more) included.
   */
  public static int maxConnections(long heap, boolean tls) {
    long perConnection = (tls ? TLS_CONNECTION_BYTES : CONNECTION_BYTES) * 17 / 16;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, heap / 2 / perConnection));
  }
}
