package dev.termchat.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Redis server on a free loopback port, for the life of a test: Debian's
 * {@code redis-server}, which README's setup and {@code .ci/run} install. No persistence, so that
 * a restart comes back empty, as a Redis that lost its data would.
 */
public final class RedisServer implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/redis-server");

  private final int port;
  private RunningProcess process;

  private RedisServer(int port) {
    this.port = port;
  }

  /** Starts one on a free port and waits until it takes connections. */
  public static RedisServer start() throws IOException, InterruptedException {
    assertTrue(Files.isExecutable(BINARY), "needs " + BINARY + " (apt-get install redis-server)");
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    RedisServer server = new RedisServer(port);
    server.launch();
    return server;
  }

  private void launch() throws IOException, InterruptedException {
    process =
        RunningProcess.start(
            List.of(
                BINARY.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--loglevel", "notice"));
    process.awaitStdout("Ready to accept connections");
  }

  /** Stops it and starts it again on the same port, empty, as a Redis that lost its data. */
  public void restart() throws IOException, InterruptedException {
    close();
    launch();
  }

  public URI uri() {
    return URI.create("redis://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
      process = null;
    }
  }
}
