package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.Moderators;
import dev.termchat.testing.WebSocketRecorder;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * A banned client, in-process against a real server: the server closes it with 4002 and says
 * why; the client stops there, with the reason and exit status 4, rather than trying again every
 * few seconds for as long as the ban lasts.
 */
class BannedClientTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.operators(List.of("root")));

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void aBannedClientStopsWithTheReasonAndExitStatus4() throws Exception {
    WebSocketRecorder root = Moderators.roomsClient(chat, "root", "#general");
    root.send(new Moderate(ModerationAct.BAN, "#general", "mallory", 0, "spam", true));
    Moderators.notice(root, ModerationAct.BAN);

    CommandLine commandLine = ChatClientCommand.commandLine(new ByteArrayInputStream("hi\n".getBytes(StandardCharsets.UTF_8)));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    assertEquals(4, commandLine.execute("mallory", "--server", chat.uri().toString()), out + "\n" + err);
    assertTrue(err.toString().startsWith("error: banned: you are banned from this server"), err.toString());
    assertEquals(1, out.toString().split("you are banned", -1).length - 1, "said once, not again with a retry:\n" + out);
  }
}
