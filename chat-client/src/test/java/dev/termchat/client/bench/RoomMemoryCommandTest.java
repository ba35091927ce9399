package dev.termchat.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.testing.ChatFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code chat-bench room-memory} against a real server in this JVM, which it probes with jcmd. */
class RoomMemoryCommandTest {
  private static final Pattern EACH = Pattern.compile("^(.+?)\\s+(\\d+)\\s+live heap .*= ([-\\d,]+) bytes each$", Pattern.MULTILINE);

  @RegisterExtension final ChatFixture chat = new ChatFixture();

  @Test
  void reportsTheHeapKeptPerRoomAndPerMessage() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = BenchCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute("room-memory", "--server", chat.uri().toString(),
        "--server-pid", Long.toString(ProcessHandle.current().pid()),
        "--clients", "3", "--rooms-each", "20", "--messages-each", "20", "--rate", "40");
    assertEquals(0, exitCode, err.toString());
    Matcher each = EACH.matcher(out.toString());
    assertTrue(each.find(), out.toString());
    assertEquals("rooms, one member each, no messages", each.group(1).strip());
    assertEquals("60", each.group(2));
    assertTrue(each.find(), out.toString());
    assertEquals("kept messages of 64 characters", each.group(1).strip());
    assertEquals("60", each.group(2));
  }
}
