package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.server.ServerConfig;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The client against a server with a password, and over wss:// with certificates to check. */
class SecureConnectionTest {
  @TempDir static Path directory;
  static TestCertificates localhost;
  static TestCertificates elsewhere;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void makeCertificates() throws Exception {
    localhost = TestCertificates.create(directory, "localhost", "ip:127.0.0.1,dns:localhost");
    elsewhere = TestCertificates.create(directory, "elsewhere", "dns:elsewhere.example");
  }

  /** Runs the client with a line to say and the end of input after it. */
  private int run(String... args) {
    CommandLine commandLine =
        ChatClientCommand.commandLine(new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8)));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private static ServerConfig.TlsConfig tls(TestCertificates certificates) {
    return new ServerConfig.TlsConfig(certificates.keystore(), TestCertificates.PASSWORD.toCharArray());
  }

  @Nested
  class Password {
    @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.password("open sesame"));

    @Test
    void withoutItTheClientSaysWhatIsMissing() {
      assertEquals(1, run("alice", "--server", chat.uri().toString()));
      assertEquals(
          "error: cannot connect to " + chat.uri()
              + ": wrong or missing password (give it with --password, --password-file or CHAT_PASSWORD)",
          err.toString().strip());
    }

    @Test
    void withItTheClientChats() {
      assertEquals(0, run("alice", "--server", chat.uri().toString(), "--password", "open sesame"));
      assertTrue(out.toString().contains("alice (127.0.0.1:"), out.toString());
      assertEquals("", err.toString(), "no warning: the password stays on this machine");
    }

    @Test
    void fromAFileTheClientChats() throws Exception {
      Path file = Files.writeString(directory.resolve("password"), "open sesame\n");
      assertEquals(0, run("alice", "--server", chat.uri().toString(), "--password-file", file.toString()));
      assertTrue(out.toString().contains("alice (127.0.0.1:"), out.toString());
    }

    @Test
    void aMissingPasswordFileIsAMistakeOnTheCommandLine() {
      assertEquals(2, run("alice", "--server", chat.uri().toString(), "--password-file", "/no/such/file"));
      assertEquals(
          "error: the password file /no/such/file does not exist\n"
              + "Try 'chat-client --help' for more information.",
          err.toString().strip().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aPasswordFileThatCannotBeReadSaysWhichAndWhy() {
      assertEquals(2, run("alice", "--server", chat.uri().toString(), "--password-file", directory.toString()));
      assertTrue(
          err.toString().startsWith("error: cannot read the password file " + directory + ": Is a directory"),
          err.toString());
    }

    @Test
    void passwordWithoutAValueAndNoTerminalToAskAtIsAMistakeNotTheFirstPipedLine() {
      assertEquals(2, run("alice", "--server", chat.uri().toString(), "--password"));
      assertTrue(
          err.toString().startsWith("error: --password without a value asks at a terminal, and there is none"),
          err.toString());
    }

    @Test
    void bothPasswordOptionsAreAMistake() throws Exception {
      Path file = Files.writeString(directory.resolve("password"), "open sesame\n");
      assertEquals(2, run("alice", "--server", chat.uri().toString(), "--password", "x", "--password-file", file.toString()));
      assertTrue(err.toString().startsWith("error: use --password or --password-file, not both"), err.toString());
    }

    @Test
    void overPlainWsToAnotherMachineThePasswordIsWarnedAbout() {
      run("alice", "--server", "ws://chat.invalid:8080", "--password", "open sesame");
      assertTrue(
          err.toString().startsWith(
              "warning: the password goes unencrypted over ws:// to chat.invalid; use wss:// if you can"),
          err.toString());
    }
  }

  @Nested
  class Tls {
    @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.tls(tls(localhost)));

    @Test
    void aTrustFileThatHoldsNoCertificateSaysWhatItShouldHold() throws Exception {
      Path notes = Files.writeString(directory.resolve("notes.txt"), "not a certificate\n");
      assertEquals(2, run("alice", "--server", chat.uri().toString(), "--trust", notes.toString()));
      assertTrue(
          err.toString().startsWith("error: " + notes + " is not a certificate in PEM (-----BEGIN CERTIFICATE-----)"),
          err.toString());
    }

    @Test
    void trustingTheServersCertificateTheClientChats() {
      assertEquals(0, run("alice", "--server", chat.uri().toString(), "--trust", localhost.certificate().toString()));
      assertTrue(out.toString().contains("-!- connected as alice"), out.toString());
      assertTrue(out.toString().contains("): hello"), out.toString());
    }

    @Test
    void withoutTrustTheClientSaysHowToTrustIt() {
      assertEquals(1, run("alice", "--server", chat.uri().toString()));
      assertEquals(
          "error: cannot connect to " + chat.uri()
              + ": the server's certificate is not trusted (pass it, or its CA, with --trust FILE)",
          err.toString().strip());
    }

    @Test
    void aMissingTrustFileIsAMistakeOnTheCommandLine() {
      assertEquals(2, run("alice", "--server", chat.uri().toString(), "--trust", "no-such.pem"));
      assertEquals(
          List.of("error: cannot read no-such.pem: no such file", "Try 'chat-client --help' for more information."),
          err.toString().lines().toList());
    }
  }

  @Nested
  class WrongHost {
    @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.tls(tls(elsewhere)));

    @Test
    void aCertificateForAnotherHostIsRefusedEvenWhenTrusted() {
      assertEquals(1, run("alice", "--server", chat.uri().toString(), "--trust", elsewhere.certificate().toString()));
      assertTrue(
          err.toString().contains("the server's certificate is not valid for this host name"),
          err.toString());
    }
  }
}
