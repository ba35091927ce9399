package dev.termchat.server.room;

import dev.termchat.server.metrics.ChatMeters;
import dev.termchat.server.room.MessageChecks.Refusal;
import java.util.Optional;

/**
 * What the room takes from its connections: messages, private messages and renames. What can be
 * judged without the log (an empty message, a private message to no one online, a line for a
 * name that is no room's) is refused here, on the sender's node; the rest is appended, unless the
 * room is that far behind or shutting down. Every message taken counts in, said or refused. Any
 * thread.
 */
final class Intake {
  /**
   * Past either bound, messages are turned away (joins and leaves never are), so that the room
   * falling behind cannot take the heap with it: at most this many events, and at most this many
   * characters of message text, wait in all.
   */
  static final int MAX_WAITING_EVENTS = 100_000;
  static final long MAX_WAITING_CHARS = 8_000_000;

  private final RoomAccess room;
  private final UserRegistry registry;
  private final ChatMeters meters;

  Intake(RoomAccess room, UserRegistry registry, ChatMeters meters) {
    this.room = room;
    this.registry = registry;
    this.meters = meters;
  }

  PostResult say(Member member, String text, boolean action, String clientId, String named) {
    Optional<Refusal> refusal = registered(member) ? MessageChecks.ofText(text) : Optional.empty();
    if (refusal.isPresent()) {
      return counted(refused(member, refusal.get(), clientId));
    }
    boolean inARoom = named != null && member.dialect() == Dialect.ROOMS;
    Optional<String> target = inARoom ? RoomRequests.room(named) : Optional.empty();
    if (inARoom && target.isEmpty()) {
      return counted(refused(member, RoomRequests.notIn(named), clientId));
    }
    return counted(post(new RoomEvent.Say(member.who(), text, action, clientId, target.orElse(null)), text.length()));
  }

  PostResult whisper(Member member, String to, String text, String clientId) {
    Optional<Refusal> refusal =
        registered(member) ? MessageChecks.ofText(text).or(() -> MessageChecks.ofRecipient(registry, to)) : Optional.empty();
    if (refusal.isPresent()) {
      return counted(refused(member, refusal.get(), clientId));
    }
    return counted(post(new RoomEvent.Whisper(member.who(), to, text, clientId), text.length()));
  }

  PostResult rename(Member member, String name) {
    return post(new RoomEvent.Rename(member.who(), name), name.length());
  }

  /**
   * Whether the member is registered as this node sees it now. Until then, its messages go to
   * the log behind its register, and are judged where the log hands them back.
   */
  private boolean registered(Member member) {
    return registry.entryOf(member.who()) != null;
  }

  /** A message this node refuses before the log sees it, told in the order of the member's frames. */
  private PostResult refused(Member member, Refusal refusal, String clientId) {
    if (room.draining()) {
      return PostResult.STOPPING;
    }
    room.reject(member, refusal.code(), refusal.reason(), clientId);
    return PostResult.REFUSED;
  }

  /** A message taken from a client counts in, whether said or refused (OPERATIONS.md). */
  private PostResult counted(PostResult result) {
    if (result == PostResult.ACCEPTED || result == PostResult.REFUSED) {
      meters.messageIn();
    }
    return result;
  }

  private PostResult post(RoomEvent event, int chars) {
    if (room.draining()) {
      return PostResult.STOPPING;
    }
    if (room.backlog() >= MAX_WAITING_EVENTS || room.waitingChars() + chars > MAX_WAITING_CHARS) {
      return PostResult.BUSY;
    }
    room.append(event);
    return PostResult.ACCEPTED;
  }
}
