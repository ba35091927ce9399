package dev.termchat.server.room;

/**
 * An event as the log gives it to the room: with the id the log gave it, which orders it among
 * all others and is a message's id, and the time it was logged.
 */
public record LogEntry(String id, long time, RoomEvent event) {}
