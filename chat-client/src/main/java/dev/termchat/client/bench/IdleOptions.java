package dev.termchat.client.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/**
 * One {@code connections} run, or one part of it.
 *
 * @param servers the server, or the nodes of a cluster, over which the connections are spread in
 *     turn by their number
 * @param connections connections over all parts, numbered 0 to N - 1 and named c0, c1, ...
 * @param part which part this process opens: the connections whose number modulo {@code parts}
 *     is {@code part}; part 0 holds connection 0, and sends the message from its first connection still in
 * @param parts how many processes share the run
 * @param concurrency connection attempts in flight at once, in this part
 * @param sources loopback source addresses, 127.0.0.1 to 127.0.0.K, connection i on the (i mod
 *     K)th: each has its own ephemeral ports; 1 leaves the choice to the kernel
 * @param idle how long everyone stays idle before the message, once all are registered
 * @param timeout the longest wait for the connections to register, and then for the message
 * @param register whether the connections register and get the message; without, they only
 *     open (the WebSocket upgrade) and stay idle, so that any WebSocket server can be measured
 */
record IdleOptions(
    List<URI> servers, int connections, int part, int parts, int concurrency, int sources, Duration idle, Duration timeout,
    boolean register) {
  /** Connections a loopback source address takes by default: below its 28,232 ephemeral ports. */
  static final int PER_SOURCE = 20_000;
  /** 127.0.0.1 to 127.0.0.254. */
  static final int MAX_SOURCES = 254;

  IdleOptions {
    servers = List.copyOf(servers);
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("--server needs at least one server");
    }
    for (URI server : servers) {
      if (!"ws".equalsIgnoreCase(server.getScheme())) {
        throw new IllegalArgumentException("the bench speaks plain ws:// only, not " + server.getScheme() + "://");
      }
    }
    if (connections < 1) {
      throw new IllegalArgumentException("--connections must be at least 1");
    }
    if (parts < 1 || part < 0 || part >= parts || parts > connections) {
      throw new IllegalArgumentException("--part must be from 0 to --parts - 1, and --parts from 1 to --connections");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("--concurrency must be at least 1");
    }
    if (sources < 1 || sources > MAX_SOURCES) {
      throw new IllegalArgumentException("--sources must be from 1 to " + MAX_SOURCES);
    }
    if (sources > 1 && !servers.stream().allMatch(IdleOptions::loopback)) {
      throw new IllegalArgumentException("--sources above 1 needs servers on loopback (127.x.x.x or localhost)");
    }
    if (idle.isNegative() || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--idle must not be negative, --timeout must be positive");
    }
  }

  /** One source address per {@link #PER_SOURCE} connections, on loopback; else the kernel's choice. */
  static int defaultSources(List<URI> servers, int connections) {
    boolean local = !servers.isEmpty() && servers.stream().allMatch(IdleOptions::loopback);
    return local ? Math.min(MAX_SOURCES, Math.max(1, (connections + PER_SOURCE - 1) / PER_SOURCE)) : 1;
  }

  static boolean loopback(URI server) {
    String host = server.getHost();
    return host != null && (host.equals("localhost") || host.startsWith("127."));
  }

  /** This part's connections. */
  int localCount() {
    return (connections - part + parts - 1) / parts;
  }

  /** The number over all parts of this part's {@code local}th connection. */
  int indexOf(int local) {
    return part + local * parts;
  }

  /** Whether this part sends the message: it holds connection 0, the first it tries. */
  boolean sends() {
    return part == 0;
  }

  URI serverFor(int index) {
    return servers.get(index % servers.size());
  }

  /** The address connection {@code index} connects from, or null for the kernel's choice. */
  InetAddress sourceFor(int index) {
    if (sources == 1) {
      return null;
    }
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + index % sources)});
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
