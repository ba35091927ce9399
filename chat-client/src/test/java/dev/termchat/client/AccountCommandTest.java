package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The client's account for scripts, in-process against a real server: with the password in a
 * file it logs in when the server says its name is registered, and its lines go under that name;
 * a wrong one ends the session (exit status 4) with none of its lines said; /register with input piped sends
 * nothing, as no password can be typed unseen.
 */
class AccountCommandTest {
  private static final String PASSWORD = "correct horse battery";

  @RegisterExtension final ChatFixture chat = new ChatFixture();
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String input, String... args) {
    CommandLine commandLine = ChatClientCommand.commandLine(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  /** Registers the account alice, then lets the name go. */
  private void registerAlice() throws Exception {
    WebSocketRecorder alice = chat.connectExtended();
    alice.nextFrame(Welcome.class);
    ChatFixture.register(alice, "alice");
    alice.send(AccountRequest.register(PASSWORD));
    assertEquals("alice", alice.nextFrameAfterPresence(AccountReply.class).name(), "registered; the answer brings a new token too");
    alice.closeBlocking();
  }

  private Path passwordFile(String password) throws Exception {
    return Files.writeString(dir.resolve("password"), password + "\n");
  }

  @Test
  void aScriptLogsInWithThePasswordInAFileAndSpeaksUnderItsName() throws Exception {
    registerAlice();
    WebSocketRecorder bob = chat.connect();
    ChatFixture.register(bob, "bob");
    assertEquals(0, run("build done\n", "alice", "--server", chat.uri().toString(), "--account-password-file", passwordFile(PASSWORD).toString()), err.toString());
    ChatMessage said = bob.nextFrameAfterPresence(ChatMessage.class);
    assertEquals("alice", said.from(), out.toString());
    assertEquals("build done", said.message());
    assertInOrder(out.toString(), "logging in to alice", "connected as alice\n", "logged in as alice");
    assertFalse(out.toString().contains("connected as alice-2"), out.toString());
    assertFalse(out.toString().contains("you are now known as"), "the login line says it alone:\n" + out);
    assertFalse(out.toString().contains(PASSWORD) || err.toString().contains(PASSWORD));
  }

  /** Registers the account alice, and stays online as alice, logged in to it. */
  private WebSocketRecorder aliceOnline() throws Exception {
    WebSocketRecorder alice = chat.connectExtended();
    alice.nextFrame(Welcome.class);
    ChatFixture.register(alice, "alice");
    alice.send(AccountRequest.register(PASSWORD));
    assertEquals("alice", alice.nextFrameAfterPresence(AccountReply.class).name());
    return alice;
  }

  @Test
  void aLoginAtTheJoinWhileTheAccountsNameIsOnlineSaysWhyTheConnectionStaysAVariant() throws Exception {
    aliceOnline();
    assertEquals(0, run("", "alice", "--server", chat.uri().toString(), "--account-password-file", passwordFile(PASSWORD).toString()), err.toString());
    assertInOrder(out.toString(), "connected as alice-2", "logged in as alice; this connection is alice-2 (alice is taken)");
  }

  @Test
  void withNothingPipedAScriptWaitsForItsLoginBeforeLeaving() throws Exception {
    registerAlice();
    assertEquals(0, run("", "alice", "--server", chat.uri().toString(), "--account-password-file", passwordFile(PASSWORD).toString()), err.toString());
    assertInOrder(out.toString(), "logging in to alice", "connected as alice\n", "logged in as alice");
  }

  @Test
  void aWrongPasswordEndsTheSessionWithNothingSaidAndExitStatus4() throws Exception {
    registerAlice();
    WebSocketRecorder bob = chat.connect();
    ChatFixture.register(bob, "bob");
    assertEquals(4, run("hi\n", "alice", "--server", chat.uri().toString(), "--account-password-file", passwordFile("not the one").toString()), out.toString());
    assertTrue(out.toString().contains("server: wrong name or password"), out.toString());
    assertEquals("error: could not log in to alice (wrong name or password); no line goes out under another name\n", err.toString());
    String marker = bob.sayMarker();
    assertEquals(marker, bob.nextMessage().message(), "nothing was said under alice-2");
  }

  @Test
  void withNothingPipedAWrongPasswordStillEndsWithExitStatus4() throws Exception {
    registerAlice();
    assertEquals(4, run("", "alice", "--server", chat.uri().toString(), "--account-password-file", passwordFile("not the one").toString()), out.toString());
    assertTrue(err.toString().contains("could not log in to alice"), err.toString());
  }

  /**
   * A password given says the lines are an account's: a name that is none (a typo, an account a
   * restart forgot) is refused as a wrong password is, and nothing goes out, neither under the
   * name nor under a variant of it.
   */
  @Test
  void aPasswordForANameThatIsNoAccountEndsTheSessionWithExitStatus4() throws Exception {
    registerAlice();
    WebSocketRecorder bob = chat.connect();
    ChatFixture.register(bob, "bob");
    assertEquals(4, run("hi\n", "typo-bot", "--server", chat.uri().toString(), "--account-password-file", passwordFile(PASSWORD).toString()), out.toString());
    assertTrue(out.toString().contains("logging in to typo-bot"), out.toString());
    assertEquals("error: could not log in to typo-bot (wrong name or password); no line goes out under another name\n", err.toString());
    assertEquals(4, run("hi\n", "bob", "--server", chat.uri().toString(), "--account-password-file", passwordFile(PASSWORD).toString()), out.toString());
    String marker = bob.sayMarker();
    assertEquals(marker, bob.nextMessage().message(), "nothing was said under typo-bot, nor under bob-2");
  }

  /** A server without accounts (here one of the base protocol alone) has no login to give: the same. */
  @Test
  void aPasswordGivenToAServerWithoutAccountsEndsTheSessionWithExitStatus4() throws Exception {
    NodeLikeServer node = new NodeLikeServer().started();
    try {
      assertEquals(4, run("hi\n", "bot", "--server", node.uri().toString(), "--account-password-file", passwordFile(PASSWORD).toString()), out.toString());
      assertEquals("error: could not log in to bot (this server has no accounts); no line goes out under another name\n", err.toString());
      String register = node.received.poll(10, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(register != null && register.contains("\"register\""), String.valueOf(register));
      assertEquals("1000 bye", node.closes.poll(10, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(java.util.List.of(), java.util.List.copyOf(node.received), "no line went out");
    } finally {
      node.stop(1000);
    }
  }

  /** Each text comes in the output, after the one before it. */
  private static void assertInOrder(String output, String... texts) {
    int from = 0;
    for (String text : texts) {
      int at = output.indexOf(text, from);
      assertTrue(at >= 0, "\"" + text + "\" after position " + from + " in:\n" + output);
      from = at + text.length();
    }
  }

  @Test
  void withInputPipedRegisterAsksForNothingAndSendsNothing() throws Exception {
    assertEquals(0, run("/register\n", "carol", "--server", chat.uri().toString()), err.toString());
    assertTrue(out.toString().contains("no password typed; nothing sent (a script types none: it logs in at its join"), out.toString());
  }

  @Test
  void anEmptyPasswordFileIsAMistakeOnTheCommandLine() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "");
    assertEquals(2, run("", "alice", "--server", chat.uri().toString(), "--account-password-file", empty.toString()));
    assertTrue(err.toString().contains("the account password file " + empty + " is empty"), err.toString());
  }
}
