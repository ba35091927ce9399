package dev.termchat.client.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * What a bench run measured. Times in seconds or milliseconds as named; server figures only
 * with {@code --server-pid}, and null otherwise; {@code rooms} and {@code crossed} (messages a
 * client got from outside its room) only with {@code --rooms}. The presence figures are the users,
 * joined, left and renamed frames all clients received until everyone saw everyone (their JSON
 * text, without WebSocket framing), and those bytes per client that joined; with
 * {@code --then-join}, the same for each late join, one at a time, and how long each took to be
 * told to everyone in its room.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BenchReport(
    int clients,
    int connected,
    int failed,
    double connectSeconds,
    Double convergenceSeconds,
    int senders,
    int targetRate,
    int messageBytes,
    long sent,
    long delivered,
    long expected,
    double sendSeconds,
    double deliveriesPerSecond,
    long lost,
    long duplicates,
    long reordered,
    Integer rooms,
    Long crossed,
    long presenceBytes,
    long presenceFrames,
    double presenceBytesPerJoin,
    Integer lateJoins,
    Double lateJoinPresenceBytes,
    Double lateJoinSeconds,
    int disconnected,
    Double latencyP50Millis,
    Double latencyP90Millis,
    Double latencyP99Millis,
    Double latencyMaxMillis,
    Double serverCpuMicrosPerDelivery,
    Double serverCpuMicrosPerMessage,
    Double serverWritesPerDelivery,
    Double serverRssMiBIdle,
    Double serverRssMiBEnd) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The report as a table for a person. */
  String toTable() {
    StringBuilder table = new StringBuilder();
    row(table, "clients", connected + " connected of " + clients + (failed > 0 ? ", " + failed + " failed" : ""));
    row(table, "connect time", seconds(connectSeconds));
    if (rooms != null) {
      row(table, "rooms", rooms + ", rooms clients, " + clients / rooms + (clients % rooms == 0 ? "" : " or " + (clients / rooms + 1))
          + " in each");
    }
    row(table, "everyone sees everyone", convergenceSeconds == null ? "not reached" : seconds(convergenceSeconds));
    row(table, "presence received", String.format(Locale.ROOT, "%,.0f B per join (%,d B in %,d frames)",
        presenceBytesPerJoin, presenceBytes, presenceFrames));
    if (lateJoins != null) {
      row(table, "then one join at a time", lateJoinPresenceBytes == null
          ? lateJoins + " joins, not told to everyone in time"
          : String.format(Locale.ROOT, "%d joins: %,.0f B of presence each, told to all in %.3f s",
              lateJoins, lateJoinPresenceBytes, lateJoinSeconds));
    }
    if (senders > 0) {
      row(table, "senders", senders + " at " + targetRate + " msg/s in all, " + messageBytes + " B each");
      row(table, "messages sent", Long.toString(sent));
      row(table, "deliveries", delivered + " of " + expected + " expected");
      row(table, "deliveries/s", String.format(Locale.ROOT, "%,.0f", deliveriesPerSecond));
      row(table, "lost / duplicated / reordered", lost + " / " + duplicates + " / " + reordered);
      if (crossed != null) {
        row(table, "from another room", Long.toString(crossed));
      }
      row(table, "latency p50 / p90 / p99 / max",
          String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f ms",
              latencyP50Millis, latencyP90Millis, latencyP99Millis, latencyMaxMillis));
    }
    if (disconnected > 0) {
      row(table, "disconnected by the server", Integer.toString(disconnected));
    }
    if (serverCpuMicrosPerDelivery != null) {
      row(table, "server CPU per delivery", String.format(Locale.ROOT, "%.2f us", serverCpuMicrosPerDelivery));
      // What compares across --rooms: a message of one room of 500 is 500 deliveries, of 100 rooms 5.
      row(table, "server CPU per message", String.format(Locale.ROOT, "%.1f us", serverCpuMicrosPerMessage));
      row(table, "server writes per delivery", String.format(Locale.ROOT, "%.3f", serverWritesPerDelivery));
    }
    if (serverRssMiBIdle != null) {
      row(table, "server RSS, everyone idle", String.format(Locale.ROOT, "%.1f MiB", serverRssMiBIdle));
      row(table, "server RSS at the end", String.format(Locale.ROOT, "%.1f MiB", serverRssMiBEnd));
    }
    return table.toString();
  }

  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.3f s", value);
  }

  private static void row(StringBuilder table, String name, String value) {
    table.append(String.format(Locale.ROOT, "%-32s %s%n", name, value));
  }
}
