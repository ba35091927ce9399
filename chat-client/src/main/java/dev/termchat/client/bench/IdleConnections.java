package dev.termchat.client.bench;

import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Wire;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Iterator;

/**
 * One part's connections of a {@code connections} run, on one event loop thread: they open, at
 * most {@code concurrency} at a time, and register as base clients; a connection counts as
 * registered at its first users list. They then stay idle, answering pings, until one message
 * reaches them. Part 0 sends it from its first connection still registered, once a users list names
 * every connection of every part (of this part alone, those registered), or its server's users
 * gauge counts them ({@link UsersGauge}: in a room past the server's {@code --list-names} no
 * list names them all), and the idle time after. The message carries the wall-clock
 * time it was sent, so that every part, in whatever process, times it from the same instant.
 * With upgrades only, they open, stay idle and close, against any WebSocket server.
 */
final class IdleConnections implements BenchConnection.Events {
  /** The bench's names: the letter, then the connection's number over all parts. */
  static final char NAME_PREFIX = 'c';
  private static final byte[] USERS_TYPE = FrameBytes.typePrefix(Wire.TYPE_USERS);
  private static final byte[] MESSAGE_TYPE = FrameBytes.typePrefix(Wire.TYPE_MESSAGE);
  private static final byte[] ERROR_TYPE = FrameBytes.typePrefix(Wire.TYPE_ERROR);

  /**
   * What one part saw ({@code registered}: upgraded, with upgrades only): {@code handshakeSeconds} until every connection had its upgrade (null
   * when some did not), {@code openSeconds} until every one was registered or had failed (null
   * with upgrades only); {@code unsent} when this part was to send and none of its connections was
   * still registered; {@code reachMillis} is null when the message did not reach every one
   *     registered and still connected.
   */
  record Result(
      int connections, int registered, int errors, String firstError, Double handshakeSeconds, Double openSeconds,
      boolean unsent, int reached, Double reachMillis) {}

  /** How often the sending part asks its server how many are in. */
  private static final long GAUGE_LOOK_NANOS = 500_000_000L;

  private final IdleOptions options;
  private final Selector selector;
  private final BenchConnection[] connections;
  /** Whether each of this part's connections has had its first users list, by local number. */
  private final boolean[] registeredFlags;
  private final boolean[] reachedFlags;
  /** Whether each has failed: one error a connection, whether its close frame or its end says it first. */
  private final boolean[] failedFlags;
  /** Connections that failed before they registered (upgraded, with upgrades only): done with. */
  private int failedEarly;
  private final ByteBuffer scratch = ByteBuffer.allocateDirect(256 * 1024);
  private final FrameCodec codec = new FrameCodec();
  private int opened;
  private int inFlight;
  /** Connections whose upgrade the server accepted. */
  private int upgraded;
  /** When the last upgrade came, in {@link System#nanoTime}. */
  private long lastUpgradeNanos;
  private int registered;
  private int errors;
  private String firstError;
  private int reached;
  /** Connections closed after they registered and before the message reached them: it never can. */
  private int lostAfterRegistering;
  /** The most names of the bench one users list has held; -1 before any came. */
  private int mostNamesSeen = -1;
  /** The most names of others (users not of this run) one users list has held, whom the server's users gauge counts too. */
  private int mostOthersSeen;
  private long sentMicros = -1;
  private long lastReachMicros;
  private boolean finishing;

  IdleConnections(IdleOptions options) throws IOException {
    this.options = options;
    this.selector = Selector.open();
    int count = options.localCount();
    this.connections = new BenchConnection[count];
    this.registeredFlags = new boolean[count];
    this.reachedFlags = new boolean[count];
    this.failedFlags = new boolean[count];
  }

  /** Runs this part; {@code whileOpen} runs once the message is through, before the connections close. */
  Result run(Runnable whileOpen) throws IOException {
    try {
      long start = System.nanoTime();
      long deadline = start + options.timeout().toNanos();
      while ((options.register() ? registered : upgraded) + failedEarly < connections.length && System.nanoTime() < deadline) {
        openMore();
        pump(10);
      }
      Double handshakeSeconds = upgraded == connections.length ? (lastUpgradeNanos - start) / 1e9 : null;
      if (!options.register()) {
        idle();
        whileOpen.run();
        return new Result(connections.length, upgraded, errors, firstError, handshakeSeconds, null, false, 0, null);
      }
      double openSeconds = (System.nanoTime() - start) / 1e9;
      int sender = options.sends() ? firstStillRegistered() : -1;
      boolean unsent = options.sends() && sender < 0;
      if (options.sends() && !unsent) {
        // Alone, this part knows which of its connections failed; in parts, only that all should come.
        int named = options.parts() == 1 ? registered : options.connections();
        UsersGauge gauge = new UsersGauge(options.servers().get(0));
        long nextLook = System.nanoTime();
        // Past the server's --list-names no list names all of them: its users gauge counts them.
        boolean allIn = mostNamesSeen >= named;
        while (!allIn && System.nanoTime() < deadline) {
          if (System.nanoTime() >= nextLook) {
            allIn = gauge.read().orElse(-1) >= named + mostOthersSeen;
            nextLook = System.nanoTime() + GAUGE_LOOK_NANOS;
          }
          pump(10);
          allIn |= mostNamesSeen >= named;
        }
        if (!allIn) {
          error("the message went at --timeout, before the server counted all " + named + " in");
        }
        idle();
        sender = firstStillRegistered();
        unsent = sender < 0;
      }
      if (sender >= 0) {
        String text = Probe.text(nowMicros());
        connections[sender].send(ClientFrames.text(codec.encodeClientFrame(new SendMessage(text))));
      }
      long waitUntil = System.nanoTime() + options.timeout().toNanos();
      while (!unsent && reached + lostAfterRegistering < registered && System.nanoTime() < waitUntil) {
        pump(10);
      }
      whileOpen.run();
      // Timed once every connection still in has it: those refused, or closed before it came, never could.
      Double reachMillis =
          reached > 0 && reached + lostAfterRegistering == registered && sentMicros >= 0 ? (lastReachMicros - sentMicros) / 1000.0 : null;
      return new Result(
          connections.length, registered, errors, firstError, handshakeSeconds, openSeconds, unsent, reached, reachMillis);
    } finally {
      closeAll();
    }
  }

  /**
   * The sender: the first connection of this part that registered and is still open, so that a
   * server refusing connection 0 still gets the message timed; -1 if none is.
   */
  private int firstStillRegistered() {
    for (int local = 0; local < connections.length; local++) {
      if (registeredFlags[local] && !failedFlags[local]) {
        return local;
      }
    }
    return -1;
  }

  /** Keeps every connection idle for the idle time, answering pings. */
  private void idle() throws IOException {
    long idleUntil = System.nanoTime() + options.idle().toNanos();
    while (System.nanoTime() < idleUntil) {
      pump(Math.max(1, (idleUntil - System.nanoTime()) / 1_000_000));
    }
  }

  private static long nowMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  private void openMore() {
    while (inFlight < options.concurrency() && opened < connections.length) {
      int local = opened++;
      int index = options.indexOf(local);
      try {
        connections[local] = BenchConnection.open(local, options.serverFor(index), false, options.sourceFor(index), selector, this);
        inFlight++;
      } catch (IOException | UnresolvedAddressException e) {
        failed(local, false, BenchFailures.describe(e));
      }
    }
  }

  private void pump(long timeoutMillis) throws IOException {
    selector.select(timeoutMillis);
    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
    while (keys.hasNext()) {
      SelectionKey key = keys.next();
      keys.remove();
      if (key.isValid()) {
        ((BenchConnection) key.attachment()).ready(scratch);
      }
    }
  }

  @Override
  public void opened(BenchConnection connection) throws IOException {
    inFlight--;
    upgraded++;
    lastUpgradeNanos = System.nanoTime();
    if (!options.register()) {
      return;
    }
    String name = NAME_PREFIX + Integer.toString(options.indexOf(connection.index));
    connection.send(ClientFrames.text(codec.encodeClientFrame(new Register(name))));
  }

  @Override
  public void frame(BenchConnection connection, int opcode, byte[] bytes, int offset, int length) throws IOException {
    int local = connection.index;
    if (opcode == ClientFrames.PING) {
      connection.send(ClientFrames.frame(ClientFrames.PONG, Arrays.copyOfRange(bytes, offset, offset + length)));
    } else if (opcode == ClientFrames.CLOSE && !finishing) {
      failed(local, true, BenchFailures.closedBy(bytes, offset, length));
    } else if (opcode != ClientFrames.TEXT) {
      return;
    } else if (FrameBytes.startsWith(bytes, offset, length, USERS_TYPE)) {
      if (!registeredFlags[local]) {
        registeredFlags[local] = true;
        registered++;
      }
      if (options.sends()) {
        int ours = benchNames(bytes, offset, length);
        mostNamesSeen = Math.max(mostNamesSeen, ours);
        mostOthersSeen = Math.max(mostOthersSeen, FrameBytes.countStrings(bytes, offset, length) - ours);
      }
    } else if (FrameBytes.startsWith(bytes, offset, length, MESSAGE_TYPE)) {
      long sent = Probe.sentMicros(bytes, offset, length);
      if (sent >= 0 && !reachedFlags[local]) {
        reachedFlags[local] = true;
        reached++;
        sentMicros = sent;
        lastReachMicros = nowMicros();
      }
    } else if (FrameBytes.startsWith(bytes, offset, length, ERROR_TYPE)) {
      failed(local, true, "the server sent an error: " + new String(bytes, offset, length, StandardCharsets.UTF_8));
    }
  }

  /**
   * The names of this run's connections in a users list: c and a number below N, so that
   * another user whose name starts with c (carol, or a c99999 of an earlier run) is not one.
   */
  private int benchNames(byte[] bytes, int offset, int length) {
    int[] names = {0};
    FrameBytes.forEachNumberedName(bytes, offset, length, (byte) NAME_PREFIX, number -> {
      if (number < options.connections()) {
        names[0]++;
      }
    });
    return names[0];
  }

  @Override
  public void closed(BenchConnection connection, boolean wasOpen, String why) {
    if (finishing) {
      return;
    }
    if (!wasOpen) {
      inFlight--;
    }
    failed(connection.index, wasOpen, why);
  }

  private void failed(int local, boolean upgradedFirst, String why) {
    if (failedFlags[local]) {
      return;
    }
    failedFlags[local] = true;
    error(why);
    if (!(options.register() ? registeredFlags[local] : upgradedFirst)) {
      failedEarly++;
    } else if (options.register() && !reachedFlags[local]) {
      lostAfterRegistering++;
    }
  }

  private void error(String why) {
    errors++;
    if (firstError == null) {
      firstError = why;
    }
  }

  private void closeAll() throws IOException {
    finishing = true;
    for (BenchConnection connection : connections) {
      if (connection != null && connection.state() == BenchConnection.State.OPEN) {
        connection.send(ClientFrames.frame(ClientFrames.CLOSE, new byte[] {0x03, (byte) 0xE8}));
      }
    }
    pump(100);
    for (BenchConnection connection : connections) {
      if (connection != null && connection.state() != BenchConnection.State.CLOSED) {
        connection.close("bench done");
      }
    }
    selector.close();
  }
}
