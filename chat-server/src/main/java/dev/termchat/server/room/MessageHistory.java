package dev.termchat.server.room;

import dev.termchat.server.wire.OutgoingFrame;
import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.History;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.ServerFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest messages, oldest first, at most so many; what a joining client is shown, and what a
 * resuming one missed. Each is kept with its frames, encoded once for everyone who is sent it: a
 * thousand clients joining at once, or resuming after a network blip, share the same bytes rather
 * than each holding its own copy of the history. Its memory is bounded by its size and the longest
 * message. Confined to the room thread.
 *
 * <p>It follows the log's positions ({@link LogPosition}), so that it can tell what came after any
 * of them, not only after a message it keeps: a client that saw nothing since it joined resumes
 * after the position it joined at. What it answers is whole from the first entry it saw, or the
 * newest message it let go of, whichever came later: before that, messages may have been said that
 * it never had or no longer has.
 */
final class MessageHistory implements HistoryBudget.Holder {
  /** A message kept, with the frames that carry it to extended and rooms clients. */
  static final class Kept {
    private final ChatMessage message;
    /** Where it stands in the log; {@code null} when its id named no position. */
    private final LogPosition position;
    /** The run of the log it came in: runs are not in order with each other. */
    private final int run;
    private OutgoingFrame live;
    private OutgoingFrame asHistory;
    /** The same for rooms clients, naming the room; encoded when the first one asks. */
    private OutgoingFrame liveInRoom;
    private OutgoingFrame asHistoryInRoom;

    /** The room it was said in, which rooms clients are told. */
    private final String room;

    private Kept(ChatMessage message, String room, LogPosition position, int run, OutgoingFrame live) {
      this.message = message;
      this.room = room;
      this.position = position;
      this.run = run;
      this.live = live;
    }

    ChatMessage message() {
      return message;
    }

    /** About what it takes: its text and its sender's name, in characters. */
    long chars() {
      return message.message().length() + message.from().length();
    }

    /** The message as it was broadcast, for a client of this dialect that missed it. */
    OutgoingFrame live(FrameCodec codec, Dialect dialect) {
      if (dialect == Dialect.ROOMS) {
        if (liveInRoom == null) {
          liveInRoom = encode(codec, new InRoom(room, message));
        }
        return liveInRoom;
      }
      if (live == null) {
        live = encode(codec, message);
      }
      return live;
    }

    /** The message marked as history, for a client of this dialect that joins after it. */
    OutgoingFrame asHistory(FrameCodec codec, Dialect dialect) {
      if (dialect == Dialect.ROOMS) {
        if (asHistoryInRoom == null) {
          asHistoryInRoom = encode(codec, new InRoom(room, new History(message)));
        }
        return asHistoryInRoom;
      }
      if (asHistory == null) {
        asHistory = encode(codec, new History(message));
      }
      return asHistory;
    }

    private static OutgoingFrame encode(FrameCodec codec, ServerFrame frame) {
      return OutgoingFrame.forBroadcast(codec.encodeServerFrame(frame));
    }
  }

  /**
   * The messages kept after a position, oldest first.
   *
   * @param whole whether they are all that was said after it
   */
  record Missed(List<Kept> messages, boolean whole) {}

  private final int capacity;
  private final ArrayDeque<Kept> messages = new ArrayDeque<>();
  /** The position of the entry applied last; {@code null} before the first, or after one without. */
  private LogPosition last;
  /**
   * Every message of this run after this position is kept; {@code null} until an entry of this
   * run had a position.
   */
  private LogPosition wholeAfter;
  /**
   * Counts the times the log went back behind itself (a cluster's stream deleted, read again from
   * its start) or gave an entry no position: its positions since are not in order with those before.
   */
  private int run;

  private final String room;
  /** Whether it let go of a message: it is whole only after that one. */
  private boolean everDropped;
  /** What all rooms' histories may keep together; the oldest message of all goes first. */
  private final HistoryBudget budget;

  /** The default room's history, on its own. */
  MessageHistory(int capacity) {
    this(capacity, RoomNames.DEFAULT_ROOM, HistoryBudget.NONE);
  }

  MessageHistory(int capacity, String room, HistoryBudget budget) {
    this.capacity = capacity;
    this.room = room;
    this.budget = budget;
  }

  /** The room it is of. */
  String room() {
    return room;
  }

  boolean isEmpty() {
    return messages.isEmpty();
  }

  /** The room is about to apply the entry with this id: what it adds comes at that position. */
  void reached(String entryId) {
    Optional<LogPosition> position = LogPosition.of(entryId);
    if (position.isEmpty() || (last != null && !position.get().after(last))) {
      run++;
      wholeAfter = null;
    }
    last = position.orElse(null);
    if (wholeAfter == null) {
      wholeAfter = last;
    }
  }

  /**
   * The room is made at the entry with this id: nothing was said in it before, so what it keeps
   * from now on is whole after any earlier position (of this run of the log).
   */
  void madeAt(String entryId, LogPosition floor) {
    reached(entryId);
    if (last != null && floor != null && last.after(floor)) {
      wholeAfter = floor;
    }
  }

  /**
   * Keeps a message of the entry reached last.
   *
   * @param live the frame that carried it to extended clients, or {@code null} when none was
   *     online: it is encoded if someone asks for it
   */
  void add(ChatMessage message, OutgoingFrame live) {
    if (capacity == 0) {
      return;
    }
    if (messages.size() == capacity) {
      dropFirst();
    }
    Kept kept = new Kept(message, room, last, run, live);
    messages.addLast(kept);
    budget.kept(this, kept.chars());
  }

  @Override
  public void letGoOldest() {
    if (!messages.isEmpty()) {
      dropFirst();
    }
  }

  /** Lets go of the oldest message; from then on what is kept is whole only after it. */
  private void dropFirst() {
    everDropped = true;
    Kept dropped = messages.pollFirst();
    budget.dropped(this, dropped.chars());
    if (dropped.run == run && dropped.position != null && (wholeAfter == null || dropped.position.after(wholeAfter))) {
      wholeAfter = dropped.position;
    }
  }

  /**
   * Begins again from a room's own log as it was read ({@link RoomLoad}): its latest messages,
   * oldest first, each at its position in that log; the newest position that log had, up to
   * which a client entering now has seen everything; and where what it holds is whole after
   * ({@code null}: only after the first message given, or the newest position if none).
   */
  void reload(List<Map.Entry<String, ChatMessage>> latest, String newest, String wholeAfterId) {
    clear();
    run++;
    last = null;
    wholeAfter = null;
    for (Map.Entry<String, ChatMessage> message : latest) {
      reached(message.getKey());
      add(message.getValue(), null);
    }
    Optional<LogPosition> top = newest == null ? Optional.empty() : LogPosition.of(newest);
    if (top.isPresent() && (last == null || top.get().after(last))) {
      last = top.get();
    }
    Optional<LogPosition> whole = wholeAfterId == null ? Optional.empty() : LogPosition.of(wholeAfterId);
    if (whole.isPresent()) {
      wholeAfter = whole.get();
    } else if (wholeAfter == null) {
      wholeAfter = last;
    }
    everDropped = false;
  }

  /** The kept message with this id, if it is kept. */
  Optional<ChatMessage> find(String id) {
    return messages.stream().map(Kept::message).filter(message -> id.equals(message.id())).findFirst();
  }

  /** Lets go of the message with this id, deleted: no one joining or coming back is sent it. */
  void remove(String id) {
    messages.stream().filter(kept -> id.equals(kept.message().id())).findFirst().ifPresent(kept -> {
      messages.remove(kept);
      budget.dropped(this, kept.chars());
    });
  }

  /** Lets go of every message: the room is forgotten. */
  void clear() {
    while (!messages.isEmpty()) {
      dropFirst();
    }
  }

  /** The position of the entry applied last; {@code null} before the first. */
  LogPosition last() {
    return last;
  }

  /** Whether it ever kept a message: one said in its room, kept or let go since. */
  boolean everKept() {
    return everDropped || !messages.isEmpty();
  }

  /** The latest {@code count} messages, oldest first. */
  List<Kept> latest(int count) {
    List<Kept> latest = new ArrayList<>(Math.min(count, messages.size()));
    Iterator<Kept> newestFirst = messages.descendingIterator();
    while (latest.size() < count && newestFirst.hasNext()) {
      latest.add(newestFirst.next());
    }
    Collections.reverse(latest);
    return latest;
  }

  /**
   * What a client that resumes after this id missed: the messages kept after the position it
   * names, up to the entry reached last, oldest first; not whole when messages after it may have
   * been said that are not kept (it lies before the first entry seen, or before the newest message
   * let go of). Empty when it names no position before the entry reached last (not an id, or one
   * from a later run of the log): nothing kept is known to come after it.
   */
  Optional<Missed> after(String id) {
    Optional<LogPosition> parsed = LogPosition.of(id);
    if (parsed.isEmpty() || last == null || parsed.get().after(last)) {
      return Optional.empty();
    }
    LogPosition position = parsed.get();
    List<Kept> after = new ArrayList<>();
    Iterator<Kept> newestFirst = messages.descendingIterator();
    while (newestFirst.hasNext()) {
      Kept kept = newestFirst.next();
      if (kept.run != run || kept.position == null || !kept.position.after(position)) {
        break;
      }
      after.add(kept);
    }
    Collections.reverse(after);
    return Optional.of(new Missed(after, !wholeAfter.after(position)));
  }

  /**
   * Up to {@code limit} kept messages said before the one with this id, oldest first, and whether
   * older ones are kept: a page a client scrolling back asks for. An id that names no position
   * ({@code null} included) asks for the newest.
   */
  MessageArchive.Page before(String id, int limit) {
    Optional<LogPosition> bound = id == null ? Optional.empty() : LogPosition.of(id);
    List<ChatMessage> page = new ArrayList<>(Math.min(limit, messages.size()));
    Iterator<Kept> newestFirst = messages.descendingIterator();
    while (newestFirst.hasNext()) {
      Kept kept = newestFirst.next();
      if (bound.isPresent() && (kept.position == null || !bound.get().after(kept.position))) {
        continue;
      }
      if (page.size() == limit) {
        return new MessageArchive.Page(reversed(page), true);
      }
      page.add(kept.message);
    }
    return new MessageArchive.Page(reversed(page), false);
  }

  private static List<ChatMessage> reversed(List<ChatMessage> newestFirst) {
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  /**
   * The latest message of this kind and text sent under this name with this client id, if it is
   * still kept: another user who had the name before may have used the id for another line.
   */
  Optional<ChatMessage> sentAs(String from, String clientId, boolean action, String text) {
    Iterator<Kept> newestFirst = messages.descendingIterator();
    while (newestFirst.hasNext()) {
      ChatMessage message = newestFirst.next().message;
      if (clientId.equals(message.clientId())
          && from.equals(message.from())
          && action == message.action()
          && text.equals(message.message())) {
        return Optional.of(message);
      }
    }
    return Optional.empty();
  }
}
