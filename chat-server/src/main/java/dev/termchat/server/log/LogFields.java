package dev.termchat.server.log;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * Fields for the log lines written while it is open, as {@code --log-format json} shows them
 * (the text format shows the message alone): {@code try (LogFields f = LogFields.of("event",
 * "join", "name", name)) { log.info(...); }}.
 */
public final class LogFields implements AutoCloseable {
  private final List<String> keys;

  private LogFields(List<String> keys) {
    this.keys = keys;
  }

  /** @param keysAndValues key, value, key, value...; a {@code null} value leaves its key out */
  public static LogFields of(Object... keysAndValues) {
    List<String> keys = new ArrayList<>(keysAndValues.length / 2);
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        String key = String.valueOf(keysAndValues[i]);
        MDC.put(key, String.valueOf(keysAndValues[i + 1]));
        keys.add(key);
      }
    }
    return new LogFields(keys);
  }

  @Override
  public void close() {
    keys.forEach(MDC::remove);
  }
}
