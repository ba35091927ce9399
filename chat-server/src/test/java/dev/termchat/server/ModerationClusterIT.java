package dev.termchat.server;

import static dev.termchat.testing.Moderators.act;
import static dev.termchat.testing.Moderators.error;
import static dev.termchat.testing.Moderators.join;
import static dev.termchat.testing.Moderators.next;
import static dev.termchat.testing.Moderators.notice;
import static dev.termchat.testing.Moderators.registerRooms;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.History;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Part;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.Moderators;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.WebSocketRecorder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Moderation across two nodes on one real Redis: an act on one node holds on the other at once,
 * as every node applies the acts in the node-wide log's one order, and a restarted node keeps
 * the bans.
 */
class ModerationClusterIT {
  private final List<ChatServer> nodes = new ArrayList<>();
  private final List<WebSocketRecorder> clients = new ArrayList<>();
  private RedisServer redis;

  @BeforeEach
  void startRedis() throws Exception {
    redis = RedisServer.start();
  }

  @AfterEach
  void stopAll() throws Exception {
    for (WebSocketRecorder client : clients) {
      client.closeBlocking();
    }
    ClusterNodes.closeAll(nodes);
    redis.close();
  }

  private ChatServer node() throws Exception {
    ChatServer node = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).historySize(100).operators(List.of("root")).build());
    nodes.add(node);
    return node;
  }

  private WebSocketRecorder roomsClient(ChatServer node, String name, String rooms) throws InterruptedException {
    WebSocketRecorder client = WebSocketRecorder.extended(node.uri()).open();
    clients.add(client);
    return registerRooms(client, name, rooms);
  }

  private WebSocketRecorder baseFrom(ChatServer node, String address) throws InterruptedException {
    WebSocketRecorder client = Moderators.baseFrom(node.uri(), address);
    clients.add(client);
    return client;
  }

  @Test
  void aBanMadeOnOneNodeKeepsTheUserOutOfTheOtherOnAnyAddressInItsRangeAndAfterARestart() throws Exception {
    ChatServer first = node();
    ChatServer second = node();
    WebSocketRecorder root = roomsClient(first, "root", "#general");
    WebSocketRecorder mallory = baseFrom(second, "127.0.0.2");
    ChatFixture.register(mallory, "mallory");

    root.send(new Moderate(ModerationAct.BAN, "#general", "127.0.0.0/30", 0, "spam", true));
    notice(root, ModerationAct.BAN);
    assertEquals(Wire.CLOSE_BANNED, mallory.nextCloseSkippingFrames().code());

    WebSocketRecorder again = baseFrom(second, "127.0.0.3");
    again.send(new Register("not-mallory"));
    assertEquals(Wire.CLOSE_BANNED, again.nextCloseSkippingFrames().code());

    ChatServer third = node(); // a node started after the ban learns it from Redis
    WebSocketRecorder onThird = baseFrom(third, "127.0.0.2");
    onThird.send(new Register("mallory"));
    assertEquals(Wire.CLOSE_BANNED, onThird.nextCloseSkippingFrames().code());
  }

  @Test
  void aBanOutlivesTheNodeWideStreamThatCarriedIt() throws Exception {
    ChatServer first = node();
    WebSocketRecorder root = roomsClient(first, "root", "#general");
    root.send(new Moderate(ModerationAct.BAN, "#general", "mallory", 0, "", true));
    notice(root, ModerationAct.BAN);
    root.closeBlocking();
    ClusterNodes.closeAll(nodes);
    nodes.clear();
    try (Jedis connection = new Jedis(redis.uri())) {
      assertEquals(1, connection.del("termchat:room"), "the stream, as trimming would leave it");
    }

    ChatServer later = node();
    WebSocketRecorder mallory = WebSocketRecorder.base(later.uri()).open();
    clients.add(mallory);
    mallory.send(new Register("mallory"));
    assertEquals(Wire.CLOSE_BANNED, mallory.nextCloseSkippingFrames().code());
  }

  @Test
  void aDeletedLineLeavesEveryNodeAndTheRoomsStreamSoANodeLoadingItLaterDoesNotBringItBack() throws Exception {
    ChatServer first = node();
    ChatServer second = node();
    WebSocketRecorder ann = roomsClient(first, "ann", "#general");
    join(ann, "#dev");
    WebSocketRecorder bob = roomsClient(second, "bob", "#general");
    join(bob, "#dev");
    bob.send(new SendMessage("a secret", "b1", "#dev"));
    String secret = next(ann, ChatMessage.class).id();
    bob.send(new SendMessage("kept", "b2", "#dev"));
    assertEquals("kept", next(ann, ChatMessage.class).message());

    bob.send(act(ModerationAct.DELETE, "#dev", secret));
    assertEquals(secret, notice(ann, ModerationAct.DELETE).target());
    notice(bob, ModerationAct.DELETE);

    ChatServer third = node(); // follows #dev only when someone there enters it: loads its stream then
    WebSocketRecorder carol = roomsClient(third, "carol", "#general");
    join(carol, "#dev"); // its history follows the reply
    List<String> seen = new ArrayList<>();
    bob.send(new SendMessage("after", "b3", "#dev"));
    while (true) {
      ServerFrame frame = carol.nextServerFrame();
      ServerFrame inner = frame instanceof InRoom inRoom ? inRoom.frame() : frame;
      if (inner instanceof History history) {
        seen.add(history.entry().message());
      } else if (inner instanceof ChatMessage message && message.message().equals("after")) {
        break;
      }
    }
    assertEquals(List.of("kept"), seen);
  }

  @Test
  void aDeopOnOneNodeTakesTheRightAwayOnTheOther() throws Exception {
    ChatServer first = node();
    ChatServer second = node();
    WebSocketRecorder ann = roomsClient(first, "ann", "#general");
    join(ann, "#dev");
    WebSocketRecorder bob = roomsClient(second, "bob", "#general");
    join(bob, "#dev");
    WebSocketRecorder carol = roomsClient(first, "carol", "#general");
    join(carol, "#dev");

    ann.send(act(ModerationAct.OP, "#dev", "bob"));
    notice(ann, ModerationAct.OP);
    notice(bob, ModerationAct.OP);
    bob.send(act(ModerationAct.KICK, "#dev", "carol"));
    notice(carol, ModerationAct.OP);
    notice(carol, ModerationAct.KICK);
    assertEquals("#dev", next(carol, Part.class).room());
    join(carol, "#dev");

    ann.send(act(ModerationAct.DEOP, "#dev", "bob"));
    notice(bob, ModerationAct.KICK);
    notice(bob, ModerationAct.DEOP);
    bob.send(act(ModerationAct.KICK, "#dev", "carol"));
    error(bob, "not-permitted");
  }
}
