package dev.termchat.server.room;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.server.room.UserRegistry.Entry;
import java.util.Optional;

/**
 * Why a message may not be said, from its text and who is online. Judged first on the sender's
 * node, before the message goes to the log, so that in a cluster its refusal never crosses the
 * log and no other node counts or logs it; and judged again when the log hands the message back,
 * as who is online may have changed in between.
 */
final class MessageChecks {
  /** Why a message is refused: its error code and the reason its sender reads. */
  record Refusal(ErrorCode code, String reason) {}

  private MessageChecks() {}

  static Optional<Refusal> ofText(String text) {
    return text.isEmpty() ? Optional.of(new Refusal(ErrorCode.EMPTY_MESSAGE, "a message needs text")) : Optional.empty();
  }

  /** Why a private message to the one online under {@code to} cannot reach them, if it cannot. */
  static Optional<Refusal> ofRecipient(UserRegistry registry, String to) {
    Optional<Entry> target = registry.whoIs(to).map(registry::entryOf);
    if (target.isEmpty() && registry.accounts().keepsFor(to)) {
      return Optional.empty(); // Kept for the account's owner, who is offline.
    }
    if (target.isEmpty()) {
      return Optional.of(
          new Refusal(ErrorCode.UNKNOWN_USER, "no one named " + RoomReplies.quoted(to) + " is online; not delivered"));
    }
    if (!target.get().dialect().extended()) {
      return Optional.of(
          new Refusal(
              ErrorCode.CANNOT_RECEIVE,
              RoomReplies.quoted(target.get().name()) + " uses a client that cannot show private messages; not delivered"));
    }
    return Optional.empty();
  }
}
