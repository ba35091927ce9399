package dev.termchat.server.room;

import dev.termchat.protocol.ChatMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A {@link MessageArchive} in memory, for tests of what uses one without a store: the messages
 * the test puts in, by room key, in the order put. It answers on a thread of its own, as a store
 * would, and can be held (answers wait until released) or broken (every answer fails).
 *
 * <p>Search takes whole words, case-blind, and finds the messages holding every one; best first
 * is the most words matched, then the newest; marks are every match of every word.
 */
public final class InMemoryArchive implements MessageArchive, AutoCloseable {
  private final Map<String, List<ChatMessage>> rooms = new ConcurrentHashMap<>();
  private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> new Thread(task, "test-archive"));
  /** Completed when answers may go: a held archive has a new one, not completed yet. */
  private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);
  private volatile boolean broken;

  public void add(String roomKey, ChatMessage message) {
    rooms.computeIfAbsent(roomKey, key -> new CopyOnWriteArrayList<>()).add(message);
  }

  /** Answers wait from now on until {@link #release}. */
  public void hold() {
    gate = new CompletableFuture<>();
  }

  public void release() {
    gate.complete(null);
  }

  /** Every answer fails from now on, as a store whose disk went away would. */
  public void breakDown() {
    broken = true;
  }

  @Override
  public CompletableFuture<Page> before(String roomKey, String before, int limit) {
    return answer(() -> {
      List<ChatMessage> all = rooms.getOrDefault(roomKey, List.of());
      int end = all.size();
      for (int i = 0; before != null && i < all.size(); i++) {
        if (before.equals(all.get(i).id())) {
          end = i;
        }
      }
      int start = Math.max(0, end - limit);
      return new Page(List.copyOf(all.subList(start, end)), start > 0);
    });
  }

  @Override
  public CompletableFuture<List<Hit>> search(String roomKey, String words, int limit) {
    return answer(() -> {
      List<String> wanted = List.of(words.toLowerCase(Locale.ROOT).trim().split("\\s+"));
      List<ChatMessage> all = rooms.getOrDefault(roomKey, List.of());
      List<Hit> hits = new ArrayList<>();
      for (int i = all.size() - 1; i >= 0; i--) {
        List<Mark> marks = marks(all.get(i).message(), wanted);
        if (marks != null) {
          hits.add(new Hit(roomKey, all.get(i), marks));
        }
      }
      // Stable: among equals, the newest stays first.
      hits.sort(Comparator.comparingInt((Hit hit) -> hit.marks().size()).reversed());
      return List.copyOf(hits.subList(0, Math.min(limit, hits.size())));
    });
  }

  /** Where each word is in the text as a whole word, in order; null unless every word is. */
  private static List<Mark> marks(String text, List<String> words) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<Mark> marks = new ArrayList<>();
    for (String word : words) {
      boolean found = false;
      for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
        int end = at + word.length();
        if ((at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1))) && (end == lower.length() || !Character.isLetterOrDigit(lower.charAt(end)))) {
          marks.add(new Mark(at, end));
          found = true;
        }
      }
      if (!found) {
        return null;
      }
    }
    marks.sort(Comparator.comparingInt(Mark::start));
    return marks;
  }

  @Override
  public boolean searches() {
    return true;
  }

  private <T> CompletableFuture<T> answer(Supplier<T> work) {
    return gate.thenApplyAsync(
        ignored -> {
          if (broken) {
            throw new IllegalStateException("the test broke the archive");
          }
          return work.get();
        },
        thread);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
