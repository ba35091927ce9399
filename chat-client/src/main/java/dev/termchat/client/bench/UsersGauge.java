package dev.termchat.client.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * How many users a node says are registered on every node of its cluster: its {@code /metrics}
 * gauge {@code termchat_users}. The parts of a split run cannot see each other's connections, and
 * in a room bigger than the server's {@code --list-names} no users list names them all, so this
 * is how the sending part knows that everyone is in.
 */
final class UsersGauge {
  private static final String GAUGE = "termchat_users ";
  /** A busy server's first scrape can take seconds (its meters are made then): a shorter wait missed every one. */
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
  private final URI metrics;

  /** @param server the node's {@code ws://} address */
  UsersGauge(URI server) {
    this.metrics = URI.create("http://" + server.getRawAuthority() + "/metrics");
  }

  /** The gauge now; empty when the node does not answer or has no such gauge. */
  OptionalLong read() {
    try {
      HttpResponse<String> answer =
          http.send(HttpRequest.newBuilder(metrics).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200 ? parse(answer.body()) : OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  static OptionalLong parse(String body) {
    for (String line : body.split("\n")) {
      if (line.startsWith(GAUGE)) {
        try {
          return OptionalLong.of((long) Double.parseDouble(line.substring(GAUGE.length()).trim()));
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }
}
