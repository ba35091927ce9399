package dev.termchat.server.settings;

import java.nio.file.Path;

/** The settings of where the server listens and who may use it: address, TLS, password, origins, pages. */
public final class Access {
  private Access() {}

  public static final Setting<String> HOST = Setting.of(
      "--host", "HOST", String.class, "127.0.0.1",
      "Address to listen on (default: ${DEFAULT-VALUE}).");

  public static final Setting<Integer> PORT = Setting.of(
      "--port", "PORT", Integer.class, 8080, Limit.between(0, 65_535),
      "Port to listen on; 0 takes any free port (default: ${DEFAULT-VALUE}).");

  public static final Setting<String> ALLOWED_ORIGIN = Setting.of(
      "--allowed-origin", "ORIGIN", String.class, null,
      "Also accept this browser origin (repeatable): scheme, host and port, such as",
      "  https://chat.example.org",
      "Connections without an Origin header and from local pages are always accepted.").repeated();

  public static final Setting<String> OPERATOR = Setting.of(
      "--operator", "NAME", String.class, null,
      "A server operator (repeatable): in every room above its owner, and may ban from the whole server. "
          + "Give every node of a cluster the same.").repeated();

  public static final Setting<LogFormat> LOG_FORMAT = Setting.of(
      "--log-format", "FORMAT", LogFormat.class, LogFormat.text,
      "How log lines look: text, or json, one JSON object a line on stderr for Loki or Elasticsearch "
          + "(default: ${DEFAULT-VALUE}).");

  public static final Setting<Boolean> NO_WEB = Setting.flag(
      "--no-web",
      "Serve no web page (a browser gets 426); /healthz and /metrics still answer.");

  public static final Setting<Boolean> METRICS_FROM_ANYWHERE = Setting.flag(
      "--metrics-from-anywhere",
      "Answer GET /metrics from any address, not from this machine alone.");

  public static final Setting<String> PASSWORD = Setting.of(
      "--password", "PASSWORD", String.class, null,
      "Require this password from clients; also read from CHAT_PASSWORD, which other users cannot see in ps.")
      .orEnvironment("CHAT_PASSWORD");

  public static final Setting<Path> TLS_KEYSTORE = Setting.of(
      "--tls-keystore", "FILE", Path.class, null,
      "Serve wss:// with the key and certificate in this keystore (PKCS #12 or JKS).");

  public static final Setting<String> TLS_KEYSTORE_PASSWORD = Setting.of(
      "--tls-keystore-password", "PASSWORD", String.class, null,
      "The keystore's password; also read from CHAT_TLS_KEYSTORE_PASSWORD.")
      .orEnvironment("CHAT_TLS_KEYSTORE_PASSWORD");
}
