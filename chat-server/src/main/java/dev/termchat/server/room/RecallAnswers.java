package dev.termchat.server.room;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ScrollbackPage;
import dev.termchat.protocol.SearchHits;
import java.util.ArrayList;
import java.util.List;

/**
 * The answers to scrollback and search, cut to one frame a client takes: a page loses its oldest
 * messages (and says there are more), a search its worst hits. Stateless; any thread.
 */
final class RecallAnswers {
  /** The most bytes one answer's messages may take, escaped as they are on the wire. */
  static final long MAX_ANSWER_BYTES = RoomSettings.MAX_CATCH_UP_BYTES;
  /** What a message takes beside its text, name, address and id: field names, time, quotes. */
  private static final int MESSAGE_OVERHEAD = 96;

  private RecallAnswers() {}

  /** A page of a room, oldest first, as many of the newest as fit; without addresses unless shared. */
  static ScrollbackPage page(String room, MessageArchive.Page page, boolean shareAddresses) {
    List<ChatMessage> messages = shareAddresses ? page.messages() : page.messages().stream().map(RecallAnswers::withoutAddress).toList();
    long bytes = 0;
    int first = messages.size();
    while (first > 0) {
      bytes += bytes(messages.get(first - 1));
      if (bytes > MAX_ANSWER_BYTES) {
        break;
      }
      first--;
    }
    return new ScrollbackPage(room, messages.subList(first, messages.size()), page.more() || first > 0);
  }

  /** The hits of a search, best first, as many of the best as fit; without addresses unless shared. */
  static SearchHits hits(String room, String words, List<MessageArchive.Hit> found, boolean shareAddresses) {
    List<SearchHits.Hit> hits = new ArrayList<>(found.size());
    long bytes = 0;
    for (MessageArchive.Hit hit : found) {
      bytes += bytes(hit.message()) + RoomInfoRules.escapedBytes(hit.room()) + 16L * hit.marks().size();
      if (bytes > MAX_ANSWER_BYTES) {
        break;
      }
      // A mark past its text would have a client highlight what is not there: left out.
      int length = hit.message().message().length();
      List<SearchHits.Mark> marks = hit.marks().stream()
          .filter(mark -> mark.start() >= 0 && mark.start() <= mark.end() && mark.end() <= length)
          .map(mark -> new SearchHits.Mark(mark.start(), mark.end()))
          .toList();
      hits.add(new SearchHits.Hit(hit.room(), shareAddresses ? hit.message() : withoutAddress(hit.message()), marks));
    }
    return new SearchHits(room, words, hits);
  }

  private static ChatMessage withoutAddress(ChatMessage message) {
    return message.address() == null ? message
        : new ChatMessage(message.action(), message.from(), message.message(), message.time(), null, message.id(), message.clientId());
  }

  private static long bytes(ChatMessage message) {
    return MESSAGE_OVERHEAD
        + RoomInfoRules.escapedBytes(message.from())
        + RoomInfoRules.escapedBytes(message.message())
        + (message.address() == null ? 0 : message.address().length())
        + (message.id() == null ? 0 : RoomInfoRules.escapedBytes(message.id()))
        + (message.clientId() == null ? 0 : RoomInfoRules.escapedBytes(message.clientId()));
  }
}
