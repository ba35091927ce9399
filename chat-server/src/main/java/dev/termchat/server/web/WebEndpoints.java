package dev.termchat.server.web;

import dev.termchat.server.edge.HttpAnswer;
import dev.termchat.server.edge.PlainHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The server's plain HTTP face, on the WebSocket's own port: the chat's web page (its files, and
 * {@code /settings.json}, what it must know before anyone joins), {@code /healthz} for load
 * balancers and service managers, and {@code /metrics} for Prometheus. The page's files are read
 * from the jar once, at start.
 */
public final class WebEndpoints implements PlainHttp {
  /**
   * The page runs only its own script and style, talks only to its own origin, and may not be
   * framed: whatever a remote party manages to get into it cannot load or send anything.
   */
  static final String CONTENT_SECURITY_POLICY =
      "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; "
          + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private static final List<String> PAGE_HEADERS =
      List.of(
          CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options: nosniff",
          "Referrer-Policy: no-referrer",
          "Cache-Control: no-cache");
  private static final List<String> NO_STORE = List.of("Cache-Control: no-store", "X-Content-Type-Options: nosniff");
  /** The page's files: its document, its modules and its style. */
  private static final Map<String, String> FILES =
      Map.ofEntries(
          Map.entry("index.html", "text/html; charset=utf-8"),
          Map.entry("account.js", "text/javascript; charset=utf-8"),
          Map.entry("app.js", "text/javascript; charset=utf-8"),
          Map.entry("commands.js", "text/javascript; charset=utf-8"),
          Map.entry("conversation.js", "text/javascript; charset=utf-8"),
          Map.entry("join.js", "text/javascript; charset=utf-8"),
          Map.entry("moderation.js", "text/javascript; charset=utf-8"),
          Map.entry("names.js", "text/javascript; charset=utf-8"),
          Map.entry("outbox.js", "text/javascript; charset=utf-8"),
          Map.entry("recall.js", "text/javascript; charset=utf-8"),
          Map.entry("rooms.js", "text/javascript; charset=utf-8"),
          Map.entry("roomview.js", "text/javascript; charset=utf-8"),
          Map.entry("scrollback.js", "text/javascript; charset=utf-8"),
          Map.entry("session.js", "text/javascript; charset=utf-8"),
          Map.entry("text.js", "text/javascript; charset=utf-8"),
          Map.entry("style.css", "text/css; charset=utf-8"));
  /** The content type Prometheus's text format is served with. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Map<String, HttpAnswer> pages;
  private final BooleanSupplier healthy;
  private final Supplier<String> metrics;
  private final boolean metricsFromAnywhere;

  /**
   * @param page whether to serve the chat's web page, and what it is to say of a password
   * @param healthy whether the server takes connections and its room runs (and, in a cluster,
   *     reaches Redis)
   * @param metrics the metrics in Prometheus's text format
   * @param metricsFromAnywhere whether {@code /metrics} answers any address, not loopback alone
   */
  public WebEndpoints(PageMode page, BooleanSupplier healthy, Supplier<String> metrics, boolean metricsFromAnywhere) {
    this.pages = page == PageMode.NONE ? Map.of() : loadPages(page);
    this.healthy = healthy;
    this.metrics = metrics;
    this.metricsFromAnywhere = metricsFromAnywhere;
  }

  private static Map<String, HttpAnswer> loadPages(PageMode mode) {
    Map<String, HttpAnswer> pages = new HashMap<>();
    FILES.forEach((file, contentType) -> pages.put("/" + file, page(file, contentType)));
    pages.put("/", pages.get("/index.html"));
    pages.put(
        "/settings.json",
        HttpAnswer.ok("application/json; charset=utf-8", mode.settingsJson().getBytes(StandardCharsets.UTF_8), NO_STORE));
    return Map.copyOf(pages);
  }

  private static HttpAnswer page(String file, String contentType) {
    try (InputStream in = WebEndpoints.class.getResourceAsStream("/web/" + file)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks web/" + file);
      }
      return HttpAnswer.ok(contentType, in.readAllBytes(), PAGE_HEADERS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read web/" + file + " from the jar", e);
    }
  }

  @Override
  public boolean servesPage() {
    return !pages.isEmpty();
  }

  /** Names of this machine that only a browser on it would put in a Host header. */
  private static final java.util.Set<String> LOOPBACK_HOSTS = java.util.Set.of("localhost", "127.0.0.1", "[::1]");

  /**
   * Whether the request comes from this machine itself: over loopback, not through a proxy on
   * it, and to a loopback name, so that a page whose name was rebound to this machine's address
   * cannot read the metrics through a visitor's browser either.
   */
  private static boolean fromThisMachine(Request request) {
    String host = request.host().toLowerCase(java.util.Locale.ROOT);
    int colon = host.lastIndexOf(':');
    String name = colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
    return request.peer().isLoopbackAddress() && !request.forwarded() && (name.isEmpty() || LOOPBACK_HOSTS.contains(name));
  }

  @Override
  public Optional<HttpAnswer> answer(Request request) {
    String path = request.path();
    switch (path) {
      case "/healthz":
        return Optional.of(
            healthy.getAsBoolean()
                ? HttpAnswer.text(200, "OK", "ok", NO_STORE)
                : HttpAnswer.text(503, "Service Unavailable", "unavailable", NO_STORE));
      case "/metrics":
        if (!metricsFromAnywhere && !fromThisMachine(request)) {
          return Optional.of(
              HttpAnswer.text(403, "Forbidden", "metrics are served to this machine only (see --metrics-from-anywhere)", NO_STORE));
        }
        return Optional.of(new HttpAnswer(200, "OK", PROMETHEUS_TEXT, NO_STORE, metrics.get().getBytes(StandardCharsets.UTF_8)));
      default:
        if (pages.isEmpty()) {
          return Optional.empty(); // Told to upgrade: this is a WebSocket server.
        }
        return Optional.of(pages.getOrDefault(path, HttpAnswer.text(404, "Not Found", "no such page", NO_STORE)));
    }
  }
}
