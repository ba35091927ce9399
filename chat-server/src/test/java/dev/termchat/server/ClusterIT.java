package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A node of a cluster, as a real process, that dies without a word: its users leave every list. */
class ClusterIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.server.jar");
  /** The time to live of a node's key and a check's interval, and room to spare. */
  private static final Duration NOTICED_WITHIN = Duration.ofSeconds(30);
  private final FrameCodec codec = new FrameCodec();

  @Test
  void theUsersOfANodeThatDiesLeaveEveryOtherNodesList() throws Exception {
    try (RedisServer redis = RedisServer.start();
        ChatServer survivor = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build());
        RunningProcess doomed =
            RunningProcess.javaJar(JAR, List.of("--port", "0", "--redis", redis.uri().toString()), Map.of())) {
      URI doomedUri = URI.create(doomed.awaitStdout("^Listening on (ws://\\S+)$").group(1));
      WebSocketRecorder alice = WebSocketRecorder.base(survivor.uri()).open();
      WebSocketRecorder bob = WebSocketRecorder.base(doomedUri).open();
      try {
        assertEquals("alice", register(alice, "alice"));
        assertEquals("bob", register(bob, "bob"));
        assertEquals(List.of("alice", "bob"), usersUntil(alice, List.of("alice", "bob")).names());

        doomed.kill(); // SIGKILL: no leave, no goodbye, its key left to expire
        assertEquals(List.of("alice"), usersUntil(alice, List.of("alice")).names());
      } finally {
        alice.closeBlocking();
      }
    }
  }

  /** Users lists, until one that is exactly this; each waited for up to the time it may take. */
  private Users usersUntil(WebSocketRecorder client, List<String> names) throws Exception {
    while (true) {
      WebSocketRecorder.Event event = client.next(NOTICED_WITHIN);
      String text = assertInstanceOf(WebSocketRecorder.Text.class, event).text();
      ServerFrame frame = codec.decodeServerFrame(text);
      if (frame instanceof Users users && users.names().equals(names)) {
        return users;
      }
    }
  }
}
