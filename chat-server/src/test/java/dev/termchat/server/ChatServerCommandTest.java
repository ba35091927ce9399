package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.termchat.testing.HelpText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line, run in-process through picocli with captured output. */
class ChatServerCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path data;

  /** Runs the command with a store of the test's own, never the store in the home of whoever runs it. */
  private int run(String... args) {
    CommandLine commandLine = ChatServerCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> withData = new ArrayList<>(List.of(args));
    if (!withData.contains("--data")) {
      withData.addAll(List.of("--data", data.toString()));
    }
    return commandLine.execute(withData.toArray(String[]::new));
  }

  @Test
  void aStoreThatIsNotOneIsRefusedInOneLine() throws Exception {
    Files.writeString(data.resolve("termchat.db"), "not a database, but text long enough to fill a header of one and more");
    assertEquals(1, run("--port", "0"));
    assertEquals("error: " + data.resolve("termchat.db") + " is not a termchat store (not an SQLite database); move it away or give "
        + "--data another directory" + System.lineSeparator(), err.toString());
  }

  /** How long history is kept, set where none is kept on disk: said, not ignored. */
  @Test
  void keepingIsRefusedWhereNoStoreKeeps() {
    assertEquals(2, run("--port", "0", "--data", "none", "--keep-days", "5"));
    assertTrue(err.toString().startsWith("error: --keep-days is for the store on disk, and --data none keeps none"), err.toString());
    assertEquals(2, run("--port", "0", "--redis", "redis://127.0.0.1:1", "--data", "none", "--keep-per-room", "5"));
    assertTrue(err.toString().contains("error: --keep-per-room is for the store on disk, and --redis keeps none"), err.toString());
  }

  @Test
  void dataIsNotTakenWithRedis() {
    assertEquals(2, run("--redis", "redis://127.0.0.1:1", "--data", data.toString()));
    assertTrue(err.toString().startsWith("error: --data is not used with --redis"), err.toString());
  }

  @Test
  void aPortInUseIsOneClearLineAndExitCode1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Path unmade = data.resolve("unmade");
      int exitCode = run("--port", Integer.toString(taken.getLocalPort()), "--data", unmade.toString());

      assertEquals(1, exitCode);
      assertFalse(Files.exists(unmade), "a start refused its port makes no store directory");
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
  void anUnknownHostIsOneClearLine() {
    assertEquals(1, run("--host", "no-such-host.invalid", "--port", "0"));
    assertEquals("error: cannot listen on no-such-host.invalid:0: unknown host" + System.lineSeparator(), err.toString());
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
  void aStreamBudgetBelowAMebibyteIsAUsageError() {
    assertEquals(2, run("--redis-stream-bytes", "65536"));
    assertTrue(err.toString().startsWith("error: --redis-stream-bytes must be at least 1048576, not 65536"), err.toString());
  }

  @Test
  void aSocketSendBufferOutsideItsLimitsIsAUsageError() {
    assertEquals(2, run("--socket-send-buffer-bytes", "1024"));
    assertTrue(
        err.toString().startsWith("error: --socket-send-buffer-bytes must be 0 or between 8192 and 16777216 bytes, not 1024"),
        err.toString());
  }

  @Test
  void aKeystoreWithoutItsPasswordIsAUsageError() {
    assertEquals(2, run("--tls-keystore", "server.p12", "--port", "0"));
    assertTrue(err.toString().startsWith("error: --tls-keystore needs --tls-keystore-password"), err.toString());
  }

  @Test
  void aMissingKeystoreIsOneLineAndExitCode1() {
    assertEquals(1, run("--tls-keystore", "no-such.p12", "--tls-keystore-password", "x", "--port", "0"));
    assertEquals("error: cannot serve wss://: the keystore no-such.p12 does not exist" + System.lineSeparator(), err.toString());
  }

  @Test
  void aFileThatIsNotAKeystoreIsOneLineAndExitCode1(@TempDir Path directory) throws Exception {
    Path pem = Files.writeString(directory.resolve("server.pem"), "-----BEGIN CERTIFICATE-----\n");
    assertEquals(1, run("--tls-keystore", pem.toString(), "--tls-keystore-password", "x", "--port", "0"));
    assertEquals(
        "error: cannot serve wss://: " + pem + " is not a PKCS #12 or JKS keystore" + System.lineSeparator(),
        err.toString());
  }

  @Test
  void aWrongKeystorePasswordIsOneLineAndExitCode1(@TempDir Path directory) throws Exception {
    Path keystore = dev.termchat.testing.TestCertificates.create(directory, "localhost", "ip:127.0.0.1").keystore();
    assertEquals(1, run("--tls-keystore", keystore.toString(), "--tls-keystore-password", "wrong", "--port", "0"));
    assertEquals(
        "error: cannot serve wss://: wrong password for the keystore " + keystore + System.lineSeparator(),
        err.toString());
  }

  @Test
  void aKeystorePasswordWithoutAKeystoreIsAUsageError() {
    assertEquals(2, run("--tls-keystore-password", "x", "--port", "0"));
    assertTrue(err.toString().startsWith("error: --tls-keystore-password needs --tls-keystore"), err.toString());
  }

  @Test
  void anEmptyPasswordIsAUsageError() {
    assertEquals(2, run("--password", "", "--port", "0"));
    assertTrue(err.toString().startsWith("error: --password must not be empty"), err.toString());
  }

  @Test
  void aRedisUrlOfAnotherSchemeIsAUsageErrorThatDoesNotRepeatItsPassword() {
    assertEquals(2, run("--redis", "http://:s3cret@127.0.0.1:6379", "--port", "0"));
    assertTrue(err.toString().startsWith("error: --redis takes a URL such as redis://"), err.toString());
    assertTrue(!err.toString().contains("s3cret"), err.toString());
  }

  @Test
  void aFrameLimitTooSmallForARegisterFrameIsAUsageError() {
    assertEquals(2, run("--max-frame-bytes", "10", "--port", "0"));
    assertTrue(err.toString().startsWith("error: --max-frame-bytes must be at least 256"), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--max-queued-bytes-total", "--max-queued-bytes-per-address", "--max-unfinished-bytes"})
  void aBudgetOfNothingIsAUsageError(String option) {
    assertEquals(2, run(option, "0", "--port", "0"));
    assertTrue(err.toString().startsWith("error: " + option + " must be at least 1, not 0"), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "chat.example.org", "https://chat.example.org/page", "null"})
  void anAllowedOriginThatIsNoOriginIsAUsageError(String origin) {
    assertEquals(2, run("--allowed-origin", origin, "--port", "0"));
    assertTrue(
        err.toString().startsWith("error: --allowed-origin must be an origin such as https://chat.example.org, not '"),
        err.toString());
  }

  @Test
  void helpDescribesTheOptions() {
    CommandLine commandLine = ChatServerCommand.commandLine();
    commandLine.setUsageHelpWidth(80);
    commandLine.setUsageHelpAutoWidth(false);
    commandLine.setOut(new PrintWriter(out, true));
    assertEquals(0, commandLine.execute("--help"));
    HelpText.assertFitsEightyColumns(out.toString());
    String help = out.toString();
    assertTrue(help.contains("--host=HOST"), help);
    assertTrue(help.contains("--port=PORT"), help);
    assertTrue(help.replaceAll("\\s+", " ").contains("any free port (default: 8080)"), help);
    assertTrue(help.contains("--max-queued-bytes=BYTES"), help);
    assertTrue(help.contains("--max-queued-bytes-total=BYTES"), help);
    assertTrue(help.contains("--max-unfinished-bytes=BYTES"), help);
    assertTrue(help.contains("--allowed-origin=ORIGIN"), help);
  }

  @Test
  void versionNamesTheProduct() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString().matches("chat-server \\d+\\.\\d+\\.\\d+.*\\R"), out.toString());
  }
}
