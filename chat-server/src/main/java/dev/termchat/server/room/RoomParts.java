package dev.termchat.server.room;

import dev.termchat.server.metrics.ChatMeters;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The parts of the room that its rules share, made once by {@link RoomRules}: each rule of one
 * role ({@link MembershipRules}, {@link ConversationRules}, {@link RosterRules}) takes the ones
 * it needs. All but {@code issued} are used on the room thread alone.
 *
 * @param toLog appends an event of the room's own making: a roster, a leave
 * @param following the made rooms whose own logs this node reads, when the log keeps rooms'
 *     lines apart; {@code null} when it carries them all in one order
 * @param issued the tokens of this node's joining connections as their clients get them, by the
 *     sealed tokens the log carries, until the join is applied; put there by other threads
 * @param moderation roles, bans and muted rooms, which the other rules consult
 */
record RoomParts(
    RoomSettings settings,
    UserRegistry registry,
    Delivery delivery,
    UsersList users,
    MadeRoomPresence madePresence,
    RoomDirectory rooms,
    Sessions sessions,
    MessageHistory history,
    PresenceGate gate,
    PresenceLines presence,
    RosterClock rosterClock,
    RoomCursor cursor,
    RoomReplies replies,
    Consumer<RoomEvent> toLog,
    Map<ResumeToken, ResumeToken> issued,
    ChatMeters meters,
    FollowedRooms following,
    RoomModeration moderation) {

  /** Whether made rooms' lines go to logs of their own, which {@link #following} reads. */
  boolean roomsApart() {
    return following != null;
  }

  /** Whether the user is on this node. */
  boolean local(Who who) {
    return who.node().equals(settings.node());
  }
}
