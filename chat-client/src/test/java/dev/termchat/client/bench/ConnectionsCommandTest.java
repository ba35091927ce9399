package dev.termchat.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.server.ChatServer;
import dev.termchat.server.ServerConfig;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.Moderators;
import dev.termchat.testing.WebSocketRecorder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code chat-bench connections} against a real server in this JVM: what it reports, not how fast. */
class ConnectionsCommandTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.operators(List.of("root")));
  /**
   * Threads of their own for parts that run at once: the common pool has one thread on a 2-core
   * machine, where a second part would wait for the first to end, which waits for the second's.
   */
  private final ExecutorService parts = Executors.newCachedThreadPool();

  @AfterEach
  void stopParts() {
    parts.shutdownNow();
  }

  /** One run of the command: its exit code and what it printed. */
  private record Run(int exitCode, String out, String err) {}

  private static Run bench(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = BenchCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private static void assertLine(String output, String regex) {
    assertTrue(Pattern.compile("(?m)^" + regex + "$").matcher(output).find(), "no line " + regex + " in:\n" + output);
  }

  @Test
  void opensRegistersAndTimesOneMessageToAll() {
    Run run = bench("connections", "--server", chat.uri().toString(), "--connections", "6", "--concurrency", "2",
        "--idle", "0", "--server-pid", Long.toString(ProcessHandle.current().pid()));
    assertEquals(0, run.exitCode(), run.err());
    assertLine(run.out(), "part +0 of 1, the sender");
    assertLine(run.out(), "connections +6 registered of 6, from the kernel's choice");
    assertLine(run.out(), "all upgraded +[0-9.]+ s, 2 at a time");
    assertLine(run.out(), "all registered +[0-9.]+ s \\(each at its first users list\\)");
    assertLine(run.out(), "errors +0");
    assertLine(run.out(), "message reached +6 of 6 in [0-9.]+ ms");
    assertLine(run.out(), "server RSS, pid " + ProcessHandle.current().pid() + " +[0-9.]+ MiB");
  }

  /** Connection 0 banned: the first connection still in sends, and the message is still timed. */
  @Test
  void whenConnectionZeroIsRefusedTheFirstOneInSends() throws Exception {
    WebSocketRecorder root = Moderators.roomsClient(chat, "root", "#general");
    root.send(new Moderate(ModerationAct.BAN, "#general", "c0", 0, "test", true));
    Moderators.notice(root, ModerationAct.BAN);

    Run run = bench("connections", "--server", chat.uri().toString(), "--connections", "3", "--concurrency", "1",
        "--idle", "0", "--timeout", "30");
    assertEquals(0, run.exitCode(), run.err());
    assertLine(run.out(), "connections +2 registered of 3, from the kernel's choice");
    assertLine(run.out(), "errors +1, first: .*banned.*");
    assertLine(run.out(), "message reached +2 of 3 \\(every one still connected\\) in [0-9.]+ ms");
  }

  /** A connection closed after it registered is not waited for: the message is timed to those still in. */
  @Test
  void aConnectionClosedAfterItRegisteredIsNotWaitedFor() throws Exception {
    WebSocketRecorder root = Moderators.roomsClient(chat, "root", "#general");
    CompletableFuture<Run> running = CompletableFuture.supplyAsync(() -> bench("connections", "--server", chat.uri().toString(),
        "--connections", "3", "--concurrency", "3", "--idle", "5", "--timeout", "60"), parts);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> chat.server().users().containsAll(List.of("c0", "c1", "c2")));
    root.send(new Moderate(ModerationAct.BAN, "#general", "c1", 0, "test", true));

    Run run = running.get(90, TimeUnit.SECONDS);
    assertEquals(0, run.exitCode(), run.err());
    assertLine(run.out(), "connections +3 registered of 3, from the kernel's choice");
    assertLine(run.out(), "errors +1, first: .*banned.*");
    assertLine(run.out(), "message reached +2 of 3 \\(every one still connected\\) in [0-9.]+ ms");
  }

  /** Others on the server, named like the bench (carol, c9 of a run of 3), are not counted as its connections. */
  @Test
  void othersWhoseNamesStartWithTheBenchsLetterAreNotTakenForItsConnections() throws Exception {
    for (String other : List.of("carol", "c9")) {
      ChatFixture.register(chat.connect(), other);
    }
    Run run = bench("connections", "--server", chat.uri().toString(), "--connections", "3", "--parts", "2", "--part", "0",
        "--idle", "0", "--timeout", "3");
    assertLine(run.out(), "errors +1, first: the message went at --timeout, before the server counted all 3 in");
  }

  /** A server that lets each address hold two connections, loopback too: it sees the sources. */
  @Test
  void theConnectionsComeFromAsManyLoopbackAddressesAsAsked() throws Exception {
    try (ChatServer strict = ChatServer.start(
        ServerConfig.builder().port(0).maxConnectionsPerAddress(2).limitLoopback(true).build())) {
      Run spread = bench("connections", "--server", strict.uri().toString(), "--connections", "6", "--sources", "3", "--idle", "0");
      assertEquals(0, spread.exitCode(), spread.err());
      assertLine(spread.out(), "connections +6 registered of 6, from 127\\.0\\.0\\.1 to 127\\.0\\.0\\.3");
      assertLine(spread.out(), "errors +0");
      assertLine(spread.out(), "message reached +6 of 6 in [0-9.]+ ms");

      // One at a time, so that connection 0, the sender, is among the two let in.
      Run one = bench("connections", "--server", strict.uri().toString(), "--connections", "6", "--sources", "1",
          "--idle", "0", "--timeout", "10", "--concurrency", "1");
      assertEquals(0, one.exitCode(), one.err());
      assertLine(one.out(), "connections +2 registered of 6, from the kernel's choice");
      assertLine(one.out(), "errors +4, first: handshake refused: HTTP/1.1 429.*");
      assertLine(one.out(), "message reached +2 of 6 \\(every one still connected\\) in [0-9.]+ ms");
    }
  }

  @Test
  void twoPartsInTheirOwnThreadsShareTheConnectionsAndBothGetTheMessage() throws Exception {
    // Each part gives up within the wait below, so that a run that goes wrong says where in its report.
    String[] common = {"connections", "--server", chat.uri().toString(), "--connections", "5", "--idle", "0", "--parts", "2", "--timeout", "25"};
    // Part 1 first: part 0 sends only once connection 0 is told of all five, whichever registers last.
    CompletableFuture<Run> second = CompletableFuture.supplyAsync(() -> bench(concat(common, "--part", "1")), parts);
    CompletableFuture<Run> first = CompletableFuture.supplyAsync(() -> bench(concat(common, "--part", "0")), parts);
    Run sender = first.get(90, TimeUnit.SECONDS);
    Run other = second.get(90, TimeUnit.SECONDS);
    assertEquals(0, sender.exitCode(), sender.err());
    assertLine(sender.out(), "errors +0");
    assertEquals(0, other.exitCode(), other.err());
    assertLine(sender.out(), "connections +3 registered of 3, from the kernel's choice");
    assertLine(sender.out(), "message reached +3 of 3 in [0-9.]+ ms");
    assertLine(other.out(), "part +1 of 2");
    assertLine(other.out(), "connections +2 registered of 2, from the kernel's choice");
    assertLine(other.out(), "message reached +2 of 2 in [0-9.]+ ms");
  }

  /**
   * In a room past the server's --list-names no list names all five: the sender asks the server's
   * users gauge whether all are in, and the message still reaches every part.
   */
  @Test
  void partsOfARoomPastTheListsCapKnowFromTheServerThatAllAreIn() throws Exception {
    try (ChatServer capped = ChatServer.start(ServerConfig.builder().port(0).listNames(2).build())) {
      // Long waits for a busy machine: the other part gives up on the message --timeout after it registered.
      String[] common = {"connections", "--server", capped.uri().toString(), "--connections", "5", "--idle", "0", "--parts", "2",
          "--timeout", "120"};
      CompletableFuture<Run> second = CompletableFuture.supplyAsync(() -> bench(concat(common, "--part", "1")), parts);
      CompletableFuture<Run> first = CompletableFuture.supplyAsync(() -> bench(concat(common, "--part", "0")), parts);
      Run sender = first.get(180, TimeUnit.SECONDS);
      Run other = second.get(180, TimeUnit.SECONDS);
      assertEquals(0, sender.exitCode(), sender.err());
      assertEquals(0, other.exitCode(), other.err());
      assertLine(sender.out(), "errors +0");
      assertLine(sender.out(), "message reached +3 of 3 in [0-9.]+ ms");
      assertLine(other.out(), "message reached +2 of 2 in [0-9.]+ ms");
    }
  }

  @Test
  void theUsersGaugeIsReadFromTheMetricsText() {
    assertEquals(OptionalLong.of(5), UsersGauge.parse("# TYPE termchat_users gauge\ntermchat_users 5.0\ntermchat_users_x 9\n"));
    assertEquals(OptionalLong.empty(), UsersGauge.parse("termchat_connections 5.0\n"));
  }

  @Test
  void upgradesOnlyOpenAndWaitForNothingMore() {
    Run run = bench("connections", "--server", chat.uri().toString(), "--connections", "4", "--idle", "0", "--upgrade-only");
    assertEquals(0, run.exitCode(), run.err());
    assertLine(run.out(), "connections +4 upgraded of 4, from the kernel's choice");
    assertLine(run.out(), "all upgraded +[0-9.]+ s, 500 at a time");
    assertLine(run.out(), "errors +0");
    assertLine(run.out(), "message reached +none sent \\(--upgrade-only\\)");
    assertTrue(!run.out().contains("all registered"), run.out());
  }

  @Test
  void aServerThatIsNotThereIsAnErrorForAPerson() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Run run = bench("connections", "--server", "ws://127.0.0.1:" + port, "--connections", "3", "--timeout", "10");
    assertEquals(1, run.exitCode(), run.out());
    assertLine(run.out(), "errors +3, first: connection refused \\(is the server running\\?\\)");
    assertLine(run.out(), "all upgraded +not all");
    assertTrue(run.err().startsWith("error: no connection could register: connection refused"), run.err());
  }

  @Test
  void badSplitsAndSourcesAwayFromLoopbackAreRefusedAsUsage() {
    Run part = bench("connections", "--connections", "4", "--parts", "2", "--part", "2");
    assertEquals(2, part.exitCode());
    assertTrue(part.err().contains("--part must be from 0 to --parts - 1"), part.err());
    Run away = bench("connections", "--server", "ws://example.com:9000", "--sources", "2");
    assertEquals(2, away.exitCode());
    assertTrue(away.err().contains("--sources above 1 needs servers on loopback"), away.err());
    for (String[] odd : List.of(new String[] {"--idle", "Infinity"}, new String[] {"--timeout", "NaN"}, new String[] {"--idle", "1e300"},
        new String[] {"--timeout", "1d"}, new String[] {"--timeout", "0x10"}, new String[] {"--idle", "86401"})) {
      Run run = bench("connections", odd[0], odd[1]);
      assertEquals(2, run.exitCode(), run.err());
      assertTrue(run.err().contains("Invalid value for option '" + odd[0] + "': '" + odd[1] + "' is not a number of seconds up to 86400"), run.err());
    }
  }

  @Test
  void secondsAreDecimalNumbersAsAPersonWritesThem() {
    Seconds.Converter seconds = new Seconds.Converter();
    for (String[] written : List.of(new String[] {"2", "2.0"}, new String[] {"+2", "2.0"}, new String[] {".5", "0.5"},
        new String[] {"5.", "5.0"}, new String[] {"0003", "3.0"}, new String[] {"2.25", "2.25"}, new String[] {"-1", "-1.0"})) {
      assertEquals(Double.parseDouble(written[1]), seconds.convert(written[0]), written[0]);
    }
  }

  /** A server that closes each join past its rate with 1012 after the upgrade: one error for each. */
  @Test
  void eachConnectionTheServerClosesIsOneErrorAndTheRestAreWaitedFor() throws Exception {
    try (ChatServer strict = ChatServer.start(ServerConfig.builder().port(0).limitLoopback(true).joinRate(1, 3).build())) {
      Run run = bench("connections", "--server", strict.uri().toString(), "--connections", "10", "--concurrency", "1",
          "--idle", "0", "--timeout", "20");
      assertEquals(0, run.exitCode(), run.err());
      assertLine(run.out(), "connections +3 registered of 10, from the kernel's choice");
      assertLine(run.out(), "all registered +not all, after [0-9.]+ s");
      assertLine(run.out(), "errors +7, first: .*");
      assertLine(run.out(), "message reached +3 of 10 \\(every one still connected\\) in [0-9.]+ ms");
    }
  }

  @Test
  void partsTakeEveryPthConnectionAndSourcesTurnByNumber() throws Exception {
    List<URI> local = List.of(URI.create("ws://127.0.0.1:9000"));
    IdleOptions third = new IdleOptions(local, 10, 1, 3, 1, 4, Duration.ZERO, Duration.ofSeconds(1), true);
    assertEquals(3, third.localCount()); // 1, 4, 7
    assertEquals(7, third.indexOf(2));
    assertEquals(InetAddress.getByName("127.0.0.4"), third.sourceFor(7));
    assertEquals(InetAddress.getByName("127.0.0.1"), third.sourceFor(8));
    assertNull(new IdleOptions(local, 10, 0, 1, 1, 1, Duration.ZERO, Duration.ofSeconds(1), true).sourceFor(3));
    assertEquals(5, IdleOptions.defaultSources(local, 100_000));
    assertEquals(1, IdleOptions.defaultSources(List.of(URI.create("ws://10.0.0.1:9000")), 100_000));
  }

  @Test
  void theProbesSendTimeIsReadFromItsFrameAndOtherMessagesAreNotProbes() {
    byte[] probe = "{\"messageType\":\"message\",\"data\":{\"from\":\"c0\",\"message\":\"bench-probe 1765100000123456\"}}"
        .getBytes(StandardCharsets.UTF_8);
    assertEquals(1765100000123456L, Probe.sentMicros(probe, 0, probe.length));
    byte[] other = "{\"messageType\":\"message\",\"data\":{\"from\":\"c0\",\"message\":\"bench-probe later\"}}"
        .getBytes(StandardCharsets.UTF_8);
    assertEquals(-1, Probe.sentMicros(other, 0, other.length));
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
