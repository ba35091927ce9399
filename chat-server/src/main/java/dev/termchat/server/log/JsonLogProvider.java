package dev.termchat.server.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Logging as one JSON object a line, for {@code --log-format json}. Not registered as a service:
 * SLF4J takes it only when named by {@value #PROPERTY}, which {@link #select} sets before the
 * first logger is made; otherwise SLF4J Simple logs, as readable as ever.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
  /** SLF4J's system property that names the provider to use. */
  public static final String PROPERTY = "slf4j.provider";

  private final BasicMDCAdapter mdc = new BasicMDCAdapter();
  private final BasicMarkerFactory markers = new BasicMarkerFactory();
  private JsonLoggerFactory loggers;

  /** Makes SLF4J log JSON lines; call before anything logs. */
  public static void select() {
    System.setProperty(PROPERTY, JsonLogProvider.class.getName());
    // SLF4J would say on stderr, in text, that it loads the provider named.
    System.setProperty("slf4j.internal.verbosity", "WARN");
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    loggers = new JsonLoggerFactory(mdc, System.err);
  }
}
