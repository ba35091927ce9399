package dev.termchat.server.edge;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The connection caps: in all, and per IP address (loopback exempt unless asked). A connection
 * counts from its accepted handshake until it closes; so that one address cannot take every
 * socket with handshakes it never finishes, its sockets count too, from accept, with room for
 * {@value #HANDSHAKES_PER_ADDRESS} more in their handshake. Confined to the I/O thread.
 */
final class Admission {
  static final int HANDSHAKES_PER_ADDRESS = 16;

  private final EdgeSettings settings;
  private int admitted;
  private final Map<InetAddress, Integer> byAddress = new HashMap<>();
  private final Map<InetAddress, Integer> socketsByAddress = new HashMap<>();

  Admission(EdgeSettings settings) {
    this.settings = settings;
  }

  /** Whether a connection from this address counts towards its address's cap. */
  boolean countsPerAddress(InetAddress address) {
    return settings.limitLoopback() || !address.isLoopbackAddress();
  }

  /**
   * Counts a connection in, unless a cap is reached.
   *
   * @return why it was refused, or empty when it was admitted
   */
  Optional<Refusal> admit(InetAddress address) {
    if (admitted >= settings.maxConnections()) {
      return Optional.of(Refusal.full("the server is full (" + settings.maxConnections() + " connections)"));
    }
    if (countsPerAddress(address)) {
      int count = byAddress.getOrDefault(address, 0);
      if (count >= settings.maxConnectionsPerAddress()) {
        return Optional.of(
            Refusal.tooManyFromAddress(
                "too many connections from "
                    + address.getHostAddress()
                    + " ("
                    + settings.maxConnectionsPerAddress()
                    + ")"));
      }
      byAddress.put(address, count + 1);
    }
    admitted++;
    return Optional.empty();
  }

  /**
   * Counts a socket just accepted in, unless its address has as many as it may hold.
   *
   * @return false when the socket must be closed at once
   */
  boolean acceptSocket(InetAddress address) {
    if (!countsPerAddress(address)) {
      return true;
    }
    int count = socketsByAddress.getOrDefault(address, 0);
    if (count >= settings.maxConnectionsPerAddress() + HANDSHAKES_PER_ADDRESS) {
      return false;
    }
    socketsByAddress.put(address, count + 1);
    return true;
  }

  /** Counts a socket that {@link #acceptSocket} let in back out. */
  void socketClosed(InetAddress address) {
    if (countsPerAddress(address)) {
      socketsByAddress.computeIfPresent(address, (any, count) -> count > 1 ? count - 1 : null);
    }
  }

  /** Counts an admitted connection out. */
  void release(InetAddress address) {
    admitted--;
    if (countsPerAddress(address)) {
      byAddress.computeIfPresent(address, (any, count) -> count > 1 ? count - 1 : null);
    }
  }
}
