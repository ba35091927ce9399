package dev.termchat.server.room;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.server.room.MessageArchive.Hit;
import dev.termchat.server.room.MessageArchive.Mark;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Search over a room's history in memory, where nothing beyond memory keeps messages: a server
 * that keeps memory only, or a cluster, whose rooms' streams keep about as many lines as the
 * histories do. A hit holds every word, as a part of its text whatever the case; the best come
 * first (most matches, then newest), each with where its words matched.
 *
 * <p>It reads at most the newest {@value #MAX_SCANNED} messages of the room, so that a request
 * costs the room's thread a bounded time (about a millisecond here) however long the history is.
 * Confined to the room thread.
 */
final class HistorySearch {
  /** The most messages of a room one search reads, newest first. */
  static final int MAX_SCANNED = 2_000;
  /** The most words a search takes; any after are left out. */
  static final int MAX_WORDS = 16;

  private HistorySearch() {}

  private record Found(ChatMessage message, List<Mark> marks) {}

  static List<Hit> search(MessageHistory history, String room, String words, int limit) {
    List<String> wanted = words(words);
    if (wanted.isEmpty() || limit <= 0) {
      return List.of();
    }
    List<MessageHistory.Kept> kept = history.latest(MAX_SCANNED);
    List<Found> found = new ArrayList<>();
    for (int i = kept.size() - 1; i >= 0; i--) {
      ChatMessage message = kept.get(i).message();
      List<Mark> marks = marks(message.message(), wanted);
      if (marks != null) {
        found.add(new Found(message, marks));
      }
    }
    // A stable sort: among hits with as many matches, the newest stays first.
    found.sort(Comparator.comparingInt((Found hit) -> hit.marks().size()).reversed());
    return found.stream().limit(limit).map(hit -> new Hit(room, hit.message(), hit.marks())).toList();
  }

  /** The words asked for, split at white space, in lower case, each once, at most {@value #MAX_WORDS}. */
  static List<String> words(String words) {
    Set<String> wanted = new LinkedHashSet<>();
    for (String word : words.strip().split("\\s+")) {
      if (!word.isEmpty() && wanted.size() < MAX_WORDS) {
        wanted.add(word.toLowerCase(Locale.ROOT));
      }
    }
    return List.copyOf(wanted);
  }

  /**
   * Where each word occurs in the text, in order, overlapping matches joined; {@code null} when
   * a word does not occur.
   */
  static List<Mark> marks(String text, List<String> words) {
    String lower = text.toLowerCase(Locale.ROOT);
    // Lower case may change a text's length (a dotted capital I becomes two characters): then
    // its offsets are not the text's, and each place is compared as it is instead.
    boolean sameOffsets = lower.length() == text.length();
    List<Mark> marks = new ArrayList<>();
    for (String word : words) {
      int before = marks.size();
      int at = sameOffsets ? lower.indexOf(word) : find(text, word, 0);
      while (at >= 0) {
        marks.add(new Mark(at, at + word.length()));
        int next = at + Math.max(1, word.length());
        at = sameOffsets ? lower.indexOf(word, next) : find(text, word, next);
      }
      if (marks.size() == before) {
        return null;
      }
    }
    marks.sort(Comparator.comparingInt(Mark::start));
    return joined(marks);
  }

  private static int find(String text, String word, int from) {
    for (int at = from; at + word.length() <= text.length(); at++) {
      if (text.regionMatches(true, at, word, 0, word.length())) {
        return at;
      }
    }
    return -1;
  }

  private static List<Mark> joined(List<Mark> sorted) {
    List<Mark> joined = new ArrayList<>(sorted.size());
    for (Mark mark : sorted) {
      Mark last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
      if (last != null && mark.start() <= last.end()) {
        joined.set(joined.size() - 1, new Mark(last.start(), Math.max(last.end(), mark.end())));
      } else {
        joined.add(mark);
      }
    }
    return joined;
  }
}
