package dev.termchat.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Redis server on a free loopback port, for the life of a test: Debian's
 * {@code redis-server}, which README's setup and {@code .ci/run} install. No persistence, so that
 * a restart comes back empty, as a Redis that lost its data would.
 */
public final class RedisServer implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/redis-server");

  private final int port;
  private final List<String> options;
  private final URI uri;
  private RunningProcess process;

  private RedisServer(int port, List<String> options, URI uri) {
    this.port = port;
    this.options = options;
    this.uri = uri;
  }

  /**
   * Starts one on a free port and waits until it takes connections.
   *
   * @param options more of {@code redis-server}'s options, such as {@code "--maxmemory", "8mb",
   *     "--maxmemory-policy", "noeviction"}
   */
  public static RedisServer start(String... options) throws IOException, InterruptedException {
    int port = freePort();
    List<String> all = new ArrayList<>(List.of("--port", Integer.toString(port)));
    all.addAll(List.of(options));
    RedisServer server = new RedisServer(port, List.copyOf(all), URI.create("redis://127.0.0.1:" + port));
    server.launch();
    return server;
  }

  /**
   * Starts one that speaks TLS only, with a certificate that {@code certificates} holds, and
   * wants this password.
   */
  public static RedisServer startSecured(TestCertificates certificates, Path privateKey, String password)
      throws IOException, InterruptedException {
    int port = freePort();
    String certificate = certificates.certificate().toString();
    RedisServer server =
        new RedisServer(
            port,
            List.of(
                "--port", "0", "--tls-port", Integer.toString(port),
                "--tls-cert-file", certificate, "--tls-key-file", privateKey.toString(),
                "--tls-ca-cert-file", certificate, "--tls-auth-clients", "no",
                "--requirepass", password),
            URI.create("rediss://:" + password + "@127.0.0.1:" + port));
    server.launch();
    return server;
  }

  /**
   * A free port below the kernel's ephemeral range (32768 and up on Linux): a test that restarts
   * Redis on its port must find it free, and any program's outgoing connection may take a port
   * of that range the moment Redis lets go of it.
   */
  private static int freePort() throws IOException {
    assertTrue(Files.isExecutable(BINARY), "needs " + BINARY + " (apt-get install redis-server)");
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = 20_000 + random.nextInt(12_000);
      try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return probe.getLocalPort();
      } catch (IOException taken) {
        // Another test or program has it; try another.
      }
    }
    throw new IOException("no free port between 20000 and 32000");
  }

  private void launch() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(BINARY.toString()));
    command.addAll(options);
    command.addAll(List.of("--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "notice"));
    process = RunningProcess.start(command);
    process.awaitStdout("Ready to accept connections");
  }

  /** Stops the process (SIGSTOP): its connections stay open and it answers nothing. */
  public void freeze() throws IOException, InterruptedException {
    process.signal("STOP");
  }

  /** Lets a frozen process go on (SIGCONT). */
  public void thaw() throws IOException, InterruptedException {
    process.signal("CONT");
  }

  /** Stops it and starts it again on the same port, empty, as a Redis that lost its data. */
  public void restart() throws IOException, InterruptedException {
    close();
    launch();
  }

  /** Where it listens, with its password if it has one: {@code redis://} or {@code rediss://}. */
  public URI uri() {
    return uri;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
      process = null;
    }
  }
}
