package dev.termchat.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node that starts after a name was registered as an account in its owner's session, with a
 * real Redis: replaying the room's log, it gives the owner's join the name every other node gave
 * it, as the name was not yet an account's then.
 */
class ClusterAccountReplayTest {
  private RedisServer redis;
  private final List<ChatServer> nodes = new ArrayList<>();
  private WebSocketRecorder alice;

  @BeforeEach
  void startRedis() throws Exception {
    redis = RedisServer.start();
  }

  @AfterEach
  void stopAll() throws Exception {
    if (alice != null) {
      alice.closeBlocking();
    }
    ClusterNodes.closeAll(nodes);
    redis.close();
  }

  private ChatServer node() throws Exception {
    ChatServer node = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build());
    nodes.add(node);
    return node;
  }

  @Test
  void aNodeStartedLaterNamesTheOwnerOfANameRegisteredInItsSessionAsTheOthersDo() throws Exception {
    ChatServer first = node();
    alice = WebSocketRecorder.extended(first.uri()).open();
    alice.nextFrame(Welcome.class);
    alice.send(new Register("alice"));
    assertEquals("alice", alice.nextFrame(Register.class).name());
    alice.send(AccountRequest.register("correct horse battery"));
    assertEquals(new AccountReply(AccountRequest.REGISTER, "alice"), AccountsTest.withoutToken(alice.nextFrameAfterPresence(AccountReply.class)));

    ChatServer late = node();
    await().atMost(Duration.ofSeconds(10)).until(() -> !late.users().isEmpty());
    assertEquals(List.of("alice"), late.users(), "as the first node has it: " + first.users());
  }
}
