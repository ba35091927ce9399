package dev.termchat.server.store;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Best matches first, by BM25 (k1 1.2, b 0.75, as FTS5's {@code bm25}), computed here over the
 * candidates a search read, with each word's weight from how many of the room's recent messages
 * hold it. FTS5's own {@code bm25} counts every row holding each word across the whole store for
 * its weights, on every query: 25 ms a word that a million messages hold, where a search must
 * answer in 50.
 *
 * <p>Words are folded as FTS5's {@code unicode61} tokenizer folds them (case, and the accents
 * it takes off Latin letters), so that a word counts here where the index matched it.
 */
final class SearchRanking {
  private static final double K1 = 1.2;
  private static final double B = 0.75;

  /** A message that holds every word, newest first as read. */
  record Candidate(long seq, String text) {}

  private final List<String> words;
  private final double[] weights;

  /**
   * @param words the words searched for, as typed
   * @param sample how many recent messages of the room the counts were taken over
   * @param holding how many of those hold each word, in the order of {@code words}
   */
  SearchRanking(List<String> words, long sample, long[] holding) {
    this.words = words.stream().map(SearchRanking::fold).toList();
    this.weights = new double[holding.length];
    for (int i = 0; i < holding.length; i++) {
      long n = Math.min(holding[i], sample);
      weights[i] = Math.log(1 + (sample - n + 0.5) / (n + 0.5));
    }
  }

  /** The best {@code limit} of the candidates, the newest first among equals. */
  List<Candidate> best(List<Candidate> candidates, int limit) {
    int[][] counts = new int[candidates.size()][];
    long allTokens = 0;
    for (int i = 0; i < counts.length; i++) {
      counts[i] = counts(fold(candidates.get(i).text()));
      allTokens += counts[i][words.size()];
    }
    double averageLength = Math.max(1.0, (double) allTokens / Math.max(1, counts.length));
    List<Scored> scored = new ArrayList<>(candidates.size());
    for (int i = 0; i < counts.length; i++) {
      scored.add(new Scored(candidates.get(i), score(counts[i], averageLength)));
    }
    scored.sort(Comparator.comparingDouble(Scored::score).reversed()
        .thenComparing(Comparator.comparingLong((Scored each) -> each.candidate().seq()).reversed()));
    return scored.stream().limit(limit).map(Scored::candidate).toList();
  }

  private record Scored(Candidate candidate, double score) {}

  private double score(int[] counts, double averageLength) {
    double score = 0;
    double lengthNorm = K1 * (1 - B + B * counts[words.size()] / averageLength);
    for (int w = 0; w < words.size(); w++) {
      score += weights[w] * counts[w] * (K1 + 1) / (counts[w] + lengthNorm);
    }
    return score;
  }

  /** How often each word is in the folded text, and last how many words it has. */
  private int[] counts(String folded) {
    int[] counts = new int[words.size() + 1];
    for (String token : tokens(folded)) {
      counts[words.size()]++;
      int w = words.indexOf(token);
      if (w >= 0) {
        counts[w]++;
      }
    }
    return counts;
  }

  /** Lower case, and Latin letters without their accents, as {@code unicode61} folds. */
  static String fold(String text) {
    if (text.chars().allMatch(c -> c < 0x80)) {
      return text.toLowerCase(Locale.ROOT); // Most text, and the cost of a search that ranks ten thousand
    }
    String apart = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder folded = new StringBuilder(apart.length());
    Character.UnicodeScript base = Character.UnicodeScript.COMMON;
    for (int i = 0; i < apart.length(); ) {
      int point = apart.codePointAt(i);
      boolean mark = Character.getType(point) == Character.NON_SPACING_MARK;
      if (!mark) {
        base = Character.UnicodeScript.of(point);
      }
      if (!mark || base != Character.UnicodeScript.LATIN) {
        folded.appendCodePoint(point);
      }
      i += Character.charCount(point);
    }
    return Normalizer.normalize(folded, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  /** The words of folded text, as the index reads them. */
  static List<String> tokens(String folded) {
    return SearchWords.tokens(folded);
  }
}
