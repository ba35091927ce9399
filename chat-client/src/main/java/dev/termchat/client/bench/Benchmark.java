package dev.termchat.client.bench;

import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Wire;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.nio.channels.UnresolvedAddressException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bench run: many clients on one event loop thread. They connect, at most {@code concurrency}
 * at a time, and register (with {@code --rooms}, each into its room); once every client knows
 * every client of its room, the senders send numbered, timestamped messages at the given rate,
 * and every delivery is accounted for: its latency, and whether it was lost, duplicated, out of
 * order or outside its sender's room. What the clients were told of who is there on the way is
 * counted in bytes ({@link PresenceTracker}).
 */
final class Benchmark implements BenchConnection.Events {
  /** How long to wait after the last send for messages still in flight. */
  private static final Duration DRAIN = Duration.ofSeconds(10);
  /** After the last late join, how long no presence frame must come for the count to be whole. */
  private static final Duration PRESENCE_QUIET = Duration.ofSeconds(1);
  private static final byte[] MESSAGE_TYPE = FrameBytes.typePrefix(Wire.TYPE_MESSAGE);
  private static final byte[] ERROR_TYPE = FrameBytes.typePrefix(Wire.TYPE_ERROR);

  /** Names start with a letter per round, so a round counts only its own clients in a list. */
  static final char MEASURED_NAMES = 'b';
  static final char WARMUP_NAMES = 'w';

  private final BenchOptions options;
  private final char namePrefix;
  private final Selector selector;
  private final BenchConnection[] connections;
  private final ByteBuffer scratch = ByteBuffer.allocateDirect(256 * 1024);
  private final Deliveries deliveries;
  private final PresenceTracker presence;
  private final long[] sentPerSender;
  private final String padding;
  private final FrameCodec codec = new FrameCodec();

  private int opened;
  private int connected;
  private int failed;
  private int inFlight;
  private int disconnected;
  private String firstFailure;
  /** Set once the run is over, so the closes it causes are not counted as failures. */
  private boolean finishing;

  Benchmark(BenchOptions options, char namePrefix) throws IOException {
    this.options = options;
    this.namePrefix = namePrefix;
    this.selector = Selector.open();
    this.connections = new BenchConnection[options.connections()];
    this.deliveries = new Deliveries(options);
    this.presence = new PresenceTracker(options, namePrefix);
    this.sentPerSender = new long[options.senders()];
    this.padding = "x".repeat(options.messageBytes());
  }

  /** Runs the bench; {@code probe} reads the server's figures, if there is a server to read. */
  BenchReport run(ServerProbe probe) throws IOException {
    long start = System.nanoTime();
    long deadline = start + options.timeout().toNanos();
    while (connected + failed < options.clients() && System.nanoTime() < deadline) {
      openMore(options.clients());
      pump(10);
    }
    double connectSeconds = seconds(System.nanoTime() - start);
    // A client that failed or was dropped will never know everyone, nor be known by all.
    while (presence.converged() < options.clients() && failed + disconnected == 0 && System.nanoTime() < deadline) {
      pump(10);
    }
    Double convergenceSeconds = presence.converged() == options.clients() ? seconds(System.nanoTime() - start) : null;
    // What it took for everyone to see everyone; a run with senders hears of no one after this.
    long presenceBytes = presence.bytes();
    long presenceFrames = presence.frames();
    int connectedClients = connected;
    LateJoins late = convergenceSeconds != null && options.lateJoins() > 0 ? joinOneByOne(deadline) : null;
    ProcStats idle = probe.sample();

    long sent = 0;
    double sendSeconds = 0;
    long expected = 0;
    ProcStats before = idle;
    if (options.senders() > 0 && !options.duration().isZero() && convergenceSeconds != null) {
      long sendStart = System.nanoTime();
      sent = sendMessages(sendStart);
      expected = expectedDeliveries();
      long drainDeadline = System.nanoTime() + DRAIN.toNanos();
      while (deliveries.delivered() < expected && System.nanoTime() < drainDeadline) {
        pump(10);
      }
      sendSeconds = seconds(Math.max(0, deliveries.lastDeliveryNanos() - sendStart));
    }
    ProcStats after = probe.sample();
    closeAll();

    boolean measuredMessages = sent > 0;
    long delivered = deliveries.delivered();
    SequenceTracker sequences = deliveries.sequences();
    LatencyRecorder latency = deliveries.latency();
    return new BenchReport(
        options.clients(),
        connectedClients,
        failed,
        connectSeconds,
        convergenceSeconds,
        options.senders(),
        options.rate(),
        options.messageBytes(),
        sent,
        delivered,
        expected,
        sendSeconds,
        sendSeconds > 0 ? delivered / sendSeconds : 0,
        measuredMessages ? sequences.lost(expected) : 0,
        sequences.duplicates(),
        sequences.reordered(),
        options.inRooms() ? options.rooms() : null,
        options.inRooms() ? deliveries.crossed() : null,
        presenceBytes,
        presenceFrames,
        presenceBytes / (double) Math.max(1, connectedClients),
        late == null ? null : options.lateJoins(),
        late == null ? null : late.presenceBytesPerJoin(),
        late == null ? null : late.secondsPerJoin(),
        disconnected,
        measuredMessages ? latency.percentileMillis(50) : null,
        measuredMessages ? latency.percentileMillis(90) : null,
        measuredMessages ? latency.percentileMillis(99) : null,
        measuredMessages ? latency.maxMillis() : null,
        measuredMessages && after != null ? probe.cpuMicros(before, after) / Math.max(1, delivered) : null,
        measuredMessages && after != null ? probe.cpuMicros(before, after) / sent : null,
        measuredMessages && after != null ? (after.writeCalls() - before.writeCalls()) / (double) Math.max(1, delivered) : null,
        idle == null ? null : idle.rssKiB() / 1024.0,
        after == null ? null : after.rssKiB() / 1024.0);
  }

  /** What the late joins cost: presence bytes per join, and how long each took to be told. */
  private record LateJoins(Double presenceBytesPerJoin, Double secondsPerJoin) {}

  /**
   * Opens the late joins one at a time, each once everyone in its room, itself included, has
   * been told of the one before; then waits until no presence frame has come for a while, so
   * that lists still on their way are counted. Null figures when a join was not told to everyone
   * in time.
   */
  private LateJoins joinOneByOne(long deadline) throws IOException {
    long bytesBefore = presence.bytes();
    long start = System.nanoTime();
    for (int index = options.clients(); index < options.connections(); index++) {
      presence.follow(index);
      openMore(index + 1);
      while (presence.toldOfNewcomer() < options.membersUpTo(index) && failed + disconnected == 0
          && System.nanoTime() < deadline) {
        pump(10);
      }
      if (presence.toldOfNewcomer() < options.membersUpTo(index)) {
        noteFailure("late join " + (index - options.clients() + 1) + " was not told to everyone in its room in time");
        return new LateJoins(null, null);
      }
    }
    double seconds = seconds(System.nanoTime() - start);
    long quietSince = System.nanoTime();
    long frames = presence.frames();
    while (System.nanoTime() - quietSince < PRESENCE_QUIET.toNanos() && System.nanoTime() < deadline) {
      pump(10);
      if (presence.frames() != frames) {
        frames = presence.frames();
        quietSince = System.nanoTime();
      }
    }
    return new LateJoins((presence.bytes() - bytesBefore) / (double) options.lateJoins(), seconds / options.lateJoins());
  }

  /** Every client gets each message of its sender's room, its own included. */
  private long expectedDeliveries() {
    long expected = 0;
    for (int sender = 0; sender < sentPerSender.length; sender++) {
      expected += sentPerSender[sender] * options.roomSize(options.roomOf(sender));
    }
    return expected;
  }

  /** Why the first connection that failed did, if one did. */
  String firstFailure() {
    return firstFailure;
  }

  private long sendMessages(long sendStart) throws IOException {
    long interval = TimeUnit.SECONDS.toNanos(1) / options.rate();
    long end = sendStart + options.duration().toNanos();
    long next = sendStart;
    long sent = 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        return sent;
      }
      while (now >= next && next < end) {
        int sender = (int) (sent % options.senders());
        sendMessage(sender, (int) sentPerSender[sender]++);
        sent++;
        next += interval;
      }
      pump(Math.max(0, TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime())));
    }
  }

  private void sendMessage(int sender, int sequence) throws IOException {
    StringBuilder text = new StringBuilder(options.messageBytes());
    text.append(sender).append(' ').append(sequence).append(' ').append(System.nanoTime()).append(' ');
    text.append(padding, 0, Math.max(0, options.messageBytes() - text.length()));
    String room = options.inRooms() ? BenchOptions.roomName(options.roomOf(sender)) : null;
    connections[sender].send(ClientFrames.text(codec.encodeClientFrame(new SendMessage(text.toString(), null, room))));
  }

  /** Opens connections up to number {@code limit}, as many at a time as the concurrency allows. */
  private void openMore(int limit) {
    while (inFlight < options.concurrency() && opened < limit) {
      int index = opened++;
      try {
        connections[index] = BenchConnection.open(index, options.serverFor(index), options.inRooms(), selector, this);
        inFlight++;
      } catch (IOException | UnresolvedAddressException e) {
        failed++;
        noteFailure(BenchFailures.describe(e));
      }
    }
  }

  private void pump(long timeoutMillis) throws IOException {
    if (timeoutMillis > 0) {
      selector.select(timeoutMillis);
    } else {
      selector.selectNow();
    }
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
    connected++;
    String name = namePrefix + "" + connection.index;
    // A rooms client asks for no history: its room's earlier messages are not the bench's to count.
    Register register = options.inRooms()
        ? new Register(name, List.of(
            Options.of(Wire.OPTION_ROOMS, BenchOptions.roomName(options.roomOf(connection.index))),
            Options.of(Wire.OPTION_HISTORY, "0")))
        : new Register(name);
    connection.send(ClientFrames.text(codec.encodeClientFrame(register)));
  }

  @Override
  public void frame(BenchConnection connection, int opcode, byte[] bytes, int offset, int length)
      throws IOException {
    if (opcode == ClientFrames.PING) {
      connection.send(ClientFrames.frame(ClientFrames.PONG, Arrays.copyOfRange(bytes, offset, offset + length)));
    } else if (opcode == ClientFrames.CLOSE && !finishing) {
      noteFailure(BenchFailures.closedBy(bytes, offset, length));
    } else if (opcode == ClientFrames.TEXT) {
      if (FrameBytes.startsWith(bytes, offset, length, MESSAGE_TYPE)) {
        deliveries.message(connection.index, bytes, offset, length, System.nanoTime());
      } else if (!presence.frame(connection.index, bytes, offset, length)
          && FrameBytes.startsWith(bytes, offset, length, ERROR_TYPE)) {
        noteFailure("the server sent an error: " + new String(bytes, offset, length, StandardCharsets.UTF_8));
      }
    }
  }

  @Override
  public void closed(BenchConnection connection, boolean wasOpen, String why) {
    if (finishing) {
      return;
    }
    if (wasOpen) {
      disconnected++;
    } else {
      inFlight--;
      failed++;
    }
    noteFailure(why);
  }

  private void noteFailure(String why) {
    if (firstFailure == null) {
      firstFailure = why;
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

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
