package dev.termchat.server.cluster;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Ids of cluster nodes: random, so that a node that restarts is a new node to the others. */
public final class NodeIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private NodeIds() {}

  public static String next() {
    byte[] id = new byte[6];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }
}
