package dev.termchat.server.room;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.server.wire.OutgoingFrame;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Scrollback and search: judged on the room thread (is the client in that room?), then answered
 * from the room's history in memory when the server keeps nothing else ({@link HistorySearch}), or else by the {@link
 * MessageArchive}, off the room thread; its answer comes back through the room's replies ({@link
 * RoomEvent.Answer}), so that it keeps its place among the client's other replies.
 */
final class RecallRules {
  private static final Logger log = RoomLogger.LOG;

  private final RoomDirectory rooms;
  private final Delivery delivery;
  private final RoomReplies replies;
  private final MessageArchive archive;
  /** Hands an answer or a refusal back to the room thread, from whichever thread the archive completes on. */
  private final Consumer<RoomEvent> later;

  RecallRules(RoomParts parts, MessageArchive archive, Consumer<RoomEvent> later) {
    this.rooms = parts.rooms();
    this.delivery = parts.delivery();
    this.replies = parts.replies();
    this.archive = archive;
    this.later = later;
  }

  void scrollback(RoomEvent.Scrollback asked) {
    Optional<Room> room = roomOf(asked.who(), asked.room(), "no messages sent");
    if (room.isEmpty()) {
      return;
    }
    String name = room.get().name();
    if (archive == MessageArchive.NONE) {
      // Memory is all there is: scrollback ends where the room's history ends.
      delivery.queueTo(asked.who(), RecallAnswers.page(name, room.get().history().before(asked.before(), asked.limit())));
      return;
    }
    answerLater(asked.who(), () -> archive.before(RoomNames.keyOf(name), asked.before(), asked.limit()), page -> RecallAnswers.page(name, page));
  }

  void search(RoomEvent.Search asked) {
    Optional<Room> room = roomOf(asked.who(), asked.room(), "not searched");
    if (room.isEmpty()) {
      return;
    }
    String name = room.get().name();
    if (!archive.searches()) {
      // Memory is all there is: the room's history is searched here, within a bounded time.
      List<MessageArchive.Hit> hits = HistorySearch.search(room.get().history(), name, asked.words(), asked.limit());
      delivery.queueTo(asked.who(), RecallAnswers.hits(name, asked.words(), hits));
      return;
    }
    answerLater(
        asked.who(),
        () -> archive.search(RoomNames.keyOf(name), asked.words(), asked.limit()),
        hits -> RecallAnswers.hits(name, asked.words(), hits));
  }

  /** An answer the archive gave, now on the room thread, in its place among the replies. */
  void answer(RoomEvent.Answer answer) {
    delivery.queueTo(answer.who(), OutgoingFrame.of(answer.frame()));
  }

  private Optional<Room> roomOf(Who who, String requested, String outcome) {
    Optional<Room> room = rooms.find(requested).filter(found -> found.contains(who));
    if (room.isEmpty()) {
      replies.refuse(who, ErrorCode.NOT_IN_ROOM, "you are not in " + RoomReplies.quoted(requested) + "; " + outcome);
    }
    return room;
  }

  /**
   * Asks the archive, and encodes its answer on the thread that completes it: the room thread
   * only queues the frame. A failure is told as {@code unavailable}, and logged.
   */
  private <T> void answerLater(Who who, Supplier<CompletableFuture<T>> ask, Function<T, ServerFrame> frame) {
    CompletableFuture<T> asked;
    try {
      asked = ask.get();
    } catch (RuntimeException e) {
      asked = CompletableFuture.failedFuture(e);
    }
    asked.whenComplete(
        (found, failure) -> {
          RoomEvent reply = null;
          if (failure == null) {
            try {
              reply = new RoomEvent.Answer(who, delivery.codec().encodeServerFrame(frame.apply(found)));
            } catch (RuntimeException e) {
              failure = e;
            }
          }
          if (reply == null) {
            log.warn("The message archive failed to answer {}", who, failure);
            reply = new RoomEvent.Refuse(who, ErrorCode.UNAVAILABLE, "the stored messages are out of reach just now; ask again later", null);
          }
          later.accept(reply);
        });
  }
}
