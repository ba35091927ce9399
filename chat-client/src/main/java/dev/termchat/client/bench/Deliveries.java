package dev.termchat.client.bench;

import dev.termchat.protocol.Wire;
import java.nio.charset.StandardCharsets;

/**
 * Every delivery of the bench's messages accounted for: who sent it, which of its sender's
 * messages it is, how long it took, and whether it belongs in its receiver's room. A message's
 * text starts "sender sequence sendNanos ". Not thread-safe: the bench's one event loop reports
 * every message.
 */
final class Deliveries {
  /** Where a message's text starts inside the JSON string that is its data. */
  private static final byte[] MESSAGE_FIELD =
      (Wire.FIELD_MESSAGE + "\\\":\\\"").getBytes(StandardCharsets.US_ASCII);
  /** Where the number of a rooms client's message's room starts: 3 in {@code "room":"#r3"}. */
  private static final byte[] ROOM_FIELD = (Wire.FIELD_ROOM + "\\\":\\\"#r").getBytes(StandardCharsets.US_ASCII);

  private final BenchOptions options;
  private final SequenceTracker sequences;
  private final LatencyRecorder latency = new LatencyRecorder();
  /** Where {@link #number} reads next. */
  private int cursor;
  private long delivered;
  /** Messages a client got from a sender of another room, or tagged with another room. */
  private long crossed;
  private long lastDeliveryNanos;

  Deliveries(BenchOptions options) {
    this.options = options;
    this.sequences = new SequenceTracker(options.clients(), Math.max(1, options.senders()));
  }

  /** A message frame that client {@code receiver} got, at {@code now}. */
  void message(int receiver, byte[] bytes, int offset, int length, long now) {
    int at = FrameBytes.indexOf(bytes, offset, length, MESSAGE_FIELD);
    if (at < 0) {
      return; // Not one of the bench's messages.
    }
    cursor = at + MESSAGE_FIELD.length;
    int end = offset + length;
    long sender = number(bytes, end);
    long sequence = number(bytes, end);
    long sentAt = number(bytes, end);
    if (sender < 0 || sequence < 0 || sentAt < 0 || sender >= options.senders()) {
      return;
    }
    if (options.inRooms() && !inReceiversRoom(receiver, (int) sender, bytes, offset, at - offset)) {
      crossed++;
      return;
    }
    sequences.record(receiver, (int) sender, (int) sequence);
    latency.record(now - sentAt);
    delivered++;
    lastDeliveryNanos = now;
  }

  /**
   * Whether a message belongs in its receiver's room: its sender is of that room, and the room it
   * names, before its text ({@code head} bytes from {@code offset}), is that room.
   */
  private boolean inReceiversRoom(int receiver, int sender, byte[] bytes, int offset, int head) {
    int room = options.roomOf(receiver);
    int at = FrameBytes.indexOf(bytes, offset, head, ROOM_FIELD);
    return options.roomOf(sender) == room
        && at >= 0
        && FrameBytes.number(bytes, at + ROOM_FIELD.length, offset + head) == room + 1;
  }

  /** Reads digits from the cursor up to a space, and moves past it; -1 when there are none. */
  private long number(byte[] bytes, int end) {
    long value = FrameBytes.number(bytes, cursor, end);
    while (cursor < end && bytes[cursor] >= '0' && bytes[cursor] <= '9') {
      cursor++;
    }
    cursor++;
    return value;
  }

  /** Deliveries of the bench's messages in their receivers' rooms, duplicates included. */
  long delivered() {
    return delivered;
  }

  long crossed() {
    return crossed;
  }

  long lastDeliveryNanos() {
    return lastDeliveryNanos;
  }

  SequenceTracker sequences() {
    return sequences;
  }

  LatencyRecorder latency() {
    return latency;
  }
}
