package dev.termchat.client;

import java.net.URI;
import java.util.List;

/**
 * The servers a session may connect to, taken in turn: the nodes of one cluster, on any of which
 * a session resumes, or a single server. At the start each is tried in order until one connects;
 * later, an attempt that fails moves on to the next, while the first attempt after a loss goes
 * back to the server that was lost, which may only have blinked. The wait between attempts grows
 * once a round of all of them, so that a dead node costs one short wait, not a longer one each
 * time. Not thread-safe: confined to the session thread.
 */
final class ServerRotation {
  private final List<URI> servers;
  /** The server of the last attempt, or of the connection now. */
  private int current;

  ServerRotation(List<URI> servers) {
    this.servers = List.copyOf(servers);
  }

  URI current() {
    return servers.get(current);
  }

  int size() {
    return servers.size();
  }

  /** An attempt on the current server failed: it is the next one's turn. */
  void failed() {
    current = (current + 1) % servers.size();
  }

  /**
   * Which round of attempts, counting from 1, the given attempt since the last success is in:
   * the attempt number to back off by.
   */
  int round(int attempt) {
    return (attempt + servers.size() - 1) / servers.size();
  }
}
