package dev.termchat.server.room;

import dev.termchat.protocol.ChatMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The latest messages, oldest first, at most so many; what a joining client is shown, and what a
 * resuming one missed. Its memory is bounded by its size and the longest message. Confined to
 * the room thread.
 */
final class MessageHistory {
  private final int capacity;
  private final ArrayDeque<ChatMessage> messages = new ArrayDeque<>();

  MessageHistory(int capacity) {
    this.capacity = capacity;
  }

  void add(ChatMessage message) {
    if (capacity == 0) {
      return;
    }
    if (messages.size() == capacity) {
      messages.pollFirst();
    }
    messages.addLast(message);
  }

  /** The latest {@code count} messages, oldest first. */
  List<ChatMessage> latest(int count) {
    List<ChatMessage> latest = new ArrayList<>(Math.min(count, messages.size()));
    Iterator<ChatMessage> newestFirst = messages.descendingIterator();
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
  Optional<List<ChatMessage>> after(String id) {
    List<ChatMessage> after = new ArrayList<>();
    Iterator<ChatMessage> newestFirst = messages.descendingIterator();
    while (newestFirst.hasNext()) {
      ChatMessage message = newestFirst.next();
      if (id.equals(message.id())) {
        Collections.reverse(after);
        return Optional.of(after);
      }
      after.add(message);
    }
    return Optional.empty();
  }

  /** The latest message sent under this name with this client id, if it is still kept. */
  Optional<ChatMessage> sentAs(String from, String clientId) {
    Iterator<ChatMessage> newestFirst = messages.descendingIterator();
    while (newestFirst.hasNext()) {
      ChatMessage message = newestFirst.next();
      if (clientId.equals(message.clientId()) && from.equals(message.from())) {
        return Optional.of(message);
      }
    }
    return Optional.empty();
  }
}
