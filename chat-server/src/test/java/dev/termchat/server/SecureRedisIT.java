package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.TestCertificates;
import dev.termchat.testing.WebSocketRecorder;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes, as real processes, that reach a Redis which speaks TLS only and wants a password: they
 * share a room, and no password, right or wrong, ever shows in what they print.
 */
class SecureRedisIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.server.jar");
  private static final String PASSWORD = "s3cret-Pa55word";

  @TempDir Path directory;
  private TestCertificates certificates;
  private Path trustStore;

  @BeforeEach
  void makeCertificates() throws Exception {
    certificates = TestCertificates.create(directory, "redis", "ip:127.0.0.1");
    trustStore = certificates.writeTrustStore(directory.resolve("trust.p12"));
  }

  /** A node whose Java trusts the test's certificate, as README tells an operator to do. */
  private RunningProcess node(List<String> args, Map<String, String> env, boolean trusting) throws Exception {
    List<String> jvm = new ArrayList<>();
    if (trusting) {
      jvm.addAll(
          List.of(
              "-Djavax.net.ssl.trustStore=" + trustStore,
              "-Djavax.net.ssl.trustStorePassword=" + TestCertificates.PASSWORD,
              "-Djavax.net.ssl.trustStoreType=PKCS12"));
    }
    List<String> all = new ArrayList<>(List.of("--port", "0"));
    all.addAll(args);
    return RunningProcess.java(jvm, JAR, all, env);
  }

  private static URI listening(RunningProcess node) throws InterruptedException {
    return URI.create(node.awaitStdout("^Listening on (ws://\\S+)$").group(1));
  }

  private static void assertNothingShows(String secret, RunningProcess node) throws InterruptedException {
    List<String> output = new ArrayList<>(node.allStdout());
    output.addAll(node.allStderr());
    assertTrue(output.stream().noneMatch(line -> line.contains(secret)), "the password shows in " + output);
  }

  @Test
  void twoNodesShareOneRoomThroughRedisOverTlsWithAPassword() throws Exception {
    try (RedisServer redis =
            RedisServer.startSecured(certificates, certificates.writePrivateKeyPem(directory.resolve("key.pem")), PASSWORD);
        RunningProcess one = node(List.of("--redis", redis.uri().toString()), Map.of(), true);
        // The other takes it from the environment, which keeps it off the command line.
        RunningProcess two = node(List.of(), Map.of("TERMCHAT_REDIS", redis.uri().toString()), true)) {
      WebSocketRecorder alice = WebSocketRecorder.base(listening(one)).open();
      WebSocketRecorder bob = WebSocketRecorder.base(listening(two)).open();
      assertEquals("alice", register(alice, "alice"));
      assertEquals("bob", register(bob, "bob"));
      alice.nextUsersExactly(List.of("alice", "bob"));
      alice.send(new SendMessage("over TLS"));
      assertEquals("over TLS", bob.nextMessage().message());
      alice.closeBlocking();
      bob.closeBlocking();
      one.terminate();
      two.terminate();
      assertEquals(0, one.awaitExit());
      assertEquals(0, two.awaitExit());
      assertNothingShows(PASSWORD, one);
      assertNothingShows(PASSWORD, two);
    }
  }

  @Test
  void aWrongOrMissingPasswordOrAnUntrustedCertificateIsOneLineAndExitCode1() throws Exception {
    try (RedisServer redis =
        RedisServer.startSecured(certificates, certificates.writePrivateKeyPem(directory.resolve("key.pem")), PASSWORD)) {
      String at = "error: cannot use Redis at rediss://127.0.0.1:" + redis.port() + ": ";
      String wrong = "rediss://:not-" + PASSWORD + "@127.0.0.1:" + redis.port();
      expectRefusal(node(List.of("--redis", wrong), Map.of(), true), at + "it refused the user or password", "not-" + PASSWORD);
      String none = "rediss://127.0.0.1:" + redis.port();
      expectRefusal(node(List.of("--redis", none), Map.of(), true), at + "it needs a password", PASSWORD);
      expectRefusal(node(List.of("--redis", redis.uri().toString()), Map.of(), false), at + "TLS failed", PASSWORD);
    }
  }

  private static void expectRefusal(RunningProcess node, String firstWords, String secret) throws Exception {
    try (node) {
      assertEquals(1, node.awaitExit());
      List<String> errors = node.allStderr();
      assertTrue(errors.stream().anyMatch(line -> line.startsWith(firstWords)), firstWords + " in " + errors);
      assertTrue(errors.stream().noneMatch(line -> line.contains("\tat ")), "no stack trace: " + errors);
      assertNothingShows(secret, node);
    }
  }
}
