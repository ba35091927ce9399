package dev.termchat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server's {@code /metrics}, fetched over real HTTP and read as Prometheus's text format. */
public final class Metrics {
  /** A sample line of Prometheus's text format: a name, labels maybe, a value. */
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (-?[0-9.eE+-]+|NaN|[+-]Inf)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Metrics() {}

  /** GET of a path on the server at this WebSocket address, over plain HTTP. */
  public static HttpResponse<String> get(URI server, String path) throws Exception {
    return get(server, path, Map.of());
  }

  /** The same, with these request headers. */
  public static HttpResponse<String> get(URI server, String path, Map<String, String> headers) throws Exception {
    URI uri = URI.create(server.toString().replaceFirst("^ws", "http") + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Every sample of a scrape, by name and labels; fails on a line that is not Prometheus text. */
  public static Map<String, Double> scrape(URI server) throws Exception {
    HttpResponse<String> response = get(server, "/metrics");
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    Map<String, Double> samples = new HashMap<>();
    for (String line : response.body().split("\n")) {
      if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      assertTrue(sample.matches(), "not Prometheus text: " + line);
      samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
    }
    return samples;
  }

  /** The first sample whose name and labels start with this, or NaN if none does. */
  public static double first(Map<String, Double> samples, String prefix) {
    return samples.entrySet().stream()
        .filter(sample -> sample.getKey().startsWith(prefix))
        .mapToDouble(Map.Entry::getValue)
        .findFirst()
        .orElse(Double.NaN);
  }
}
