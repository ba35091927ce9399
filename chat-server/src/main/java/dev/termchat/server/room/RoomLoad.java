package dev.termchat.server.room;

import java.util.List;

/**
 * A followed room's own log as it was read when the node began to follow it ({@link
 * RoomLog#follow}), or again after it was found behind what was read (deleted, or its shard back
 * empty): what the room's history is made of from then on.
 *
 * @param room the room's name, as it was given to {@link RoomLog#follow}
 * @param reached false when the log could not be read (its shard out of reach): nothing else
 *     in it means anything
 * @param latest its latest lines ({@link RoomEvent.Line}), oldest first
 * @param last the id of the newest entry the log ever had, kept or not ({@code 0-0} for a log
 *     that never had one): where a client that enters now has seen everything up to
 * @param wholeAfter an id after which {@code latest} is everything the log had ({@code 0-0}
 *     when it never dropped an entry), or {@code null} when that is not known
 */
public record RoomLoad(String room, boolean reached, List<LogEntry> latest, String last, String wholeAfter) {
  public RoomLoad {
    latest = List.copyOf(latest);
  }

  /** Word that the room's log could not be read. */
  public static RoomLoad unreachable(String room) {
    return new RoomLoad(room, false, List.of(), null, null);
  }
}
