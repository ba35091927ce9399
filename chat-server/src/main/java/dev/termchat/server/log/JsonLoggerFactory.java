package dev.termchat.server.log;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;

/**
 * The JSON loggers, one per name. The level is SLF4J Simple's setting, so that one property
 * ({@code -Dorg.slf4j.simpleLogger.defaultLogLevel=debug}) works in either format, and
 * Java-WebSocket stays quiet as in text.
 */
final class JsonLoggerFactory implements ILoggerFactory {
  private static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
  private static final String QUIET_PREFIX = "org.java_websocket";

  private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
  private final BasicMDCAdapter mdc;
  private final PrintStream out;
  private final Level threshold;

  JsonLoggerFactory(BasicMDCAdapter mdc, PrintStream out) {
    this.mdc = mdc;
    this.out = out;
    this.threshold = Level.valueOf(System.getProperty(LEVEL_PROPERTY, "info").toUpperCase(Locale.ROOT));
  }

  @Override
  public Logger getLogger(String name) {
    return loggers.computeIfAbsent(name, key -> new JsonLogger(key, key.startsWith(QUIET_PREFIX) ? null : threshold, mdc, out));
  }
}
