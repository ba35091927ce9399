package dev.termchat.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termchat.server.ChatServer;
import dev.termchat.server.ServerConfig;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** The bench's logic, and a small run against a real server. */
class BenchmarkTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int bench(String... args) {
    CommandLine commandLine = BenchCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void onlyTheRoundsOwnNamesAreCounted() {
    byte[] list = "{\"messageType\":\"users\",\"dataArray\":[\"b0\",\"w3\",\"b1\",\"alice\",\"b12\"]}"
        .getBytes(StandardCharsets.UTF_8);
    assertEquals(3, FrameBytes.countNames(list, 0, list.length, (byte) 'b'));
    assertEquals(1, FrameBytes.countNames(list, 0, list.length, (byte) 'w'));
    byte[] empty = "{\"messageType\":\"users\",\"dataArray\":[]}".getBytes(StandardCharsets.UTF_8);
    assertEquals(0, FrameBytes.countNames(empty, 0, empty.length, (byte) 'b'));
  }

  @Test
  void aSmallRunAccountsForEveryDelivery() throws Exception {
    int exitCode =
        bench("--server", chat.uri().toString(), "--clients", "20", "--senders", "2", "--rate", "40",
            "--duration", "1", "--warmup", "0.5", "--server-pid", Long.toString(ProcessHandle.current().pid()),
            "--json");
    assertEquals(0, exitCode, err.toString());
    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertEquals(20, report.get("connected").asInt());
    assertNotNull(report.get("convergenceSeconds"));
    long sent = report.get("sent").asLong();
    assertTrue(sent >= 30 && sent <= 41, "sent " + sent);
    assertEquals(sent * 20, report.get("expected").asLong());
    assertEquals(sent * 20, report.get("delivered").asLong());
    assertEquals(0, report.get("lost").asLong());
    assertEquals(0, report.get("duplicates").asLong());
    assertEquals(0, report.get("reordered").asLong());
    assertTrue(report.get("latencyP99Millis").asDouble() > 0);
    assertTrue(report.get("serverCpuMicrosPerDelivery").asDouble() > 0);
    // Every message was delivered 20 times.
    double perMessage = report.get("serverCpuMicrosPerMessage").asDouble();
    assertEquals(report.get("serverCpuMicrosPerDelivery").asDouble() * 20, perMessage, perMessage * 1e-9);
    assertTrue(report.get("serverRssMiBIdle").asDouble() > 0);
  }

  @Test
  void roomsClientsGetTheirOwnRoomsMessagesAloneAllOfThemInOrder() throws Exception {
    // Client i is in room i mod 3, so the senders b0..b3 speak in #r1, #r2, #r3 and #r1 again,
    // and each room has 4 of the 12 clients.
    int exitCode = bench("--server", chat.uri().toString(), "--clients", "12", "--senders", "4", "--rate", "40",
        "--duration", "1", "--rooms", "3", "--json");
    assertEquals(0, exitCode, err.toString());
    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertEquals(12, report.get("connected").asInt());
    assertEquals(3, report.get("rooms").asInt());
    assertNotNull(report.get("convergenceSeconds"), out.toString());
    long sent = report.get("sent").asLong();
    assertTrue(sent >= 30, "sent " + sent);
    assertEquals(sent * 4, report.get("expected").asLong());
    assertEquals(0, report.get("crossed").asLong(), "messages delivered outside their room");
    assertEquals(sent * 4, report.get("delivered").asLong());
    assertEquals(0, report.get("lost").asLong());
    assertEquals(0, report.get("duplicates").asLong());
    assertEquals(0, report.get("reordered").asLong());
    assertEquals(0, report.get("disconnected").asInt());
  }

  @Test
  void theWaveOfJoinsIsPaidInPresenceBytes() throws Exception {
    assertEquals(0, bench("--server", chat.uri().toString(), "--clients", "10", "--senders", "0", "--json"));
    JsonNode base = new ObjectMapper().readTree(out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, bench("--server", chat.uri().toString(), "--clients", "10", "--senders", "0", "--rooms", "1",
        "--json"));
    JsonNode rooms = new ObjectMapper().readTree(out.toString());
    // Each of the 10 is sent at least one users list: base clients one naming all 10 (at least
    // 10 x 5 bytes), rooms clients their room's list as they enter, then a joined frame each.
    assertTrue(base.get("presenceBytes").asLong() >= 10 * 50, base.toString());
    assertTrue(rooms.get("presenceFrames").asLong() >= 10 + 10, rooms.toString());
    for (JsonNode report : new JsonNode[] {base, rooms}) {
      assertEquals(report.get("presenceBytes").asDouble() / 10, report.get("presenceBytesPerJoin").asDouble(), 1e-9);
    }
    assertTrue(base.get("rooms") == null && base.get("crossed") == null, base.toString());
  }

  @Test
  void oneJoinCostsBaseClientsAWholeListEachAndRoomsClientsAName() throws Exception {
    // 30 clients, then 3 more one at a time: the last joins a room of 32.
    assertEquals(0, bench("--server", chat.uri().toString(), "--clients", "30", "--senders", "0", "--then-join", "3",
        "--json"), err.toString());
    JsonNode base = new ObjectMapper().readTree(out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, bench("--server", chat.uri().toString(), "--clients", "30", "--senders", "0", "--then-join", "3",
        "--rooms", "1", "--json"), err.toString());
    JsonNode rooms = new ObjectMapper().readTree(out.toString());
    assertEquals(30, base.get("connected").asInt());
    assertEquals(3, rooms.get("lateJoins").asInt());
    double basePerJoin = base.get("lateJoinPresenceBytes").asDouble();
    double roomsPerJoin = rooms.get("lateJoinPresenceBytes").asDouble();
    // Base: each of the 31 to 33 there gets a list naming at least 31 ("b0", quoted, a comma).
    assertTrue(basePerJoin >= 31 * 31 * 5, base.toString());
    // Rooms: each gets a joined frame naming one, and the newcomer the room's list once.
    assertTrue(roomsPerJoin < 33 * 100 + 33 * 10, rooms.toString());
    assertTrue(roomsPerJoin < basePerJoin, "rooms " + roomsPerJoin + " B, base " + basePerJoin + " B");
    assertTrue(rooms.get("lateJoinSeconds").asDouble() > 0, rooms.toString());
  }

  @Test
  void clientsSpreadOverTheNodesOfAClusterAreAllAccountedFor() throws Exception {
    try (RedisServer redis = RedisServer.start();
        ChatServer first = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build());
        ChatServer second = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build())) {
      int exitCode =
          bench("--server", first.uri().toString(), "--server", second.uri().toString(), "--clients", "10",
              "--senders", "2", "--rate", "20", "--duration", "1", "--json");
      assertEquals(0, exitCode, err.toString());
      JsonNode report = new ObjectMapper().readTree(out.toString());
      assertEquals(10, report.get("connected").asInt());
      assertEquals(report.get("expected").asLong(), report.get("delivered").asLong());
      assertEquals(0, report.get("lost").asLong());
      assertEquals(0, report.get("duplicates").asLong());
    }
  }

  @Test
  void theTableNamesEveryFigure() {
    assertEquals(0, bench("--server", chat.uri().toString(), "--clients", "5", "--senders", "1",
        "--rate", "10", "--duration", "0.5"));
    String table = out.toString();
    for (String row : new String[] {"connect time", "everyone sees everyone", "deliveries/s",
        "lost / duplicated / reordered", "latency p50 / p90 / p99 / max", "presence received"}) {
      assertTrue(table.contains(row), table);
    }
  }

  @Test
  void nonsenseArgumentsAreUsageErrors() {
    assertEquals(2, bench("--clients", "0"));
    assertTrue(err.toString().contains("--clients must be at least 1"), err.toString());
    assertEquals(2, bench("--clients", "5", "--senders", "6"));
    assertEquals(2, bench("--size", "10"));
    assertEquals(2, bench("--rate", "0"));
    assertEquals(2, bench("--clients", "5", "--rooms", "6"));
    assertTrue(err.toString().contains("--rooms must be between 1 and --clients (5)"), err.toString());
    assertEquals(2, bench("--rooms", "0"));
    assertEquals(2, bench("--then-join", "2", "--senders", "1"));
    assertTrue(err.toString().contains("--then-join must not be negative, and needs --senders 0"), err.toString());
    assertEquals(2, bench("--server", "http://x"));
    assertEquals(2, bench("--server", "wss://127.0.0.1:9"));
    assertTrue(err.toString().contains("plain ws:// only"), err.toString());
  }

  @Test
  void fewClientsMeanAsManySendersAndAnUnknownPidIsAUsageError() {
    assertEquals(0, bench("--server", chat.uri().toString(), "--clients", "3", "--rate", "6", "--duration", "0.5"));
    assertTrue(out.toString().contains("senders                          3 at 6 msg/s"), out.toString());
    assertEquals(2, bench("--server-pid", "999999999"));
    assertTrue(err.toString().contains("error: --server-pid 999999999: no such process"), err.toString());
    assertEquals(2, bench("--duration", "0"));
    assertTrue(err.toString().contains("--duration must be more than 0"), err.toString());
  }

  @Test
  void aFloorWithoutAModeIsOneUsageErrorLine() {
    assertEquals(2, bench("floor"));
    assertTrue(err.toString().startsWith("error: Missing required argument"), err.toString());
  }

  @Test
  void anUnknownHostIsSaidSo() {
    assertEquals(1, bench("--server", "ws://no-such-host.invalid:8080", "--clients", "2", "--senders", "0", "--timeout", "5"));
    assertEquals(
        "error: no client could connect to ws://no-such-host.invalid:8080: unknown host" + System.lineSeparator(),
        err.toString());
  }

  @Test
  void aSenderPastTheServersRateIsWarnedAndItsDropIsExplained() {
    assertEquals(0, bench("--server", chat.uri().toString(), "--clients", "2", "--senders", "1",
        "--rate", "300", "--duration", "3"));
    String errors = err.toString();
    assertTrue(errors.startsWith("note: each sender sends 300 messages a second, more than the 30"), errors);
    assertTrue(errors.contains("note: 1 client failed or was dropped: the server closed the connection with 1008 flooding"),
        errors);
  }

  @Test
  void noServerIsOneLineAndExit1() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    assertEquals(1, bench("--server", "ws://127.0.0.1:" + closedPort, "--clients", "3", "--senders", "0", "--timeout", "5"));
    assertEquals(
        "error: no client could connect to ws://127.0.0.1:" + closedPort + ": connection refused (is the server running?)"
            + System.lineSeparator(),
        err.toString());
  }
}
