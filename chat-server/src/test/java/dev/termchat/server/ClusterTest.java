package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.WebSocketRecorder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two servers that share one Redis are one room, whichever node each client reaches. */
class ClusterTest {
  private RedisServer redis;
  private final List<ChatServer> nodes = new ArrayList<>();
  private final List<WebSocketRecorder> clients = new ArrayList<>();

  @BeforeEach
  void startRedis() throws Exception {
    redis = RedisServer.start();
  }

  @AfterEach
  void stopAll() throws Exception {
    for (WebSocketRecorder client : clients) {
      client.closeBlocking();
    }
    for (ChatServer node : nodes) {
      node.close();
    }
    redis.close();
  }

  private ChatServer node() throws Exception {
    ChatServer node = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build());
    nodes.add(node);
    return node;
  }

  private WebSocketRecorder client(ChatServer node) throws InterruptedException {
    WebSocketRecorder client = WebSocketRecorder.base(node.uri()).open();
    clients.add(client);
    return client;
  }

  private static Users usersNaming(WebSocketRecorder client, String name) throws InterruptedException {
    while (true) {
      ServerFrame frame = client.nextServerFrame();
      if (frame instanceof Users users && users.names().contains(name)) {
        return users;
      }
    }
  }


  @Test
  void clientsOnTwoNodesChatAsOneRoom() throws Exception {
    ChatServer first = node();
    ChatServer second = node();
    WebSocketRecorder alice = client(first);
    assertEquals("alice", register(alice, "alice"));
    WebSocketRecorder bob = client(second);
    bob.send(new Register("bob"));
    assertEquals("bob", bob.nextFrame(Register.class).name());
    assertEquals(List.of("alice", "bob"), usersNaming(bob, "bob").names());
    assertEquals(List.of("alice", "bob"), usersNaming(alice, "bob").names());

    alice.send(new SendMessage("hello from the first node"));
    ChatMessage atBob = bob.nextMessage();
    assertEquals("alice", atBob.from());
    assertEquals("hello from the first node", atBob.message());
    assertEquals("hello from the first node", alice.nextMessage().message());

    bob.send(new SendMessage("and back from the second"));
    assertEquals("and back from the second", alice.nextMessage().message());
    assertEquals("and back from the second", bob.nextMessage().message());
  }

  @Test
  void aNameClashAcrossNodesIsDecidedTheSameEverywhere() throws Exception {
    ChatServer first = node();
    ChatServer second = node();
    WebSocketRecorder one = client(first);
    WebSocketRecorder two = client(second);
    one.send(new Register("sam"));
    two.send(new Register("sam"));
    String oneName = one.nextFrame(Register.class).name();
    String twoName = two.nextFrame(Register.class).name();
    assertEquals(List.of("sam", "sam-2"), List.of(oneName, twoName).stream().sorted().toList());
    Users atOne = usersNaming(one, twoName);
    Users atTwo = usersNaming(two, oneName);
    assertEquals(atOne.names(), atTwo.names(), "the same list, in the same order, on both nodes");
  }

  @Test
  void whileRedisIsOutOfReachAMessageIsRefusedAsUnavailableNotLost() throws Exception {
    ChatServer node = node();
    WebSocketRecorder alice = WebSocketRecorder.extended(node.uri()).open();
    clients.add(alice);
    alice.nextFrame(Welcome.class);
    alice.send(new Register("alice"));
    assertEquals("alice", alice.nextFrameAfterPresence(Register.class).name());
    redis.close();
    alice.send(new SendMessage("into the void?"));
    assertEquals(ErrorCode.UNAVAILABLE.wireName(), alice.nextFrameAfterPresence(ErrorReply.class).code());
  }
}
