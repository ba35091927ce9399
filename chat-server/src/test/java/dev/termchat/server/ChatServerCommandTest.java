package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line, run in-process through picocli with captured output. */
class ChatServerCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = ChatServerCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void aPortInUseIsOneClearLineAndExitCode1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int exitCode = run("--port", Integer.toString(taken.getLocalPort()));

      assertEquals(1, exitCode);
      assertEquals(
          "error: cannot listen on 127.0.0.1:" + taken.getLocalPort()
              + ": address already in use (is another server running? try --port)"
              + System.lineSeparator(),
          err.toString());
      assertEquals("", out.toString());
    }
  }

  @Test
  void aHostThatIsNotLocalIsOneClearLine() {
    assertEquals(1, run("--host", "192.0.2.1", "--port", "0"));
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertTrue(err.toString().startsWith("error: cannot listen on 192.0.2.1:0: "), err.toString());
  }

  @Test
  void anInvalidPortIsAUsageError() {
    assertEquals(2, run("--port", "70000"));
    assertTrue(err.toString().startsWith("error: --port must be between 0 and 65535"), err.toString());
    assertEquals(2, run("--port", "eighty"));
  }

  @Test
  void aLimitThatMakesNoSenseIsAUsageError() {
    assertEquals(2, run("--rate", "0"));
    assertTrue(err.toString().startsWith("error: --rate must be at least 1, not 0"), err.toString());
  }

  @Test
  void aKeystoreWithoutItsPasswordIsAUsageError() {
    assertEquals(2, run("--tls-keystore", "server.p12", "--port", "0"));
    assertTrue(err.toString().startsWith("error: --tls-keystore needs --tls-keystore-password"), err.toString());
  }

  @Test
  void anUnreadableKeystoreIsOneLineAndExitCode1() {
    assertEquals(1, run("--tls-keystore", "no-such.p12", "--tls-keystore-password", "x", "--port", "0"));
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertTrue(err.toString().startsWith("error: cannot listen on 127.0.0.1:0: no-such.p12"), err.toString());
  }

  @Test
  void helpDescribesTheOptions() {
    assertEquals(0, run("--help"));
    String help = out.toString();
    assertTrue(help.contains("--host=HOST"), help);
    assertTrue(help.contains("--port=PORT"), help);
    assertTrue(help.replaceAll("\\s+", " ").contains("any free port (default: 8080)"), help);
    assertTrue(help.contains("--max-queued-bytes=BYTES"), help);
    assertTrue(help.contains("--allowed-origin=ORIGIN"), help);
  }

  @Test
  void versionNamesTheProduct() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString().matches("chat-server \\d+\\.\\d+\\.\\d+.*\\R"), out.toString());
  }
}
