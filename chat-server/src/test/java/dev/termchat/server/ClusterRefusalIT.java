package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.SendPrivate;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.Metrics;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A refusal of a client's frame in a cluster of two nodes, as real processes sharing a real
 * Redis (too long, not JSON, an empty message, a private message to no one online): decided,
 * told, counted and logged on the client's own node, and never in the stream,
 * so the other node neither counts nor logs it.
 */
class ClusterRefusalIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.server.jar");

  private static RunningProcess node(RedisServer redis) throws Exception {
    return RunningProcess.javaJar(JAR, List.of("--port", "0", "--redis", redis.uri().toString()), Map.of());
  }

  private static URI listening(RunningProcess node) throws InterruptedException {
    return URI.create(node.awaitStdout("^Listening on (ws://\\S+)$").group(1));
  }

  @Test
  void aRefusedFrameIsToldCountedAndLoggedOnItsOwnNodeAloneAndNeverEntersTheStream() throws Exception {
    try (RedisServer redis = RedisServer.start();
        RunningProcess own = node(redis);
        RunningProcess other = node(redis);
        Jedis jedis = new Jedis(redis.uri())) {
      URI ownUri = listening(own);
      WebSocketRecorder alice = WebSocketRecorder.extended(ownUri).open();
      URI otherUri = listening(other);
      WebSocketRecorder bob = WebSocketRecorder.base(otherUri).open();
      alice.nextFrame(Welcome.class);
      alice.send(new Register("alice"));
      assertEquals("alice", alice.nextFrameAfterPresence(Register.class).name());
      assertEquals("bob", register(bob, "bob"));
      StreamEntryID before = lastId(jedis);

      alice.send(new SendMessage("before", "c1"));
      alice.send(new SendMessage("x".repeat(ServerConfig.DEFAULT_MAX_MESSAGE_CHARS + 1), "c2"));
      alice.send("{\"messageType\":"); // not JSON
      alice.send(new SendMessage("", "c4"));
      alice.send(new SendPrivate("nobody", "psst", "c5"));
      alice.send(new SendMessage("after", "c3"));

      assertEquals("c1", alice.nextFrameAfterPresence(ChatMessage.class).clientId(), "the echo of the line before first");
      ErrorReply tooLong = alice.nextFrameAfterPresence(ErrorReply.class);
      assertEquals(ErrorCode.MESSAGE_TOO_LONG.wireName(), tooLong.code());
      assertEquals("c2", tooLong.clientId());
      String notJson = alice.nextFrameAfterPresence(ErrorReply.class).code();
      ErrorReply empty = alice.nextFrameAfterPresence(ErrorReply.class);
      assertEquals(List.of(ErrorCode.EMPTY_MESSAGE.wireName(), "c4"), List.of(empty.code(), empty.clientId()));
      ErrorReply toNobody = alice.nextFrameAfterPresence(ErrorReply.class);
      assertEquals(List.of(ErrorCode.UNKNOWN_USER.wireName(), "c5"), List.of(toNobody.code(), toNobody.clientId()));
      assertEquals("c3", alice.nextFrameAfterPresence(ChatMessage.class).clientId());
      assertEquals("before", bob.nextMessage().message());
      assertEquals("after", bob.nextMessage().message());

      List<StreamEntry> since = jedis.xrange(Keepers.REDIS_STREAM, before, null);
      List<String> types = since.stream().skip(1).map(entry -> entry.getFields().get("type")).toList();
      assertEquals(List.of("say", "say"), types, "only the two lines said went to the stream");

      Map<String, Double> ownCounts = Metrics.scrape(ownUri);
      Map<String, Double> otherCounts = Metrics.scrape(otherUri);
      assertEquals(1.0, ownCounts.get(refusals(ErrorCode.MESSAGE_TOO_LONG.wireName())));
      assertEquals(1.0, ownCounts.get(refusals(notJson)));
      assertEquals(null, otherCounts.get(refusals(ErrorCode.MESSAGE_TOO_LONG.wireName())), "the other node counts none");
      assertEquals(null, otherCounts.get(refusals(notJson)), "the other node counts none");
      for (ErrorCode code : List.of(ErrorCode.EMPTY_MESSAGE, ErrorCode.UNKNOWN_USER)) {
        assertEquals(1.0, ownCounts.get(refusals(code.wireName())), code.wireName());
        assertEquals(null, otherCounts.get(refusals(code.wireName())), "the other node counts none: " + code.wireName());
      }

      own.awaitStderr("Dropped a frame from alice .*: a message is at most");
      own.awaitStderr("Dropped a frame from alice ");
      alice.closeBlocking();
      other.awaitStderr("alice left"); // The other node's log past everything alice did.
      List<String> otherLog = other.allStderr();
      assertFalse(otherLog.stream().anyMatch(line -> line.contains("Dropped a frame")), String.join("\n", otherLog));
      assertTrue(otherLog.stream().anyMatch(line -> line.contains("alice joined")), "the other node logs what alice's node logs: " + otherLog);
      bob.closeBlocking();
    }
  }

  private static String refusals(String cause) {
    return "termchat_refusals_total{cause=\"" + cause + "\"}";
  }

  private static StreamEntryID lastId(Jedis jedis) {
    List<StreamEntry> last = jedis.xrevrange(Keepers.REDIS_STREAM, (StreamEntryID) null, null, 1);
    return last.get(0).getID();
  }
}
