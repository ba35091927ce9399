package dev.termchat.server.edge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's loggers, named as operators know them, whichever part writes the line: a
 * connection's story (refused, closed, why) under "Connection", the I/O thread's under
 * "IoLoop". By name rather than by class, so that a stage does not depend on its coordinator.
 */
final class EdgeLoggers {
  static final Logger CONNECTION = LoggerFactory.getLogger("dev.termchat.server.edge.Connection");
  static final Logger IO_LOOP = LoggerFactory.getLogger("dev.termchat.server.edge.IoLoop");

  private EdgeLoggers() {}
}
