package dev.termchat.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The server's metrics in a Micrometer registry, scraped in Prometheus's text format: counters
 * that the room and the edge add to as things happen, gauges read at each scrape, and the JVM's
 * own figures (memory, garbage collection, threads, classes, processor, open files, uptime) as
 * Micrometer's binders name them.
 */
public final class PrometheusMeters implements ChatMeters, AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  /** Listens to the JVM's collections until closed. */
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Counter messagesIn =
      Counter.builder("termchat.messages.in").description("Messages, actions and private messages taken from clients, refused ones included").register(registry);
  private final Counter messagesOut =
      Counter.builder("termchat.messages.out").description("Messages and actions said to the room").register(registry);
  private final Counter deliveries =
      Counter.builder("termchat.deliveries").description("Messages queued to connections, one per recipient").register(registry);
  private final Counter rateLimited =
      Counter.builder("termchat.rate.limited").description("Frames dropped for going past their connection's rate").register(registry);
  /** Counters by tag value, made on first use. */
  private final Map<String, Counter> refusals = new ConcurrentHashMap<>();
  private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();

  public PrometheusMeters() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /**
   * Adds a counter that reads a running total of this object's at each scrape. The registry
   * holds the object weakly: it must be held elsewhere for as long as it is measured.
   */
  public <T> void counter(String name, String description, T source, ToDoubleFunction<T> total) {
    FunctionCounter.builder(name, source, total).description(description).register(registry);
  }

  /** Adds a gauge that reads this value at each scrape. */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  /** Everything, in Prometheus's text format. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void messageIn() {
    messagesIn.increment();
  }

  @Override
  public void messageOut(int recipients) {
    messagesOut.increment();
    deliveries.increment(recipients);
  }

  @Override
  public void refused(String cause) {
    refusals
        .computeIfAbsent(
            cause,
            key -> Counter.builder("termchat.refusals").description("Frames and connections refused, by cause").tag("cause", key).register(registry))
        .increment();
  }

  @Override
  public void rateLimited() {
    rateLimited.increment();
  }

  @Override
  public void closed(int code) {
    // Codes 3000 to 4999 are the peers' own to choose: one series for all, not one for each.
    int label = code >= 3000 && code != dev.termchat.protocol.Wire.CLOSE_RESUMED_ELSEWHERE ? 3000 : code;
    closes
        .computeIfAbsent(
            label,
            key ->
                Counter.builder("termchat.closes")
                    .description("Connections ended, by close code; 3000 stands for any from 3000 to 4999 but 4000")
                    .tag("code", Integer.toString(key))
                    .register(registry))
        .increment();
  }

  /** Stops listening to the JVM's collections. */
  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
