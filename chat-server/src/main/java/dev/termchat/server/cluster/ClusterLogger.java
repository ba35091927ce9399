package dev.termchat.server.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster log's one logger, named as operators know it ("RedisRoomLog") whichever of its
 * threads writes the line; by name rather than by class, so its parts do not depend on the
 * class that wires them.
 */
final class ClusterLogger {
  static final Logger LOG = LoggerFactory.getLogger("dev.termchat.server.cluster.RedisRoomLog");

  private ClusterLogger() {}
}
