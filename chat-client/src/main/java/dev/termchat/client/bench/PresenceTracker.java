package dev.termchat.client.bench;

import dev.termchat.protocol.Wire;
import java.util.BitSet;

/**
 * What the clients hear about who is there: the bytes of every users, joined, left and renamed
 * frame they receive (the cost of presence, which for base clients is a whole list at each
 * change), and whether each client has come to know every client of its room, after which the
 * senders may start. Not thread-safe: the bench's one event loop reports every frame.
 */
final class PresenceTracker {
  private static final byte[] USERS = FrameBytes.typePrefix(Wire.TYPE_USERS);
  private static final byte[] JOINED = FrameBytes.typePrefix(Wire.TYPE_JOINED);
  private static final byte[] LEFT = FrameBytes.typePrefix(Wire.TYPE_LEFT);
  private static final byte[] RENAMED = FrameBytes.typePrefix(Wire.TYPE_RENAMED);

  /** A name in a users list takes at least this much: "b0", with its quotes and comma. */
  private static final int MIN_BYTES_PER_NAME = 5;

  private final BenchOptions options;
  private final byte namePrefix;
  /**
   * Rooms clients only: which of its room's clients each client has been told of, by the room's
   * list as it entered and by joined frames after, each client i as bit i / rooms. Base clients
   * are sent whole lists, so one list naming everyone is enough and nothing is kept.
   */
  private final BitSet[] known;
  /** How many bits of each client's {@link #known} are set. */
  private final int[] knownCount;
  private final boolean[] converged;
  private int convergedCount;
  private long presenceBytes;
  private long frames;
  /** The connection whose arrival is being followed ({@link #follow}), or -1. */
  private int newcomer = -1;
  /** Which connections have been told of the {@link #newcomer}. */
  private final BitSet toldOfNewcomer = new BitSet();

  PresenceTracker(BenchOptions options, char namePrefix) {
    this.options = options;
    this.namePrefix = (byte) namePrefix;
    this.known = new BitSet[options.inRooms() ? options.clients() : 0];
    this.knownCount = new int[known.length];
    this.converged = new boolean[options.clients()];
  }

  /**
   * A text frame that client {@code receiver} got: whether it was about presence (and so was
   * counted here).
   */
  boolean frame(int receiver, byte[] bytes, int offset, int length) {
    boolean users = FrameBytes.startsWith(bytes, offset, length, USERS);
    boolean joined = !users && FrameBytes.startsWith(bytes, offset, length, JOINED);
    if (!users && !joined
        && !FrameBytes.startsWith(bytes, offset, length, LEFT)
        && !FrameBytes.startsWith(bytes, offset, length, RENAMED)) {
      return false;
    }
    presenceBytes += length;
    frames++;
    if (newcomer >= 0 && (users || joined) && !toldOfNewcomer.get(receiver)) {
      FrameBytes.forEachNumberedName(bytes, offset, length, namePrefix, client -> {
        if (client == newcomer) {
          toldOfNewcomer.set(receiver);
        }
      });
    }
    if (receiver >= options.clients() || converged[receiver]) {
      return true;
    }
    if (options.inRooms()) {
      if (users || joined) {
        learnNames(receiver, bytes, offset, length);
      }
    } else if (users
        && length >= MIN_BYTES_PER_NAME * options.clients()
        && FrameBytes.countNames(bytes, offset, length, namePrefix) >= options.clients()) {
      converge(receiver);
    }
    return true;
  }

  private void learnNames(int receiver, byte[] bytes, int offset, int length) {
    int room = options.roomOf(receiver);
    FrameBytes.forEachNumberedName(bytes, offset, length, namePrefix, client -> {
      if (client >= options.clients() || options.roomOf(client) != room) {
        return; // Not one of this run's clients of this room: not for the bench to count.
      }
      BitSet seen = known[receiver];
      if (seen == null) {
        seen = new BitSet(options.roomSize(room));
        known[receiver] = seen;
      }
      int bit = client / options.rooms();
      if (!seen.get(bit)) {
        seen.set(bit);
        knownCount[receiver]++;
      }
    });
    if (knownCount[receiver] >= options.roomSize(room)) {
      known[receiver] = null;
      converge(receiver);
    }
  }

  private void converge(int receiver) {
    converged[receiver] = true;
    convergedCount++;
  }

  /** From now on, notes which connections are told of connection {@code newcomer}. */
  void follow(int newcomer) {
    this.newcomer = newcomer;
    toldOfNewcomer.clear();
  }

  /** Connections told of the one {@link #follow followed}, itself included. */
  int toldOfNewcomer() {
    return toldOfNewcomer.cardinality();
  }

  /** Clients that know every client of their room. */
  int converged() {
    return convergedCount;
  }

  /** Bytes of presence frames received by all clients, their JSON text without WebSocket framing. */
  long bytes() {
    return presenceBytes;
  }

  long frames() {
    return frames;
  }
}
