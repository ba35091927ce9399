package dev.termchat.server.metrics;

/**
 * What the room and the edge count, as they see it happen; {@link PrometheusMeters} turns the
 * counts into metrics. Called on the hot paths, so an implementation only adds to counters.
 */
public interface ChatMeters {
  /** Counts nothing: for tests, and for parts that are not measured. */
  ChatMeters NONE = new ChatMeters() {};

  /** A client's message, action or private message was taken by the room. */
  default void messageIn() {}

  /** A message went out to this many connections. */
  default void messageOut(int deliveries) {}

  /** A frame or a connection was refused, for this cause (an error code, or an HTTP refusal). */
  default void refused(String cause) {}

  /** A frame was dropped for going past its connection's rate. */
  default void rateLimited() {}

  /** A connection ended with this close code. */
  default void closed(int code) {}
}
