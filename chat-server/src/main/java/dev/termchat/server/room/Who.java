package dev.termchat.server.room;

import java.util.Objects;

/**
 * A connection, named so that the name can cross a process boundary: the node it is on and its
 * number there. Room events carry these, not connections, so that a shared log can carry them.
 */
public record Who(String node, long connection) {
  public Who {
    Objects.requireNonNull(node, "node");
  }
}
