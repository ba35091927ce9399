package dev.termchat.client;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Printable;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** A chat session as plain lines of text, one per event. */
final class ConsoleView implements ChatView {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  /** Guarded by itself: lines from different threads never interleave. */
  private final PrintWriter out;
  private final ZoneId zone;

  ConsoleView(PrintWriter out, ZoneId zone) {
    this.out = out;
    this.zone = zone;
  }

  @Override
  public void connected(String name, String requested, boolean reconnected) {
    String line = (reconnected ? "reconnected as " : "connected as ") + Printable.escape(name);
    if (!name.equals(requested)) {
      line += " (asked for " + Printable.escape(requested) + ")";
    }
    notice(line);
  }

  @Override
  public void connectionLost(String reason) {
    notice(reason.isEmpty() ? "connection lost" : "connection lost: " + Printable.escape(reason));
  }

  @Override
  public void reconnecting(Duration delay, int attempt) {
    notice(
        String.format(
            Locale.ROOT, "reconnecting in %.1f s (attempt %d)", delay.toMillis() / 1000.0, attempt));
  }

  @Override
  public void usersChanged(List<String> names) {
    StringBuilder line = new StringBuilder("online (").append(names.size()).append("):");
    for (int i = 0; i < names.size(); i++) {
      line.append(i == 0 ? " " : ", ").append(Printable.escape(names.get(i)));
    }
    notice(line.toString());
  }

  @Override
  public void message(ChatMessage message, boolean own) {
    StringBuilder line = new StringBuilder();
    line.append('[').append(time(message.time())).append("] ");
    line.append(Printable.escape(message.from()));
    if (message.address() != null) {
      line.append(" (").append(Printable.escape(message.address())).append(')');
    }
    line.append(": ").append(Printable.escape(message.message()));
    print(line.toString());
  }

  @Override
  public void serverError(ErrorReply error) {
    notice("server: " + Printable.escape(error.reason()));
  }

  @Override
  public void info(String text) {
    notice(text);
  }

  private String time(long epochMillis) {
    Instant instant = epochMillis > 0 ? Instant.ofEpochMilli(epochMillis) : Instant.now();
    return TIME.format(instant.atZone(zone));
  }

  private void notice(String text) {
    print("* " + text);
  }

  private void print(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
