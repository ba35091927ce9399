package dev.termchat.client;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.Topic;
import dev.termchat.protocol.RoomList;
import dev.termchat.protocol.SearchHits;
import dev.termchat.protocol.Wire;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import org.jline.utils.AttributedString;

/**
 * A chat session as lines on the console, one per event, and a line for each new day. Called
 * from several threads; lines go out one at a time.
 */
final class ConsoleView implements ChatView {
  private final ChatLines lines;
  private final Output out;

  /** The day of the last line shown. Guarded by this. */
  private LocalDate lastDay;
  /** The name this client chats under, for mentions of it. */
  private volatile String ownName;
  /** Why the last attempt to reconnect failed, so that a reason is said once. */
  private volatile String lastFailure = "";

  ConsoleView(ChatLines lines, Output out) {
    this.lines = lines;
    this.out = out;
  }

  @Override
  public void connecting(URI server) {
    notice("connecting to " + server);
  }

  @Override
  public void connected(String name, String whyNotAsked, boolean reconnected, boolean newSession) {
    ownName = name;
    lastFailure = "";
    out.status("");
    List<String> notes = new ArrayList<>(2);
    if (!whyNotAsked.isEmpty()) {
      notes.add(Printable.escape(whyNotAsked));
    }
    if (newSession) {
      // Why, if the client can tell, comes with what the server's log still has: see sessionExpired
      // and notReachedBack.
      notes.add("a new session: the server no longer knew the old one");
    }
    notice(
        (reconnected ? "reconnected as " : "connected as ") + Printable.escape(name)
            + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"));
  }

  @Override
  public void connectionLost(String reason) {
    notice(reason.isEmpty() ? "connection lost" : "connection lost: " + Printable.escape(reason));
  }

  /**
   * Said once, not once an attempt: the first attempt, and a reason for failing that is new.
   * A terminal shows the attempts as they go in front of the prompt, with how long the
   * connection has been gone. A session that never joined lost nothing: it says why it is not
   * in yet.
   */
  @Override
  public void reconnecting(Duration delay, int attempt, String why, Optional<Duration> sinceLost) {
    String hint = out.atPrompt() ? "; /reconnect tries now" : "";
    if (sinceLost.isEmpty() && attempt == 1) {
      notice(Printable.escape(why) + "; trying again" + hint);
    } else if (sinceLost.isEmpty() && !why.equals(lastFailure)) {
      notice("cannot join: " + Printable.escape(why) + "; still trying");
    } else if (attempt == 1) {
      notice(String.format(Locale.ROOT, "reconnecting in %.1f s (attempt 1)", seconds(delay)) + hint);
    } else if (!why.isEmpty() && !why.equals(lastFailure)) {
      notice("cannot reconnect: " + Printable.escape(why) + "; still trying");
    }
    lastFailure = why;
    stillReconnecting(attempt, delay, sinceLost);
  }

  @Override
  public void stillReconnecting(int attempt, Duration untilNext, Optional<Duration> sinceLost) {
    out.status(
        String.format(
            Locale.ROOT,
            "%s; attempt %d in %.1f s",
            sinceLost.map(since -> "disconnected " + sinceLostText(since)).orElse("not in yet"),
            attempt,
            seconds(untilNext)));
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  private static String sinceLostText(Duration since) {
    long seconds = since.toSeconds();
    return seconds < 60 ? seconds + " s ago" : seconds / 60 + " min " + seconds % 60 + " s ago";
  }

  @Override
  public void users(List<String> names) {
    StringBuilder line = new StringBuilder("online (").append(names.size()).append("):");
    for (int i = 0; i < names.size(); i++) {
      line.append(i == 0 ? " " : ", ").append(Printable.escape(names.get(i)));
    }
    notice(line.toString());
  }

  @Override
  public void joined(String name) {
    notice(Printable.escape(name) + " joined");
  }

  @Override
  public void left(String name) {
    notice(Printable.escape(name) + " left");
  }

  @Override
  public void message(ChatMessage message, boolean own) {
    String name = ownName;
    boolean mentioned = !own && name != null && Mentions.mentions(message.message(), name);
    show(lines.timeOf(message), lines.message(message, own, mentioned ? name : null));
    if (mentioned) {
      out.bell();
    }
  }

  @Override
  public void renamed(String from, String to, boolean self, String whyNotAsked) {
    if (self) {
      ownName = to;
      notice("you are now known as " + Printable.escape(to) + (whyNotAsked.isEmpty() ? "" : " (" + Printable.escape(whyNotAsked) + ")"));
    } else {
      notice(Printable.escape(from) + " is now known as " + Printable.escape(to));
    }
  }

  @Override
  public void history(ChatMessage message, boolean first) {
    if (first) {
      notice("history: what was said before you joined");
    }
    // Not through show(): a day line among old messages would say the wrong day.
    synchronized (this) {
      out.println(lines.history(message));
    }
  }

  @Override
  public void resumed(boolean complete, int count) {
    notice(resumedText(complete, count));
  }

  private static String resumedText(boolean complete, int count) {
    if (complete) {
      return count == 0 ? "caught up: you missed nothing" : "caught up: " + count + (count == 1 ? " message" : " messages") + " you missed";
    } else if (count == 0) {
      // A log that began after where this client left off (a restarted server), or that cannot
      // place it: neither a fault nor, for all the client knows, a loss.
      return notReachedBackText("");
    }
    return "not all that was said while you were away can be sent again: the latest " + count + " follow";
  }

  private static String notReachedBackText(String where) {
    return "the server's log does not reach back to where you left off" + where + ", as after a restart: what was said in between is not there";
  }

  @Override
  public void sessionExpired() {
    notice("your session had expired: you were away longer than the server holds one for (its --resume-window)");
  }

  @Override
  public void notReachedBack(List<String> rooms) {
    notice(notReachedBackText(" in " + Printable.escape(String.join(", ", rooms))));
  }

  @Override
  public void privateMessage(PrivateChat message, boolean own) {
    Instant when = message.time() > 0 ? Instant.ofEpochMilli(message.time()) : lines.now();
    show(when, lines.privateMessage(message, own));
    if (!own) {
      out.bell();
    }
  }

  @Override
  public void serverError(ErrorReply error) {
    show(lines.now(), lines.warning("server: " + Printable.escape(error.reason())));
  }

  @Override
  public void users(List<String> names, String tag) {
    if (tag == null) {
      users(names);
      return;
    }
    StringBuilder line = new StringBuilder("in ").append(Printable.escape(tag)).append(" (").append(names.size()).append("):");
    for (int i = 0; i < names.size(); i++) {
      line.append(i == 0 ? " " : ", ").append(Printable.escape(names.get(i)));
    }
    notice(line.toString());
  }

  @Override
  public void joined(String name, String tag) {
    notice(Printable.escape(name) + " joined" + (tag == null ? "" : " " + Printable.escape(tag)));
  }

  @Override
  public void left(String name, String tag) {
    notice(Printable.escape(name) + " left" + (tag == null ? "" : " " + Printable.escape(tag)));
  }

  @Override
  public void message(ChatMessage message, boolean own, String tag) {
    String name = ownName;
    boolean mentioned = !own && name != null && Mentions.mentions(message.message(), name);
    show(lines.timeOf(message), lines.message(message, own, mentioned ? name : null, tag));
    if (mentioned) {
      out.bell();
    }
  }

  @Override
  public void history(ChatMessage message, boolean first, String tag) {
    if (first) {
      notice("history: what was said" + (tag == null ? "" : " in " + Printable.escape(tag)) + " before you joined");
    }
    synchronized (this) {
      out.println(lines.history(message, tag));
    }
  }

  @Override
  public void resumed(boolean complete, int count, String tag) {
    notice((tag == null ? "" : Printable.escape(tag) + ": ") + resumedText(complete, count));
  }

  @Override
  public void roomEntered(String room, Topic topic) {
    notice("you joined " + Printable.escape(room));
  }

  @Override
  public void roomParted(String room, boolean asked) {
    // Taken out by an operator, whose notice just said why: "you left" would read as their own doing.
    notice((asked ? "you left " : "you are no longer in ") + Printable.escape(room));
  }

  @Override
  public void topic(Topic topic) {
    notice(topic.topic().isEmpty()
        ? Printable.escape(topic.by()) + " cleared the topic of " + Printable.escape(topic.room())
        : "topic of " + Printable.escape(topic.room()) + ": " + Printable.escape(topic.topic()) + " (set by " + Printable.escape(topic.by()) + ")");
  }

  @Override
  public void rooms(RoomList list) {
    List<String> shown = new ArrayList<>();
    shown.add("rooms (" + list.count() + (list.count() > list.rooms().size() ? ", the " + list.rooms().size() + " biggest shown" : "") + "):");
    for (RoomList.Listed room : list.rooms()) {
      shown.add("  " + Printable.escape(room.room()) + " (" + room.members() + ")" + (room.topic().isEmpty() ? "" : ": " + Printable.escape(room.topic())));
    }
    shown.forEach(this::notice);
  }

  @Override
  public void earlier(String room, List<ChatMessage> messages, boolean more) {
    String where = Printable.escape(room);
    if (messages.isEmpty() && !more) {
      notice("nothing earlier in " + where + ": that is all the server keeps");
      return;
    }
    notice(messages.isEmpty() ? "nothing earlier in " + where : "earlier in " + where + ": " + messages.size() + (messages.size() == 1 ? " message" : " messages"));
    synchronized (this) {
      messages.forEach(message -> out.println(lines.history(message)));
    }
    notice(more ? "end of the earlier messages; /history or PageUp shows more" : "that is all the server keeps of " + where);
  }

  @Override
  public void found(SearchHits hits) {
    String searched = "\"" + Printable.escape(hits.words()) + "\" in " + Printable.escape(hits.room());
    notice(hits.hits().isEmpty() ? "nothing found for " + searched : "found for " + searched + ", best first:");
    synchronized (this) {
      hits.hits().forEach(hit -> out.println(lines.hit(hit)));
    }
    if (hits.hits().size() >= Wire.DEFAULT_SEARCH_HITS) {
      // The client asks for this many; a full answer says nothing of what was left out.
      notice("the best " + hits.hits().size() + " shown; more may hold those words: add a word to narrow the search");
    }
  }

  @Override
  public void switched(String room) {
    notice("typing in " + Printable.escape(room));
  }

  @Override
  public void roomsState(String state) {
    out.rooms(state);
  }

  /** Text of this program's own; each of its lines gets its time, like every other line. */
  @Override
  public void info(String text) {
    text.lines().forEach(this::notice);
  }

  private void notice(String text) {
    show(lines.now(), lines.notice(text));
  }

  private synchronized void show(Instant when, AttributedString line) {
    LocalDate day = lines.dayOf(when);
    if (lastDay != null && !day.equals(lastDay)) {
      out.println(lines.dayLine(day));
    }
    lastDay = day;
    out.println(line);
  }
}
