package dev.termchat.client;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.java_websocket.framing.CloseFrame;

/** Why a connection could not be made, in words for the person who started the client. */
final class ConnectFailures {
  private static final Pattern HANDSHAKE_STATUS = Pattern.compile("Status line: (.*)$");

  private ConnectFailures() {}

  /** Why an open connection was lost, for a person: the library's words where they are not. */
  static String describeLoss(String reason) {
    if (reason == null) {
      return "";
    }
    if (reason.contains("did not respond with a pong")) {
      return "no answer from the server for " + ServerConnection.LIVENESS_SECONDS + " s";
    }
    if (reason.equals(RefusalReadingDraft.LIMIT_REACHED)) {
      return "the server sent a message of more than " + RefusalReadingDraft.MAX_MESSAGE_BYTES / (1024 * 1024) + " MiB, more than the client takes";
    }
    return reason;
  }

  /**
   * Why a connection was let go before it joined, for a person.
   *
   * @param serverReason the reason of the server's error to the register, null when none came
   * @param closeReason the close frame's reason, null when none
   */
  static String describeTurnedAway(String serverReason, String closeReason) {
    if (serverReason != null) {
      // The cause, without the server's advice ("; connect again in a moment"): the client
      // follows it by itself.
      int advice = serverReason.indexOf(';');
      return "the server cannot take you in just now ("
          + (advice < 0 ? serverReason : serverReason.substring(0, advice)).strip() + ")";
    }
    String loss = describeLoss(closeReason);
    return "the server let the connection go before taking you in" + (loss.isEmpty() ? "" : " (" + loss + ")");
  }

  static String describe(int code, String reason, Exception failure) {
    if (failure instanceof HandshakeRefusal refused) {
      return refusal(refused.statusLine(), refused);
    }
    if (failure instanceof SSLException) {
      return describeTlsFailure(failure.getMessage() == null ? "" : failure.getMessage());
    }
    if (failure instanceof ConnectException) {
      return "connection refused (is the server running?)";
    }
    if (failure instanceof UnknownHostException || failure instanceof UnresolvedAddressException) {
      return "unknown host";
    }
    if (failure instanceof SocketTimeoutException) {
      return "timed out";
    }
    if (reason != null) {
      Matcher status = HANDSHAKE_STATUS.matcher(reason);
      if (status.find()) {
        return refusal(status.group(1).strip(), null);
      }
    }
    if (code == CloseFrame.NEVER_CONNECTED && failure == null) {
      return "no WebSocket answer (is that a chat server? if it serves wss://, use wss://)";
    }
    if (failure != null && failure.getMessage() != null) {
      return failure.getMessage();
    }
    return reason == null || reason.isEmpty() ? "closed with code " + code : reason;
  }

  private static String describeTlsFailure(String message) {
    if (message.contains("PKIX") || message.contains("certification path")) {
      return "the server's certificate is not trusted (pass it, or its CA, with --trust FILE)";
    }
    if (message.contains("No subject alternative") || message.contains("No name matching")) {
      return "the server's certificate is not valid for this host name (" + message + ")";
    }
    if (message.contains("Unsupported or unrecognized SSL message")
        || message.contains("Remote host terminated the handshake")) {
      return "no TLS answer (if the server serves plain ws://, use ws://)";
    }
    return "TLS failed: " + message;
  }

  /**
   * What an HTTP status instead of the WebSocket upgrade means, for a person.
   *
   * @param answer the server's whole answer when it was read, null when only its status line is known
   */
  private static String refusal(String statusLine, HandshakeRefusal answer) {
    return switch (status(statusLine)) {
      case "401" -> "wrong or missing password (give it with --password, --password-file or CHAT_PASSWORD)";
      case "403" -> "the server does not accept this client's origin";
      case "503" -> "the server is full or unavailable (HTTP 503); try again later";
      case "429" -> tooMany(answer);
      case "200" -> "not a WebSocket server (it answered " + statusLine + ")";
      default -> "the server refused the WebSocket handshake (" + statusLine + ")";
    };
  }

  /** Whether an attempt was refused for the server's password, wrong or not given (HTTP 401). */
  static boolean passwordRefused(String reason, Exception failure) {
    if (failure instanceof HandshakeRefusal refused) {
      return status(refused.statusLine()).equals("401");
    }
    Matcher status = reason == null ? null : HANDSHAKE_STATUS.matcher(reason);
    return status != null && status.find() && status(status.group(1).strip()).equals("401");
  }

  /** The status code of an HTTP status line, {@code "401"} of {@code "HTTP/1.1 401 Unauthorized"}. */
  private static String status(String statusLine) {
    String[] parts = statusLine.split(" ", 3);
    return parts.length > 1 ? parts[1] : "";
  }

  /**
   * A 429: too many connections from this address, or too many wrong server passwords from it,
   * which its body tells apart; after those, the server checks no password until Retry-After.
   */
  private static String tooMany(HandshakeRefusal answer) {
    if (answer != null && answer.body().contains("password")) {
      String wait = answer.retryAfterSeconds().stream().mapToObj(seconds -> seconds + " s").findFirst().orElse("a while");
      return "too many wrong server passwords from this address: the server checks none for " + wait
          + "; then give the right one (--password, --password-file or CHAT_PASSWORD)";
    }
    return "too many connections from this address; close some, or try again later";
  }
}
