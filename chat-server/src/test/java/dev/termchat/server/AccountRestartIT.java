package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.History;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server JAR with a store, stopped and started again on the same directory, while clients
 * that registered their names as accounts in their sessions were on line: they resume under
 * their own names, still logged in, and what they said is still theirs.
 */
class AccountRestartIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.server.jar");
  private static final String PASSWORD = "correct horse";

  @TempDir Path data;

  private RunningProcess start() throws Exception {
    return RunningProcess.javaJar(JAR, List.of("--port", "0", "--data", data.toString()), Map.of());
  }

  private static URI uri(RunningProcess server) throws InterruptedException {
    return URI.create(server.awaitStdout("^Listening on (ws://\\S+)$").group(1));
  }

  /** An extended client registered under the name, given these options, and the token it got. */
  private record Client(WebSocketRecorder socket, String name, String token) {}

  private static Client join(URI uri, String name, List<String> options) throws InterruptedException {
    WebSocketRecorder socket = WebSocketRecorder.extended(uri).open();
    socket.nextFrame(Welcome.class);
    socket.send(new Register(name, options));
    Register reply = socket.nextFrameAfterPresence(Register.class);
    return new Client(socket, reply.name(), Options.value(reply.options(), Wire.OPTION_TOKEN).orElseThrow());
  }

  /** Joins as a guest of that name, then makes the name an account. */
  private static Client registered(URI uri, String name) throws InterruptedException {
    Client client = join(uri, name, List.of());
    assertEquals(name, client.name());
    client.socket().send(AccountRequest.register(PASSWORD));
    AccountReply answer = client.socket().nextFrameAfterPresence(AccountReply.class);
    assertEquals(new AccountReply(AccountRequest.REGISTER, name), AccountsTest.withoutToken(answer));
    // The register of the account renews the session's token; the one from before resumes nothing.
    return new Client(client.socket(), client.name(), answer.token());
  }

  /** The next answer to an account request, after the history a join brings. */
  private static AccountReply nextAnswer(Client client) throws InterruptedException {
    while (true) {
      ServerFrame frame = client.socket().nextFrameAfterPresence(ServerFrame.class);
      if (!(frame instanceof History)) {
        return assertInstanceOf(AccountReply.class, frame);
      }
    }
  }

  @Test
  void aSessionThatRegisteredItsAccountResumesUnderItsNameLoggedInAndItsLinesStayItsOwn() throws Exception {
    Client alice;
    Client bob;
    try (RunningProcess server = start()) {
      URI uri = uri(server);
      alice = registered(uri, "alice");
      bob = registered(uri, "bob");
      bob.socket().send(new SendMessage("said before the restart"));
      assertEquals("bob", alice.socket().nextMessage().from());
      server.terminate();
      assertEquals(0, server.awaitExit());
    }
    try (RunningProcess server = start()) {
      URI uri = uri(server);
      Client back = join(uri, "alice", List.of(Options.of(Wire.OPTION_TOKEN, alice.token())));
      assertEquals("alice", back.name(), "nobody else has alice: her session gets it back");
      back.socket().send(AccountRequest.changePassword(PASSWORD, "battery staple"));
      assertEquals(new AccountReply(AccountRequest.PASSWORD, "alice"), nextAnswer(back), "the resumed session is still logged in to alice");

      Client carol = join(uri, "carol", List.of(Options.of(Wire.OPTION_HISTORY, "10")));
      ChatMessage kept = carol.socket().nextFrameAfterPresence(History.class).entry();
      assertEquals("said before the restart", kept.message());
      assertEquals("bob", kept.from(), "a line keeps its sender's name across the restart");
      server.terminate();
      assertEquals(0, server.awaitExit());
    }
  }
}
