package dev.termchat.server.room;

/**
 * How the room behaves, beyond its fixed rules.
 *
 * @param shareAddresses whether messages carry their sender's IP address and port, as the seed's
 *     chat did; off, they carry none, and clients show the name alone
 */
public record RoomSettings(boolean shareAddresses) {
  public static RoomSettings defaults() {
    return new RoomSettings(true);
  }
}
