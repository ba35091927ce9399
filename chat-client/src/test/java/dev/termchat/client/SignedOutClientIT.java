package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client as a real process, logged in to its account with the password from the environment,
 * when the account's password is changed on another connection: the server closes it with 4003.
 * It says so and stops with exit status 4, where it resumed a token that resumes nothing and then
 * logged in again with a password that no longer matches.
 */
class SignedOutClientIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.client.jar");
  private static final String PASSWORD = "correct horse battery";

  @RegisterExtension final ChatFixture chat = new ChatFixture();

  @Test
  void aClientSignedOutByANewPasswordSaysSoAndStopsWithExitStatus4() throws Exception {
    WebSocketRecorder setup = chat.connectExtended();
    setup.nextFrame(Welcome.class);
    ChatFixture.register(setup, "alice");
    setup.send(AccountRequest.register(PASSWORD));
    AccountReply registered = setup.nextFrameAfterPresence(AccountReply.class);
    assertEquals(List.of(AccountRequest.REGISTER, "alice"), List.of(registered.op(), registered.name()), "registered (its new token aside)");
    setup.closeBlocking();

    try (RunningProcess alice =
        RunningProcess.javaJar(JAR, List.of("alice", "--server", chat.uri().toString()), Map.of("TERMCHAT_PASSWORD", PASSWORD))) {
      alice.awaitStdout("-!- logged in as alice$");

      WebSocketRecorder elsewhere = chat.connectExtended();
      elsewhere.nextFrame(Welcome.class);
      elsewhere.send(AccountRequest.login("alice", PASSWORD));
      elsewhere.nextFrame(AccountReply.class);
      ChatFixture.register(elsewhere, "alice");
      elsewhere.send(AccountRequest.changePassword(PASSWORD, "a brand new password"));
      AccountReply changed = elsewhere.nextFrameAfterPresence(AccountReply.class);
      assertEquals(List.of(AccountRequest.PASSWORD, "alice"), List.of(changed.op(), changed.name()));

      alice.awaitStderr("^error: signed out: the account's password was changed on another connection; log in again$");
      assertEquals(4, alice.awaitExit());
      List<String> out = alice.allStdout();
      assertEquals(1, out.stream().filter(line -> line.contains("logging in to alice")).count(), "no second login:\n" + String.join("\n", out));
      assertEquals(List.of(), out.stream().filter(line -> line.contains("reconnect") || line.contains("trying again")).toList(), "no second attempt");
    }
  }
}
