package dev.termchat.server.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomEventCodec;
import dev.termchat.server.room.RoomLoad;
import dev.termchat.server.room.Who;
import dev.termchat.testing.RoomLogRecorder;
import dev.termchat.testing.RoomLogRecorder.RoomEntry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Made rooms' own streams ({@link RoomStreams}) through two {@link RedisRoomLog}s as two nodes of
 * a cluster, on whatever Redis a subclass gives: a room followed is loaded, its lines come back to
 * every node following it in the stream's order and with its ids, and a room not followed is not
 * read. Rooms are named afresh in each test, so tests may share one Redis.
 */
abstract class RoomStreamsContract {
  private static final Random RANDOM = new Random();
  private final List<RedisRoomLog> logs = new ArrayList<>();

  /** A node's log and what it hands its room. */
  record Node(RedisRoomLog log, RoomLogRecorder seen) {}

  abstract URI url();

  /** A plain connection to the Redis that holds the key. */
  abstract Jedis connectionFor(String key);

  @AfterEach
  void closeLogs() {
    logs.forEach(RedisRoomLog::close);
  }

  Node node(long roomHistory) {
    RedisRoomLog log = new RedisRoomLog(url(), "termchat:room", new RedisRoomLog.Limits(100_000, 64L << 20, 2000, 100, 10, roomHistory));
    logs.add(log);
    RoomLogRecorder seen = new RoomLogRecorder();
    log.start(seen);
    return new Node(log, seen);
  }

  Node node() {
    return node(1000);
  }

  /** A room's name no other test uses. */
  static String room(String name) {
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      suffix.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return "#" + name + suffix;
  }

  static RoomEvent.Line line(String room, String text) {
    return new RoomEvent.Line(new Who("test-node", 1), room, "alice", null, text, false, null, "0-0");
  }

  /** Follows a room and takes its load, which must be of a room never written to. */
  static void followEmpty(Node node, String room) throws InterruptedException {
    node.log().follow(room, 10);
    RoomLoad load = node.seen().nextLoadOf(room);
    assertEquals(new RoomLoad(room, true, List.of(), "0-0", "0-0"), load);
  }

  @Test
  void linesFromTwoNodesComeBackToBothInTheStreamsOrderWithItsIds() throws Exception {
    Node first = node();
    Node second = node();
    String room = room("both");
    followEmpty(first, room);
    followEmpty(second, room);
    for (int i = 0; i < 3; i++) {
      assertTrue(first.log().append(line(room, "first " + i)));
      assertTrue(second.log().append(line(room, "second " + i)));
    }
    List<String> atFirst = new ArrayList<>();
    List<String> atSecond = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      RoomEntry one = first.seen().nextEntry();
      RoomEntry other = second.seen().nextEntry();
      assertEquals(room, one.room());
      assertEquals(one.entry(), other.entry(), "the same entry at the same place on both nodes");
      atFirst.add(one.entry().id() + " " + one.line().text());
      atSecond.add(other.entry().id() + " " + other.line().text());
    }
    List<String> inStream = new ArrayList<>();
    try (Jedis redis = connectionFor(Partitions.streamKey(room))) {
      for (StreamEntry entry : redis.xrange(Partitions.streamKey(room), "-", "+")) {
        inStream.add(entry.getID() + " " + entry.getFields().get("text"));
      }
    }
    assertEquals(inStream, atFirst);
    assertEquals(inStream, atSecond);
  }

  @Test
  void aRoomFollowedLateIsLoadedWithItsLatestLinesThenTailedFromThere() throws Exception {
    Node writer = node();
    Node reader = node();
    String room = room("late");
    followEmpty(writer, room);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      writer.log().append(line(room, "line " + i));
      ids.add(writer.seen().nextEntry().entry().id());
    }
    reader.log().follow(room, 3);
    RoomLoad load = reader.seen().nextLoadOf(room);
    assertTrue(load.reached());
    assertEquals(List.of("line 2", "line 3", "line 4"), load.latest().stream().map(e -> ((RoomEvent.Line) e.event()).text()).toList());
    assertEquals(ids.subList(2, 5), load.latest().stream().map(e -> e.id()).toList());
    assertEquals(ids.get(4), load.last());
    assertEquals(ids.get(1), load.wholeAfter(), "the lines loaded are all there is after the one before them");
    writer.log().append(line(room, "after the load"));
    RoomEntry next = reader.seen().nextEntry();
    assertEquals("after the load", next.line().text());
    assertTrue(new StreamEntryID(next.entry().id()).compareTo(new StreamEntryID(ids.get(4))) > 0);
  }

  @Test
  void aRoomNotFollowedOrNoLongerFollowedIsNotRead() throws Exception {
    Node writer = node();
    Node reader = node();
    String followedRoom = room("kept");
    String sameShard = sameShardAs(followedRoom);
    String left = room("left");
    followEmpty(reader, followedRoom);
    followEmpty(reader, left);
    reader.log().unfollow(left);
    writer.log().append(line(sameShard, "not for the reader"));
    writer.log().append(line(left, "not for the reader either"));
    writer.log().append(line(followedRoom, "the reader's"));
    RoomEntry got = reader.seen().nextEntry();
    assertEquals(followedRoom, got.room());
    assertEquals("the reader's", got.line().text());
    // The unfollowed room's and the other room's lines were appended first, each to a stream of
    // the same or another partition read by the same threads: had they been read, they would be here.
    writer.log().append(line(followedRoom, "the reader's, after"));
    assertEquals("the reader's, after", reader.seen().nextEntry().line().text());
    assertEquals(0, reader.seen().untaken());
  }

  /** A room of the same partition as this one (so read by the same XREAD, were it followed). */
  static String sameShardAs(String room) {
    for (int i = 0; ; i++) {
      String other = room("same" + i);
      if (Partitions.of(other) == Partitions.of(room)) {
        return other;
      }
    }
  }

  @Test
  void aRoomFollowedAgainIsLoadedAgain() throws Exception {
    Node node = node();
    String room = room("again");
    followEmpty(node, room);
    node.log().append(line(room, "one"));
    String id = node.seen().nextEntry().entry().id();
    node.log().follow(room, 10);
    RoomLoad again = node.seen().nextLoadOf(room);
    assertEquals(List.of(id), again.latest().stream().map(e -> e.id()).toList());
    assertEquals(id, again.last());
    assertEquals("0-0", again.wholeAfter());
  }

  @Test
  void aStreamDeletedIsLoadedAfreshAndReadOnFromItsStart() throws Exception {
    Node node = node();
    String room = room("deleted");
    followEmpty(node, room);
    node.log().append(line(room, "before"));
    node.seen().nextEntry();
    try (Jedis redis = connectionFor(Partitions.streamKey(room))) {
      assertEquals(1, redis.del(Partitions.streamKey(room)));
    }
    assertEquals(new RoomLoad(room, true, List.of(), "0-0", "0-0"), node.seen().nextLoadOf(room));
    node.log().append(line(room, "after"));
    assertEquals("after", node.seen().nextEntry().line().text());
  }

  @Test
  void eachRoomsStreamIsCappedAndExpires() throws Exception {
    Node node = node(5);
    String room = room("capped");
    int lines = 300;
    for (int i = 0; i < lines; i++) {
      if (!node.log().append(line(room, "line " + i))) {
        i--; // The writer's queue is full for a moment: never here, with 10,000 places.
      }
    }
    String key = Partitions.streamKey(room);
    try (Jedis redis = connectionFor(key)) {
      await("every line appended").until(() -> redis.exists(key) && redis.xinfoStream(key).getStreamInfo().get("entries-added").equals((long) lines));
      long length = redis.xlen(key);
      assertTrue(length >= 5 && length < lines, "about 5 kept, trimmed in whole nodes of 100: " + length);
      long ttl = redis.pttl(key);
      assertTrue(ttl > RoomStreamWriter.TIME_TO_LIVE.toMillis() - 60_000 && ttl <= RoomStreamWriter.TIME_TO_LIVE.toMillis(), "ttl " + ttl);
    }
  }

  @Test
  void aLinePastItsBoundsComesBackLostNotAppended() throws Exception {
    Node node = node();
    String room = room("bounds");
    followEmpty(node, room);
    RoomEvent.Line tooLong = line(room, "x".repeat(4001));
    assertTrue(node.log().append(tooLong));
    assertSame(tooLong, node.seen().nextLost());
    node.log().append(line(room, "fine"));
    assertEquals("fine", node.seen().nextEntry().line().text());
  }

  @Test
  void anEntryThatIsNoLineIsSkipped() throws Exception {
    Node node = node();
    String room = room("garbled");
    followEmpty(node, room);
    String key = Partitions.streamKey(room);
    try (Jedis redis = connectionFor(key)) {
      redis.xadd(key, StreamEntryID.NEW_ENTRY, Map.of("type", "line", "text", "no room, no name"));
      redis.xadd(key, StreamEntryID.NEW_ENTRY, Map.of("type", "leave", "node", "n", "conn", "1", "why", "not a line"));
    }
    node.log().append(line(room, "a line"));
    assertEquals("a line", node.seen().nextEntry().line().text());
    assertEquals(0, node.seen().untaken());
  }

  @Test
  void aStreamBegunAnewAheadOfWhatWasReadIsLoadedAfreshAll() throws Exception {
    Node node = node();
    String room = room("anew");
    followEmpty(node, room);
    for (int i = 0; i < 3; i++) {
      node.log().append(line(room, "old " + i));
      node.seen().nextEntry();
    }
    // As a shard back empty whose stream another node wrote to before this one looked: a newest
    // id ahead of what was read, but fewer entries ever added than were read.
    String key = Partitions.streamKey(room);
    StreamEntryID ahead = new StreamEntryID(System.currentTimeMillis() + 3_600_000, 0);
    try (Jedis redis = connectionFor(key)) {
      Transaction anew = redis.multi();
      anew.del(key);
      anew.xadd(key, ahead, new RoomEventCodec().encode(line(room, "new")));
      anew.exec();
    }
    RoomLoad load = node.seen().nextLoadOf(room);
    assertTrue(load.reached());
    assertEquals(List.of("new"), load.latest().stream().map(e -> ((RoomEvent.Line) e.event()).text()).toList());
    assertEquals(ahead.toString(), load.last());
  }
}
