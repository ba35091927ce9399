package dev.termchat.server.cluster;

import redis.clients.jedis.StreamEntryID;

/**
 * What the room's stream holds, as this node has read it: each entry's id and about how many
 * bytes it takes in Redis, oldest first; and from which entry on the stream is kept, so that it
 * stays within its bounds in entries and in bytes. Every node reads the same entries and so
 * trims at about the same point, whichever appends.
 *
 * <p>Thread-safe, guarded by this: the reader adds what it reads, the writer asks where to trim.
 */
final class StreamBudget {
  private static final int FIRST_CAPACITY = 1024;

  private final long maxEntries;
  private final long maxBytes;
  /** A ring of the entries held, oldest at {@link #head}: ids' two parts, and sizes. */
  private long[] times = new long[FIRST_CAPACITY];
  private long[] sequences = new long[FIRST_CAPACITY];
  private int[] sizes = new int[FIRST_CAPACITY];
  private int head;
  private int count;
  private long bytes;

  StreamBudget(long maxEntries, long maxBytes) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  long maxBytes() {
    return maxBytes;
  }

  /** An entry read, newer than every one before. */
  synchronized void read(StreamEntryID id, int size) {
    if (count == times.length) {
      grow();
    }
    int slot = (head + count) % times.length;
    times[slot] = id.getTime();
    sequences[slot] = id.getSequence();
    sizes[slot] = size;
    count++;
    bytes += size;
  }

  private void grow() {
    long[] newTimes = new long[times.length * 2];
    long[] newSequences = new long[times.length * 2];
    int[] newSizes = new int[times.length * 2];
    for (int i = 0; i < count; i++) {
      int slot = (head + i) % times.length;
      newTimes[i] = times[slot];
      newSequences[i] = sequences[slot];
      newSizes[i] = sizes[slot];
    }
    times = newTimes;
    sequences = newSequences;
    sizes = newSizes;
    head = 0;
  }

  /** The stream is read again from its start: nothing read before counts. */
  synchronized void clear() {
    head = 0;
    count = 0;
    bytes = 0;
  }

  /**
   * Forgets the entries before this id, which the stream no longer holds (this node or another
   * trimmed them); {@code null} for a stream that holds nothing read so far.
   */
  synchronized void forgetBefore(StreamEntryID first) {
    while (count > 0 && (first == null || compareOldest(first) < 0)) {
      dropOldest();
    }
  }

  /**
   * The id from which on the stream is to be kept, the entries before it trimmed as the next
   * entry is appended; {@code null} while everything read fits.
   */
  synchronized StreamEntryID keepFrom() {
    return keepFrom(maxEntries, maxBytes);
  }

  /**
   * Where to trim so that about the newer half of the bytes held remain, to make room in a Redis
   * that is full; {@code null} when this node has read nothing it could trim.
   */
  synchronized StreamEntryID keepNewerHalf() {
    return count == 0 ? null : keepFrom(Math.max(1, count / 2), bytes / 2);
  }

  /** The oldest id kept within these bounds; past the newest when even it does not fit. */
  private StreamEntryID keepFrom(long entries, long size) {
    long remainingBytes = bytes;
    int dropped = 0;
    while (dropped < count && (count - dropped > entries || remainingBytes > size)) {
      remainingBytes -= sizes[(head + dropped) % times.length];
      dropped++;
    }
    if (dropped == 0) {
      return null;
    }
    if (dropped == count) {
      int newest = (head + count - 1) % times.length;
      return new StreamEntryID(times[newest], sequences[newest] + 1);
    }
    int slot = (head + dropped) % times.length;
    return new StreamEntryID(times[slot], sequences[slot]);
  }

  /** The stream was trimmed to this id: the entries before it are gone. */
  synchronized void trimmed(StreamEntryID keptFrom) {
    forgetBefore(keptFrom);
  }

  /** About how many bytes the entries held take in Redis. */
  synchronized long bytes() {
    return bytes;
  }

  /** Whether this node read an entry of this id that the stream still held at the last look. */
  synchronized boolean holds(StreamEntryID id) {
    for (int i = count - 1; i >= 0; i--) {
      int slot = (head + i) % times.length;
      if (times[slot] == id.getTime() && sequences[slot] == id.getSequence()) {
        return true;
      }
    }
    return false;
  }

  synchronized int entries() {
    return count;
  }

  private int compareOldest(StreamEntryID id) {
    int byTime = Long.compareUnsigned(times[head], id.getTime());
    return byTime != 0 ? byTime : Long.compareUnsigned(sequences[head], id.getSequence());
  }

  private void dropOldest() {
    bytes -= sizes[head];
    head = (head + 1) % times.length;
    count--;
  }
}
