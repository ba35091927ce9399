package dev.termchat.client;

import static dev.termchat.client.TerminalIT.awaitPrompt;
import static dev.termchat.client.TerminalIT.client;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Accounts from the client jar in a real terminal (tmux), as a person types them: /register asks
 * for the password twice, unseen; /password changes it; another run of the client, given
 * another name for the taken one, is told the name is registered and /login takes it back. No
 * password ever shows on the screen.
 */
class AccountTerminalIT {
  private static final String PASSWORD = "correct horse battery";
  private static final String NEW_PASSWORD = "tr0ub4dor and three";

  @RegisterExtension final ChatFixture chat = new ChatFixture();

  private static void typeSecret(Tmux client, String prompt, String secret) throws Exception {
    client.awaitScreen(screen -> TerminalIT.nonBlank(screen).get(TerminalIT.nonBlank(screen).size() - 1).equals(prompt.strip()));
    client.type(secret);
    client.press("Enter");
  }

  @Test
  void registerChangeThePasswordAndLogInAgainAtATerminal() throws Exception {
    try (Tmux alice = client("alice", chat.uri(), Map.of("TERM", "xterm-256color"))) {
      awaitPrompt(alice, "-!- connected as alice");
      // A password too short is said once both were typed: the second, typed at the prompt
      // for messages, would have gone out to the room.
      alice.type("/register");
      alice.press("Enter");
      typeSecret(alice, "password for the account: ", "short");
      typeSecret(alice, "the same again: ", "short");
      alice.awaitScreen(screen -> screen.contains("a password is at least 8 characters; nothing sent"));
      alice.type("/register");
      alice.press("Enter");
      typeSecret(alice, "password for the account: ", PASSWORD);
      typeSecret(alice, "the same again: ", PASSWORD);
      alice.awaitScreen(screen -> screen.contains("alice is registered to you"));

      alice.type("/password");
      alice.press("Enter");
      typeSecret(alice, "current password: ", PASSWORD);
      typeSecret(alice, "new password: ", NEW_PASSWORD);
      typeSecret(alice, "the same again: ", NEW_PASSWORD);
      String screen = alice.awaitScreen(text -> text.contains("password changed"));
      assertFalse(screen.contains(PASSWORD) || screen.contains(NEW_PASSWORD) || screen.contains("short"), screen);
      alice.type("/quit");
      alice.press("Enter");
      alice.awaitScreen(text -> text.contains("EXIT=0"));
    }

    WebSocketRecorder base = chat.connect();
    assertEquals("alice-2", ChatFixture.register(base, "alice"), "the name is kept for its account");
    base.closeBlocking();

    try (Tmux again = client("alice", chat.uri(), Map.of("TERM", "xterm-256color"))) {
      awaitPrompt(again, "alice is a registered name: /login logs in to it");
      again.type("/login");
      again.press("Enter");
      typeSecret(again, "password for alice: ", NEW_PASSWORD);
      String screen = again.awaitScreen(text -> text.contains("logged in as alice") && text.contains("you are now known as alice"));
      assertFalse(screen.contains(NEW_PASSWORD), screen);
    }
  }

  /** A /login to an account whose name another connection logged in to it has: the name that came, and why. */
  @Test
  void aLoginTypedWhileTheAccountsNameIsOnlineSaysWhyTheNameIsAVariant() throws Exception {
    WebSocketRecorder alice = chat.connectExtended();
    alice.nextFrame(Welcome.class);
    ChatFixture.register(alice, "alice");
    alice.send(AccountRequest.register(PASSWORD));
    assertEquals("alice", alice.nextFrameAfterPresence(AccountReply.class).name());
    try (Tmux bob = client("bob", chat.uri(), Map.of("TERM", "xterm-256color"))) {
      awaitPrompt(bob, "-!- connected as bob");
      bob.type("/login alice");
      bob.press("Enter");
      typeSecret(bob, "password for alice: ", PASSWORD);
      bob.awaitScreen(text -> text.contains("logged in as alice") && text.contains("you are now known as alice-2 (alice is taken)"));
    }
  }
}
