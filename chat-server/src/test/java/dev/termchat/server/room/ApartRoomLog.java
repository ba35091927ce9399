package dev.termchat.server.room;

import dev.termchat.protocol.RoomNames;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A log that keeps made rooms' lines apart, as a cluster's Redis does, shared by several nodes'
 * rooms in memory: one node-wide log, and a log of each room's own with ids of its own, read by a
 * node only while it follows the room. A node's node-wide entries can be held back, as a node
 * that reads its stream late has them, and let go by the test. No Redis, no sockets.
 */
final class ApartRoomLog {
  private final Clock clock;
  /** Each node's end, by node; guarded by this, as is everything below. */
  private final Map<String, End> ends = new LinkedHashMap<>();
  private long last;
  private final Map<String, List<LogEntry>> lines = new HashMap<>();
  private final Map<String, Long> lastLine = new HashMap<>();
  /** What every node asked of the room logs, in order: {@code follow #dev} and {@code unfollow #dev}. */
  final BlockingQueue<String> asked = new LinkedBlockingQueue<>();
  private boolean holdingLoads;
  private final List<Runnable> heldLoads = new ArrayList<>();
  private boolean reachable = true;

  ApartRoomLog(Clock clock) {
    this.clock = clock;
  }

  /** A node's end of the log. */
  synchronized RoomLog forNode(String node) {
    End end = new End(node);
    ends.put(node, end);
    return end;
  }

  /** From now on the node's node-wide entries wait until {@link #release}. */
  synchronized void hold(String node) {
    ends.get(node).holding = true;
  }

  /** Hands the node what waited, and all entries as they come from now on. */
  synchronized void release(String node) {
    End end = ends.get(node);
    end.holding = false;
    end.held.forEach(end.room::entry);
    end.held.clear();
  }

  /** From now on rooms' loads wait until {@link #releaseLoads}. */
  synchronized void holdLoads() {
    holdingLoads = true;
  }

  /** Hands every node the loads that waited, and loads as they are asked from now on. */
  synchronized void releaseLoads() {
    holdingLoads = false;
    List<Runnable> due = new ArrayList<>(heldLoads);
    heldLoads.clear();
    due.forEach(Runnable::run);
  }

  /** Whether rooms' logs can be read: while not, a load comes back as unreachable. */
  synchronized void reachable(boolean reachable) {
    this.reachable = reachable;
  }

  /**
   * The room's log is lost and begins anew (its shard came back empty): every node that follows
   * it is handed what it holds now, nothing.
   */
  synchronized void wipe(String room) {
    String key = RoomNames.keyOf(room);
    lines.remove(key);
    for (End end : ends.values()) {
      if (end.following.contains(key)) {
        end.room.roomLoaded(new RoomLoad(room, true, List.of(), "0-0", "0-0"));
      }
    }
  }

  private synchronized boolean append(RoomEvent event) {
    if (event instanceof RoomEvent.Line line) {
      if (!reachable) {
        return false;
      }
      String key = RoomNames.keyOf(line.room());
      long n = lastLine.merge(key, 1L, Long::sum);
      LogEntry entry = new LogEntry("9" + clock.millis() + "-" + n, clock.millis(), event);
      lines.computeIfAbsent(key, any -> new ArrayList<>()).add(entry);
      for (End end : ends.values()) {
        if (end.following.contains(key)) {
          end.room.roomEntry(line.room(), entry);
        }
      }
      return true;
    }
    LogEntry entry = new LogEntry(clock.millis() + "-" + ++last, clock.millis(), event);
    for (End end : ends.values()) {
      if (end.holding) {
        end.held.add(entry);
      } else {
        end.room.entry(entry);
      }
    }
    return true;
  }

  private synchronized void follow(End end, String room, int count) {
    asked.add(end.node + " follow " + room);
    String key = RoomNames.keyOf(room);
    end.following.add(key);
    if (holdingLoads) {
      heldLoads.add(() -> load(end, room, count));
    } else {
      load(end, room, count);
    }
  }

  private synchronized void load(End end, String room, int count) {
    if (!reachable) {
      end.following.remove(RoomNames.keyOf(room));
      end.room.roomLoaded(RoomLoad.unreachable(room));
      return;
    }
    List<LogEntry> all = lines.getOrDefault(RoomNames.keyOf(room), List.of());
    List<LogEntry> latest = List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
    String newest = all.isEmpty() ? "0-0" : all.get(all.size() - 1).id();
    end.room.roomLoaded(new RoomLoad(room, true, latest, newest, "0-0"));
  }

  private synchronized void unfollow(End end, String room) {
    asked.add(end.node + " unfollow " + room);
    end.following.remove(RoomNames.keyOf(room));
  }

  private final class End implements RoomLog {
    final String node;
    RoomLog.Listener room;
    boolean holding;
    final List<LogEntry> held = new ArrayList<>();
    final Set<String> following = new HashSet<>();

    End(String node) {
      this.node = node;
    }

    @Override
    public void start(Listener listener) {
      synchronized (ApartRoomLog.this) {
        room = listener;
      }
    }

    @Override
    public boolean append(RoomEvent event) {
      return ApartRoomLog.this.append(event);
    }

    @Override
    public boolean roomsApart() {
      return true;
    }

    @Override
    public void follow(String room, int count) {
      ApartRoomLog.this.follow(this, room, count);
    }

    @Override
    public void unfollow(String room) {
      ApartRoomLog.this.unfollow(this, room);
    }

    @Override
    public void close() {
      // Nothing held.
    }
  }
}
