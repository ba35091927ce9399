package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * A private message to a registered user who is offline, in-process against a real server: its
 * sender is told it is kept until they log in, not shown it as if delivered; one to a user online
 * says nothing of the kind.
 */
class OfflineMessageNoticeTest {
  private static final String KEPT = "bob is offline: the message is kept until they log in";

  @RegisterExtension final ChatFixture chat = new ChatFixture();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String input, String... args) {
    CommandLine commandLine = ChatClientCommand.commandLine(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  /** bob, registered as an account, on line. */
  private WebSocketRecorder bob() throws InterruptedException {
    WebSocketRecorder bob = chat.connectExtended();
    bob.nextFrame(Welcome.class);
    ChatFixture.register(bob, "bob");
    bob.send(AccountRequest.register("correct horse battery"));
    assertEquals("bob", bob.nextFrameAfterPresence(AccountReply.class).name(), "registered; the answer brings a new token too");
    return bob;
  }

  @Test
  void aMessageToAnAccountOfflineIsSaidToBeKept() throws Exception {
    bob().closeBlocking();
    assertEquals(0, run("/msg bob see you tomorrow\n", "alice", "--server", chat.uri().toString()), err.toString());
    assertTrue(out.toString().contains(KEPT), out.toString());
  }

  @Test
  void aMessageToSomeoneOnLineSaysNothingOfKeeping() throws Exception {
    WebSocketRecorder bob = bob();
    assertEquals(0, run("/msg bob see you tomorrow\n", "alice", "--server", chat.uri().toString()), err.toString());
    assertFalse(out.toString().contains("kept"), out.toString());
    bob.closeBlocking();
  }
}
