package dev.termchat.server.settings;

import java.util.List;

/**
 * Every setting of the server, in the order {@code --help} lists them; declared by role in
 * {@link Access}, {@link Limits} and {@link RoomOptions}.
 */
public final class ServerSettings {
  private ServerSettings() {}

  public static final List<Setting<?>> ALL = List.of(
      Access.HOST,
      Access.PORT,
      Limits.MAX_FRAME_BYTES,
      Limits.MAX_FRAGMENTS,
      Limits.MAX_MESSAGE_LENGTH,
      Limits.RATE,
      Limits.BURST,
      Limits.RENAMES_PER_MINUTE,
      Limits.RENAME_BURST,
      Limits.JOINS_PER_MINUTE,
      Limits.JOIN_BURST,
      Limits.LIST_NAMES,
      Limits.MAX_CONNECTIONS,
      Limits.MAX_CONNECTIONS_PER_ADDRESS,
      Limits.LIMIT_LOOPBACK,
      Limits.MAX_QUEUED_BYTES,
      Limits.MAX_QUEUED_BYTES_TOTAL,
      Limits.MAX_QUEUED_BYTES_PER_ADDRESS,
      Limits.MAX_UNFINISHED_BYTES,
      Limits.SOCKET_SEND_BUFFER_BYTES,
      Limits.PING_INTERVAL,
      Limits.HANDSHAKE_TIMEOUT,
      Limits.REGISTER_TIMEOUT,
      Access.ALLOWED_ORIGIN,
      Access.OPERATOR,
      Access.LOG_FORMAT,
      Access.NO_WEB,
      Access.METRICS_FROM_ANYWHERE,
      RoomOptions.HIDE_ADDRESSES,
      RoomOptions.HISTORY,
      RoomOptions.MAX_ROOMS,
      RoomOptions.MAX_ROOMS_PER_CONNECTION,
      RoomOptions.RESUME_WINDOW,
      RoomOptions.DATA,
      RoomOptions.KEEP_DAYS,
      RoomOptions.KEEP_PER_ROOM,
      AccountOptions.OFFLINE_MESSAGES,
      AccountOptions.OFFLINE_DAYS,
      AccountOptions.REGISTRATIONS_PER_HOUR,
      RoomOptions.REDIS,
      RoomOptions.REDIS_STREAM_BYTES,
      Access.PASSWORD,
      Access.TLS_KEYSTORE,
      Access.TLS_KEYSTORE_PASSWORD);
}
