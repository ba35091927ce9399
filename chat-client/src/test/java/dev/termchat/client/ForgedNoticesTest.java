package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.NameKeys;
import dev.termchat.protocol.PrivateChat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client's own notices ({@code connection lost: server shutting down}, {@code alice left})
 * cannot be drawn by anyone else: no action, message, private message or history line, from
 * any name a server may send, starts the way every notice starts or looks as if it did, in color
 * or without.
 * Trial a15 named users after a notice's first words ({@code connection}, {@code you},
 * {@code caught}) and made their {@code /me} say the rest.
 */
class ForgedNoticesTest {
  private static final Instant NOON = Instant.parse("2026-11-26T12:00:00Z");
  private static final long AT_NOON = NOON.toEpochMilli();

  /** What the client says of its own: these are what a forger would copy. */
  private static final List<Consumer<ConsoleView>> NOTICES =
      List.of(
          view -> view.connectionLost("server shutting down"),
          view -> view.renamed("alice", "alice-2", true, "alice is taken"),
          view -> view.renamed("bob", "robert", false, ""),
          view -> view.left("carol"),
          view -> view.joined("bob"),
          view -> view.resumed(true, 3),
          view -> view.resumed(false, 0),
          view -> view.connected("alice", "", true, true),
          view -> view.connected("alice-2", "alice is taken", false, false),
          view -> view.reconnecting(
              java.time.Duration.ofMillis(400), 1, "the server cannot take you in just now (x)", java.util.Optional.empty()),
          view -> view.info("history: what was said before you joined"));

  private static List<String> shown(int colors, Consumer<ConsoleView> events) {
    Palette palette = colors == 0 ? Palette.plain() : Palette.colored(colors);
    StringWriter out = new StringWriter();
    ConsoleView view = new ConsoleView(new ChatLines(palette, Clock.fixed(NOON, ZoneOffset.UTC)), Output.plain(new PrintWriter(out), palette.isColored()));
    events.accept(view);
    return out.toString().lines().toList();
  }

  private static List<String> notices(int colors) {
    List<String> notices = new ArrayList<>();
    NOTICES.forEach(notice -> notices.addAll(shown(colors, notice)));
    if (colors == 0) { // In color a warning is yellow, not gray: a prefix of its own.
      notices.addAll(shown(colors, view -> view.serverError(new ErrorReply("message-too-long", "too long"))));
    }
    return notices;
  }

  /**
   * Every line that another party can make of a notice's words: its text cut at each space,
   * the first part as a name (with and without the colon that ends it, as a message adds one),
   * the rest as what that name says, does, or said before.
   */
  private static List<String> forgeries(int colors) {
    List<String> forged = new ArrayList<>();
    for (String notice : shown(0, view -> NOTICES.forEach(each -> each.accept(view))).stream().map(line -> line.substring("[12:00] ".length())).toList()) {
      String[] words = notice.split(" ");
      for (int cut = 1; cut < words.length; cut++) {
        String name = String.join(" ", Arrays.copyOfRange(words, 0, cut));
        String rest = String.join(" ", Arrays.copyOfRange(words, cut, words.length));
        String bare = name.replaceAll(":$", "");
        for (String who : List.of(name, bare, lookAlike(name), lookAlike(bare))) {
          forged.addAll(shown(colors, view -> {
            for (String address : Arrays.asList(null, "127.0.0.1:43420")) {
              view.message(new ChatMessage(true, who, rest, AT_NOON, address, null, null), false);
              view.message(new ChatMessage(false, who, rest, AT_NOON, address, null, null), false);
              view.message(new ChatMessage(true, who, rest, AT_NOON, address, null, null), true);
            }
            view.history(new ChatMessage(true, who, rest, AT_NOON, null, null, null), false);
            view.history(new ChatMessage(false, who, rest, AT_NOON, null, null, null), false);
            view.privateMessage(new PrivateChat(who, "alice", rest, AT_NOON, null, null), false);
          }));
        }
      }
    }
    return forged;
  }

  /** The same text in characters that look like its punctuation: hyphen, click, asterisk operator. */
  private static String lookAlike(String text) {
    return text.replace('-', '\u2010').replace('!', '\u01C3').replace('*', '\u2217');
  }

  /** What a line looks like: its confusable skeleton (UTS #39), after NFKC. */
  private static String looks(String line) {
    return NameKeys.shapeOf(Normalizer.normalize(line, Normalizer.Form.NFKC));
  }

  /** The longest start that all the lines share. */
  private static String sharedStart(List<String> lines) {
    String shared = lines.get(0);
    for (String line : lines) {
      int i = 0;
      while (i < Math.min(shared.length(), line.length()) && shared.charAt(i) == line.charAt(i)) {
        i++;
      }
      shared = shared.substring(0, i);
    }
    return shared;
  }

  @ParameterizedTest(name = "colors: {0}")
  @ValueSource(ints = {0, 16, 256})
  void noLineOfAnotherPartyStartsAsTheClientsNoticesDo(int colors) {
    List<String> notices = notices(colors);
    String mark = sharedStart(notices);
    String time = shown(colors, view -> view.message(new ChatMessage("bob", "hi", AT_NOON, null), false)).get(0);
    assertTrue(mark.length() > sharedStart(List.of(mark, time)).length(), "notices share more than their time: " + visible(mark));
    List<String> forged = forgeries(colors);
    assertTrue(forged.size() > 500, "forgeries tried: " + forged.size());
    for (String line : forged) {
      assertTrue(!looks(line).startsWith(looks(mark)), "passes for a notice: " + visible(line) + "\n  notices start " + visible(mark));
    }
  }

  /** Trial a15, as it was seen: {@code * connection lost: server shutting down}. */
  @ParameterizedTest(name = "colors: {0}")
  @ValueSource(ints = {0, 256})
  void anActionOfAUserNamedAfterANoticesFirstWordReadsAsAnAction(int colors) {
    List<String> lines = shown(colors, view -> {
      view.connectionLost("server shutting down");
      view.message(new ChatMessage(true, "connection", "lost: server shutting down", AT_NOON, "127.0.0.1:43420", null, null), false);
    });
    assertEquals(2, lines.size());
    assertTrue(!lines.get(0).equals(lines.get(1)), visible(lines.get(0)));
  }

  /**
   * Trial a38, with addresses hidden: names that start with look-alikes of the mark no list of
   * confusables names, shown as {@code [16:25] ᠆!᠆ connection lost: server shutting down}.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "\u1806!\u1806 connection lost", // MONGOLIAN TODO SOFT HYPHEN
    "-\u00a1- connection lost", // INVERTED EXCLAMATION MARK
    "-\u2755- you are now known as", // WHITE EXCLAMATION MARK ORNAMENT
    "\u30fc!\u30fc connection lost", // KATAKANA-HIRAGANA PROLONGED SOUND MARK, a modifier letter
    "\u2796!\u2796 connection lost", // HEAVY MINUS SIGN
    "-\u01c3- connection lost", // LATIN LETTER RETROFLEX CLICK
    "\u2010!\u2010 connection lost", // HYPHEN
    "\u4e00!\u4e00 connection lost", // CJK UNIFIED IDEOGRAPH-4E00, a letter that looks like a dash
    "\u3161\u01c3\u3161 connection lost", // HANGUL LETTER EU, and the click
    "\u3127!\u3127 connection lost", // BOPOMOFO LETTER I: letters drawn as dashes (final trial)
    "a\uff01a connection lost", // FULLWIDTH EXCLAMATION MARK between letters
    "~!~ connection lost",
    "--- connection lost"})
  void aNameThatStartsLikeTheMarkShowsItsFirstCharacterAsACode(String name) {
    String line = shown(0, view -> view.message(new ChatMessage(false, name, "server shutting down", AT_NOON, null, null, null), false)).get(0);
    String first = String.format("\\u%04X", name.codePointAt(0));
    assertEquals("[12:00] " + first + name.substring(1) + ": server shutting down", line);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"alice", "mary jane", "Jos\u00e9", "\u5317\u4eac", "2pac", "_bob", "\u4e00\u90ce", "\ud83d\ude42 bob", "o'neil", "a.b"})
  void anOrdinaryNameShowsAsItIs(String name) {
    String line = shown(0, view -> view.message(new ChatMessage(false, name, "hi", AT_NOON, null, null, null), false)).get(0);
    assertEquals("[12:00] " + name + ": hi", line);
  }

  private static String visible(String line) {
    return line.replace("\u001b", "ESC");
  }
}
