package dev.termchat.server.room;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.server.wire.OutgoingFrame;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
  /**
   * Questions the archive may have at once, from all clients. It answers one at a time, up to
   * tens of milliseconds each in a store of millions: past this many, a client would wait
   * seconds behind others' (clients that each keep within their rate could queue minutes of
   * work, answered after they were gone), so more are refused {@code unavailable} at once.
   */
  static final int MOST_ASKING = 16;

  private final RoomDirectory rooms;
  private final UserRegistry registry;
  private final Delivery delivery;
  private final RoomReplies replies;
  private final MessageArchive archive;
  /**
   * Whether answers carry senders' addresses: what the store kept from a start that shared them
   * is not shared by one started with {@code --hide-addresses}, as its history is not.
   */
  private final boolean shareAddresses;
  /** Hands an answer or a refusal back to the room thread, from whichever thread the archive completes on. */
  private final Consumer<RoomEvent> later;
  /**
   * The clients with a question at the archive: one each at a time. Added to on the room thread,
   * removed from on the archive's as it answers.
   */
  private final Set<Who> asking = ConcurrentHashMap.newKeySet();

  RecallRules(RoomParts parts, MessageArchive archive, Consumer<RoomEvent> later) {
    this.shareAddresses = parts.settings().shareAddresses();
    this.rooms = parts.rooms();
    this.registry = parts.registry();
    this.delivery = parts.delivery();
    this.replies = parts.replies();
    this.archive = archive;
    this.later = later;
  }

  void scrollback(RoomEvent.Scrollback asked) {
    Optional<Room> room = roomOf(asked.who(), asked.room(), "no history sent");
    if (room.isEmpty()) {
      return;
    }
    String name = room.get().name();
    if (archive == MessageArchive.NONE) {
      // Memory is all there is: scrollback ends where the room's history ends.
      delivery.queueTo(asked.who(), RecallAnswers.page(name, room.get().history().before(asked.before(), asked.limit()), shareAddresses));
      return;
    }
    answerLater(asked.who(), () -> archive.before(RoomNames.keyOf(name), asked.before(), asked.limit()), page -> RecallAnswers.page(name, page, shareAddresses));
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
      delivery.queueTo(asked.who(), RecallAnswers.hits(name, asked.words(), hits, shareAddresses));
      return;
    }
    answerLater(
        asked.who(),
        () -> archive.search(RoomNames.keyOf(name), asked.words(), asked.limit()),
        hits -> RecallAnswers.hits(name, asked.words(), hits, shareAddresses));
  }

  /** An answer the archive gave, now on the room thread, in its place among the replies. */
  void answer(RoomEvent.Answer answer) {
    delivery.queueTo(answer.who(), OutgoingFrame.of(answer.frame()));
  }

  private Optional<Room> roomOf(Who who, String requested, String outcome) {
    if (registry.entryOf(who) == null) {
      replies.refuse(who, ErrorCode.NOT_REGISTERED, "register before asking for messages; " + outcome);
      return Optional.empty();
    }
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
    if (asking.contains(who)) {
      replies.refuse(who, ErrorCode.RATE_LIMITED, "one page or search at a time: ask again once the last is answered");
      return;
    }
    if (asking.size() >= MOST_ASKING) {
      replies.refuse(who, ErrorCode.UNAVAILABLE, "the stored messages are busy answering others; ask again in a moment");
      return;
    }
    asking.add(who);
    CompletableFuture<T> asked;
    try {
      asked = ask.get();
    } catch (RuntimeException e) {
      asked = CompletableFuture.failedFuture(e);
    }
    asked.whenComplete(
        (found, failure) -> {
          asking.remove(who);
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
