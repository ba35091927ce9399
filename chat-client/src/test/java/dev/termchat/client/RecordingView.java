package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.fail;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.PrivateChat;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A view that records what a session would show, one line per event, for a test to take. */
final class RecordingView implements ChatView {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  /** Everything taken so far, for failure messages. */
  private final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Waits for an event that starts with the prefix, skipping others; returns it. */
  String await(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      String event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (event == null) {
        fail("no event starting with '" + prefix + "' within " + TIMEOUT + "; saw " + seen);
      }
      seen.add(event);
      if (event.startsWith(prefix)) {
        return event;
      }
    }
  }

  /** Every event so far, in order: those taken by {@link #await} and those still to take. */
  List<String> all() {
    events.drainTo(seen);
    return List.copyOf(seen);
  }

  @Override
  public void connected(String name, String whyNotAsked, boolean reconnected, boolean newSession) {
    events.add(
        (reconnected ? "reconnected " : "connected ") + name
            + (whyNotAsked.isEmpty() ? "" : " (" + whyNotAsked + ")")
            + (newSession ? " (new session)" : ""));
  }

  @Override
  public void connectionLost(String reason) {
    events.add("lost " + reason);
  }

  @Override
  public void reconnecting(Duration delay, int attempt, String why, Optional<Duration> sinceLost) {
    events.add("reconnecting " + attempt + (why.isEmpty() ? "" : ": " + why) + (sinceLost.isEmpty() ? " (never joined)" : ""));
  }

  @Override
  public void stillReconnecting(int attempt, Duration untilNext, Optional<Duration> sinceLost) {
    events.add(
        "still " + attempt + " in " + untilNext.toSeconds() + " s, "
            + sinceLost.map(since -> "lost " + since.toSeconds() + " s ago").orElse("never joined"));
  }

  @Override
  public void connecting(java.net.URI server) {
    events.add("connecting " + server);
  }

  @Override
  public void users(List<String> names) {
    events.add("users " + names);
  }

  @Override
  public void joined(String name) {
    events.add("joined " + name);
  }

  @Override
  public void left(String name) {
    events.add("left " + name);
  }

  @Override
  public void message(ChatMessage message, boolean own) {
    events.add((message.action() ? "action " : "message ") + message.from() + ": " + message.message());
  }

  @Override
  public void renamed(String from, String to, boolean self, String whyNotAsked) {
    events.add("renamed " + from + " " + to + (self ? " (self)" : "") + (whyNotAsked.isEmpty() ? "" : " (" + whyNotAsked + ")"));
  }

  @Override
  public void history(ChatMessage message, boolean first) {
    events.add("history " + message.from() + ": " + message.message());
  }

  @Override
  public void resumed(boolean complete, int count) {
    events.add("resumed " + (complete ? "complete " : "gap ") + count);
  }

  @Override
  public void privateMessage(PrivateChat message, boolean own) {
    events.add("private " + message.from() + " -> " + message.to() + ": " + message.message());
  }

  @Override
  public void serverError(ErrorReply error) {
    events.add("error " + error.code());
  }

  @Override
  public void info(String text) {
    events.add("info " + text);
  }

  @Override
  public void message(ChatMessage message, boolean own, String tag) {
    events.add((tag == null ? "" : "[" + tag + "] ") + (message.action() ? "action " : "message ") + message.from() + ": " + message.message());
  }

  @Override
  public void joined(String name, String tag) {
    events.add("joined " + name + (tag == null ? "" : " " + tag));
  }

  @Override
  public void left(String name, String tag) {
    events.add("left " + name + (tag == null ? "" : " " + tag));
  }

  @Override
  public void users(List<String> names, String tag) {
    events.add("users " + (tag == null ? "" : tag + " ") + names);
  }

  @Override
  public void resumed(boolean complete, int count, String tag) {
    events.add("resumed " + (tag == null ? "" : tag + " ") + (complete ? "complete " : "gap ") + count);
  }

  @Override
  public void roomEntered(String room, dev.termchat.protocol.Topic topic) {
    events.add("entered " + room);
  }

  @Override
  public void roomParted(String room, boolean asked) {
    events.add("parted " + room);
  }

  @Override
  public void switched(String room) {
    events.add("switched " + room);
  }

  @Override
  public void topic(dev.termchat.protocol.Topic topic) {
    events.add("topic " + topic.room() + ": " + topic.topic());
  }

  @Override
  public void rooms(dev.termchat.protocol.RoomList list) {
    events.add("rooms " + list.rooms().stream().map(room -> room.room() + " " + room.members()).toList());
  }

  @Override
  public void roomsState(String state) {
    events.add("prompt " + state);
  }

  @Override
  public void earlier(String room, List<ChatMessage> messages, boolean more) {
    events.add("earlier " + room + " " + messages.stream().map(ChatMessage::message).toList() + (more ? " more" : ""));
  }

  @Override
  public void found(dev.termchat.protocol.SearchHits hits) {
    events.add("found " + hits.room() + " " + hits.hits().stream().map(hit -> hit.message().message()).toList());
  }
}
