package dev.termchat.server.edge;

/**
 * How the limits share out the heap by default, so that no mix of clients within them can hold
 * more than the heap: a quarter for what is queued to clients, an eighth for handshakes and
 * messages still arriving, a quarter for the connections themselves (which sets the connection
 * cap); the other three eighths are the room's (history, messages waiting for it, sessions) and
 * the JVM's own. The memory table of OPERATIONS.md has the figures, and how they were measured.
 */
public final class HeapShares {
  /**
   * What an open connection holds at most, besides its queue and its input in progress: an idle
   * registered one holds about 2.3 KB, a session to resume it 1 KB more, and a message buffer of
   * up to {@value FrameReader#KEPT_BUFFER_BYTES} bytes is kept between messages.
   */
  public static final long CONNECTION_BYTES = 5 * 1024;
  /** The same over TLS, whose engine and buffers hold about 50 KiB more. */
  public static final long TLS_CONNECTION_BYTES = 60 * 1024;

  private HeapShares() {}

  /** The heap this JVM may grow to: {@code -Xmx}, or the JVM's default. */
  public static long heap() {
    return Runtime.getRuntime().maxMemory();
  }

  /** Heap that what is queued to clients may hold, all together. */
  public static long queuedBytesTotal(long heap) {
    return heap / 4;
  }

  /** Heap that what is queued to the clients of one address may hold: a quarter of the total. */
  public static long queuedBytesPerAddress(long queuedBytesTotal) {
    return Math.max(1, queuedBytesTotal / 4);
  }

  /** Heap that handshakes and messages still arriving may hold, all together. */
  public static long unfinishedBytes(long heap) {
    return heap / 8;
  }

  /**
   * The most connections whose own state fits in a quarter of the heap, sockets still in their
   * handshake (up to a sixteenth more) included.
   */
  public static int maxConnections(long heap, boolean tls) {
    long perConnection = (tls ? TLS_CONNECTION_BYTES : CONNECTION_BYTES) * 17 / 16;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, heap / 4 / perConnection));
  }
}
