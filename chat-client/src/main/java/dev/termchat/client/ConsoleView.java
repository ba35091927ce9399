package dev.termchat.client;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Printable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** A chat session as lines on the console, one per event. */
final class ConsoleView implements ChatView {
  private final ChatLines lines;
  private final Output out;

  ConsoleView(ChatLines lines, Output out) {
    this.lines = lines;
    this.out = out;
  }

  @Override
  public void connecting(URI server) {
    notice("connecting to " + server);
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
    out.println(lines.message(message, own));
  }

  @Override
  public void serverError(ErrorReply error) {
    out.println(lines.warning("server: " + Printable.escape(error.reason())));
  }

  @Override
  public void info(String text) {
    notice(text);
  }

  private void notice(String text) {
    out.println(lines.notice(text));
  }
}
