package dev.termchat.server.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One JSON object a line: {@code time}, {@code level}, {@code logger}, {@code message}, the
 * fields the call site put in the MDC ({@link LogFields}: {@code event}, {@code name}, {@code
 * address}, {@code code}, ...), and {@code error} with the stack trace when there is one.
 * Everything goes through Jackson, so no text a client chose can break a line or forge a field.
 */
final class JsonLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;
  private static final JsonFactory JSON = new JsonFactory();

  private final transient Level threshold;
  private final transient BasicMDCAdapter mdc;
  private final transient PrintStream out;
  private final String shortName;

  /** @param threshold the least level logged, or {@code null} for none */
  JsonLogger(String name, Level threshold, BasicMDCAdapter mdc, PrintStream out) {
    this.name = name;
    this.shortName = name.substring(name.lastIndexOf('.') + 1);
    this.threshold = threshold;
    this.mdc = mdc;
    this.out = out;
  }

  private boolean enabled(Level level) {
    return threshold != null && level.toInt() >= threshold.toInt();
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    StringWriter line = new StringWriter(160);
    try (JsonGenerator json = JSON.createGenerator(line)) {
      json.writeStartObject();
      json.writeStringField("time", Instant.now().toString());
      json.writeStringField("level", level.name());
      json.writeStringField("logger", shortName);
      json.writeStringField("message", MessageFormatter.basicArrayFormat(pattern, arguments));
      Map<String, String> fields = mdc.getCopyOfContextMap();
      if (fields != null) {
        for (Map.Entry<String, String> field : fields.entrySet()) {
          json.writeStringField(field.getKey(), field.getValue());
        }
      }
      if (throwable != null) {
        StringWriter trace = new StringWriter();
        throwable.printStackTrace(new PrintWriter(trace));
        json.writeStringField("error", trace.toString());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    out.println(line);
  }
}
