package dev.termchat.server.room;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.History;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The latest messages, oldest first, at most so many; what a joining client is shown, and what a
 * resuming one missed. Each is kept with its frames, encoded once for everyone who is sent it: a
 * thousand clients joining at once, or resuming after a network blip, share the same bytes rather
 * than each holding its own copy of the history. Its memory is bounded by its size and the longest
 * message. Confined to the room thread.
 */
final class MessageHistory {
  /** A message kept, with the frames that carry it to extended clients. */
  static final class Kept {
    private final ChatMessage message;
    private OutgoingFrame live;
    private OutgoingFrame asHistory;

    private Kept(ChatMessage message, OutgoingFrame live) {
      this.message = message;
      this.live = live;
    }

    ChatMessage message() {
      return message;
    }

    /** The message as it was broadcast, for a client that missed it. */
    OutgoingFrame live(FrameCodec codec) {
      if (live == null) {
        live = OutgoingFrame.forBroadcast(codec.encodeServerFrame(message));
      }
      return live;
    }

    /** The message marked as history, for a client that joins after it. */
    OutgoingFrame asHistory(FrameCodec codec) {
      if (asHistory == null) {
        asHistory = OutgoingFrame.forBroadcast(codec.encodeServerFrame(new History(message)));
      }
      return asHistory;
    }
  }

  private final int capacity;
  private final ArrayDeque<Kept> messages = new ArrayDeque<>();

  MessageHistory(int capacity) {
    this.capacity = capacity;
  }

  /**
   * @param live the frame that carried it to extended clients, or {@code null} when none was
   *     online: it is encoded if someone asks for it
   */
  void add(ChatMessage message, OutgoingFrame live) {
    if (capacity == 0) {
      return;
    }
    if (messages.size() == capacity) {
      messages.pollFirst();
    }
    messages.addLast(new Kept(message, live));
  }

  /** The latest {@code count} messages, oldest first. */
  List<Kept> latest(int count) {
    List<Kept> latest = new ArrayList<>(Math.min(count, messages.size()));
    Iterator<Kept> newestFirst = messages.descendingIterator();
    while (latest.size() < count && newestFirst.hasNext()) {
      latest.add(newestFirst.next());
    }
    Collections.reverse(latest);
    return latest;
  }

  /**
   * Everything after the message with this id, oldest first; empty when that message is no
   * longer kept, or never was.
   */
  Optional<List<Kept>> after(String id) {
    List<Kept> after = new ArrayList<>();
    Iterator<Kept> newestFirst = messages.descendingIterator();
    while (newestFirst.hasNext()) {
      Kept kept = newestFirst.next();
      if (id.equals(kept.message.id())) {
        Collections.reverse(after);
        return Optional.of(after);
      }
      after.add(kept);
    }
    return Optional.empty();
  }

  /**
   * The latest message of this kind and text sent under this name with this client id, if it is
   * still kept: another user who had the name before may have used the id for another line.
   */
  Optional<ChatMessage> sentAs(String from, String clientId, boolean action, String text) {
    Iterator<Kept> newestFirst = messages.descendingIterator();
    while (newestFirst.hasNext()) {
      ChatMessage message = newestFirst.next().message;
      if (clientId.equals(message.clientId())
          && from.equals(message.from())
          && action == message.action()
          && text.equals(message.message())) {
        return Optional.of(message);
      }
    }
    return Optional.empty();
  }
}
