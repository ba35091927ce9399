package dev.termchat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's HAProxy ({@code /usr/sbin/haproxy}, which {@code .ci/run} installs) running a sample
 * configuration with only its addresses changed to free loopback ports: its frontend's
 * {@code bind :80}, its stats page's port, and each {@code server nodeN} line's address, in
 * order. Its log goes to stderr, as the global section a Debian install has would send it to the
 * journal.
 */
public final class Haproxy implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/sbin/haproxy");
  private static final Pattern FRONTEND = Pattern.compile("(?m)^(\\s*bind) :80$");
  private static final Pattern STATS = Pattern.compile("(?m)^(\\s*bind 127\\.0\\.0\\.1:)8404$");
  private static final Pattern SERVER = Pattern.compile("(?m)^(\\s*server node\\d+) \\S+$");

  /** A server of the backend, as the stats page has it. */
  public record Server(String status, int sessions, String checkStatus, String checkCode) {}

  private final RunningProcess process;
  private final int port;
  private final int statsPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Haproxy(RunningProcess process, int port, int statsPort) {
    this.process = process;
    this.port = port;
    this.statsPort = statsPort;
  }

  /**
   * Writes the sample, its addresses changed, into {@code dir} and starts HAProxy on it; returns
   * once it listens. A port found free may be taken before HAProxy binds it (HAProxy cannot be
   * told to take any port and say which): then HAProxy exits, and it is started again on others.
   */
  public static Haproxy start(Path sample, Path dir, List<Integer> nodePorts) throws IOException, InterruptedException {
    assertTrue(Files.isExecutable(BINARY), "needs " + BINARY + " (apt-get install haproxy)");
    for (int attempt = 1; ; attempt++) {
      Haproxy proxy = startOn(sample, dir, nodePorts, freePort(), freePort());
      if (proxy.awaitListening()) {
        return proxy;
      }
      if (attempt == 3) {
        fail("haproxy did not start: " + proxy.process.allStderr());
      }
    }
  }

  private static Haproxy startOn(Path sample, Path dir, List<Integer> nodePorts, int port, int statsPort) throws IOException {
    String config = Files.readString(sample);
    config = replaceOnce(FRONTEND, config, "$1 127.0.0.1:" + port);
    config = replaceOnce(STATS, config, "$1" + statsPort);
    Matcher servers = SERVER.matcher(config);
    StringBuilder changed = new StringBuilder();
    int node = 0;
    while (servers.find()) {
      assertTrue(node < nodePorts.size(), "more server lines than nodes in " + sample);
      servers.appendReplacement(changed, "$1 127.0.0.1:" + nodePorts.get(node++));
    }
    servers.appendTail(changed);
    assertEquals(nodePorts.size(), node, "server lines in " + sample);
    Path file = dir.resolve("haproxy.cfg");
    Files.writeString(file, "global\n    log stderr format raw local0\n\n" + changed);
    return new Haproxy(RunningProcess.start(List.of(BINARY.toString(), "-db", "-f", file.toString())), port, statsPort);
  }

  /**
   * Whether HAProxy came up: its stats page answers only once every listener is bound, and it
   * exits when one cannot be.
   */
  private boolean awaitListening() throws InterruptedException {
    long deadline = System.nanoTime() + RunningProcess.TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (process.exitCodeIfExited().isPresent()) {
        return false;
      }
      try {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/;csv")).timeout(Duration.ofSeconds(2)).build();
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return true;
        }
      } catch (IOException notYet) {
        // Not listening yet: asked again, at once, until it is or has exited.
        process.awaitExitFor(Duration.ofMillis(50));
      }
    }
    fail("haproxy neither listened nor exited within " + RunningProcess.TIMEOUT + ": " + process.allStderr());
    return false;
  }

  private static String replaceOnce(Pattern line, String config, String replacement) {
    Matcher matcher = line.matcher(config);
    assertTrue(matcher.find(), "no line /" + line + "/ in the sample");
    String replaced = matcher.replaceFirst(replacement);
    assertTrue(!line.matcher(replaced).find(), "more than one line /" + line + "/ in the sample");
    return replaced;
  }

  /** A port free just now: HAProxy cannot be told to take any and say which. */
  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /** Where browsers and clients connect: the WebSocket address. */
  public URI uri() {
    return URI.create("ws://127.0.0.1:" + port + "/");
  }

  /** The origin of the page served through the proxy, which its WebSocket sends. */
  public String origin() {
    return "http://127.0.0.1:" + port;
  }

  /** An HTTP GET through the proxy: its status. */
  public int get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(origin() + path)).timeout(Duration.ofSeconds(10)).build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** The backend's servers by name, from the stats page's CSV; empty until HAProxy answers. */
  public Map<String, Server> servers() throws InterruptedException {
    if (process.exitCodeIfExited().isPresent()) {
      fail("haproxy exited: " + process.allStderr());
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/;csv")).timeout(Duration.ofSeconds(5)).build();
    String csv;
    try {
      csv = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException notYet) {
      return Map.of(); // Still starting.
    }
    String[] lines = csv.split("\n");
    List<String> columns = Arrays.asList(lines[0].replaceFirst("^# ", "").split(",", -1));
    Map<String, Server> servers = new HashMap<>();
    for (String line : Arrays.asList(lines).subList(1, lines.length)) {
      String[] row = line.split(",", -1);
      String name = row[columns.indexOf("svname")];
      if (!name.equals("FRONTEND") && !name.equals("BACKEND") && row[columns.indexOf("pxname")].startsWith("termchat")) {
        servers.put(
            name,
            new Server(
                row[columns.indexOf("status")],
                Integer.parseInt(row[columns.indexOf("scur")]),
                row[columns.indexOf("check_status")],
                row[columns.indexOf("check_code")]));
      }
    }
    return servers;
  }

  @Override
  public void close() {
    process.close();
  }
}
