package dev.termchat.server.edge;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A handshake answered with an HTTP error instead of 101: the status, a line for the log, and
 * the body a person reads, which says the same.
 */
record Refusal(int status, String statusText, String reason, String... headers) {
  static Refusal badRequest(String reason) {
    return new Refusal(400, "Bad Request", reason);
  }

  static Refusal notWebSocket() {
    return new Refusal(
        426,
        "Upgrade Required",
        "this is a WebSocket chat server; connect with a chat client",
        "Upgrade: websocket",
        "Sec-WebSocket-Version: 13");
  }

  static Refusal tooManyHeaders() {
    return new Refusal(431, "Request Header Fields Too Large", "too many header lines");
  }

  static Refusal headTooLarge() {
    return new Refusal(431, "Request Header Fields Too Large", "a request head is at most " + Handshake.MAX_BYTES / 1024 + " KB");
  }

  static Refusal wrongVersion() {
    return new Refusal(
        426, "Upgrade Required", "only WebSocket version 13 is spoken here", "Sec-WebSocket-Version: 13");
  }

  static Refusal forbiddenOrigin() {
    return new Refusal(403, "Forbidden", "origin not allowed");
  }

  static Refusal wrongPassword() {
    return new Refusal(401, "Unauthorized", "wrong or missing password", "WWW-Authenticate: Bearer");
  }

  /** This address has given too many wrong server passwords: it is not even compared. */
  static Refusal passwordGuessesLimited(long waitSeconds) {
    return new Refusal(429, "Too Many Requests", "too many wrong passwords from this address; try again in " + waitSeconds + " s",
        "Retry-After: " + waitSeconds);
  }

  static Refusal full(String reason) {
    return new Refusal(503, "Service Unavailable", reason, "Retry-After: 5");
  }

  /** This address has as many connections as one address may. */
  static Refusal tooManyFromAddress(String reason) {
    return new Refusal(429, "Too Many Requests", reason, "Retry-After: 5");
  }

  /** The whole response, body included; the connection closes after it. */
  ByteBuffer httpResponse() {
    return HttpAnswer.text(status, statusText, reason, List.of(headers)).bytes();
  }
}
