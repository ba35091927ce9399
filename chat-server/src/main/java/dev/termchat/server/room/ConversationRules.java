package dev.termchat.server.room;

import static dev.termchat.server.room.RoomReplies.quoted;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.NameKeys;
import dev.termchat.protocol.NameRules;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.RoomNames;
import dev.termchat.server.metrics.ChatMeters;
import dev.termchat.server.room.LineIds.Kind;
import dev.termchat.server.room.LineIds.Seen;
import dev.termchat.server.room.RoomEvent.Say;
import dev.termchat.server.room.RoomEvent.Whisper;
import dev.termchat.server.room.MessageChecks.Refusal;
import dev.termchat.server.room.UserRegistry.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is said: messages and actions for everyone, private messages for one, each said once
 * however often its sender sends it again under its id. Room thread only, one log entry at a
 * time.
 */
final class ConversationRules {
  private final RoomSettings settings;
  private final UserRegistry registry;
  private final Delivery delivery;
  private final UsersList users;
  private final Sessions sessions;
  private final RoomDirectory rooms;
  private final RoomCursor cursor;
  private final RoomReplies replies;
  private final MadeRoomPresence madePresence;
  private final ChatMeters meters;
  private final RoomParts parts;
  /** Told each message of the default room, under its sender's name, to keep for scrollback and search. */
  private final MessageArchive archive;

  ConversationRules(RoomParts parts, MessageArchive archive) {
    this.parts = parts;
    this.archive = archive;
    this.settings = parts.settings();
    this.registry = parts.registry();
    this.delivery = parts.delivery();
    this.users = parts.users();
    this.sessions = parts.sessions();
    this.rooms = parts.rooms();
    this.cursor = parts.cursor();
    this.replies = parts.replies();
    this.madePresence = parts.madePresence();
    this.meters = parts.meters();
  }

  void say(Say say) {
    Who who = say.who();
    Entry sender = speaker(who, say.text(), say.clientId());
    if (sender == null) {
      return;
    }
    Optional<Room> found = say.room() == null ? Optional.of(rooms.general()) : rooms.find(say.room());
    if (found.isEmpty() || !found.get().contains(who)) {
      String named = say.room() == null ? RoomNames.DEFAULT_ROOM : say.room();
      replies.refuse(who, ErrorCode.NOT_IN_ROOM, "you are not in " + quoted(named) + "; message not delivered", say.clientId());
      return;
    }
    Room room = found.get();
    if (!parts.moderation().maySpeak(room, who, sender.name())) {
      replies.refuse(who, ErrorCode.NOT_PERMITTED, quoted(room.name()) + " is muted: only operators and voiced members speak; message not delivered", say.clientId());
      return;
    }
    String address = settings.shareAddresses() ? sender.address() : null;
    // A line's id stands for what it said where: the default room's lines are as they always were.
    Seen seen = seen(who, say.clientId(), say.action() ? Kind.ACTION : Kind.MESSAGE, room.isDefault() ? null : room.name(), say.text());
    if (seen == Seen.OTHER_LINE) {
      refuseReusedId(who, say.clientId());
      return;
    }
    if (seen == Seen.SAME_LINE) {
      // Sent again after a reconnect, but said already: its sender gets its echo, no one else.
      ChatMessage said =
          room.history()
              .sentAs(sender.name(), say.clientId(), say.action(), say.text())
              .orElseGet(() -> new ChatMessage(say.action(), sender.name(), say.text(), cursor.time(), address, null, say.clientId()));
      delivery.sendTo(who, said, room.name());
      return;
    }
    ChatMessage message =
        new ChatMessage(say.action(), sender.name(), say.text(), cursor.time(), address, cursor.id(), say.clientId());
    Broadcast broadcast;
    if (room.isDefault()) {
      // Recipients must know the sender before they see its message.
      users.beforeMessage(sender.name());
      broadcast = delivery.broadcast(message, room.members());
      archive.said(message);
    } else {
      // The default room's history reaches every entry; another's, those of its own.
      room.history().reached(cursor.id());
      madePresence.tellNow(room);
      broadcast = delivery.broadcast(message, room.members(), room.name());
    }
    if (!cursor.replaying()) {
      meters.messageOut(broadcast.recipients());
    }
    room.history().add(message, broadcast.encodedFor(Dialect.EXTENDED));
  }

  /**
   * Judges a line for a made room on its sender's node, for a log that keeps rooms' lines apart:
   * the line for the room's log, carrying what was judged, or {@code null} when it is refused.
   */
  RoomEvent.Line judge(Say say) {
    Who who = say.who();
    Entry sender = speaker(who, say.text(), say.clientId());
    if (sender == null) {
      return null;
    }
    Optional<Room> found = rooms.find(say.room());
    if (found.isEmpty() || !found.get().contains(who)) {
      replies.refuse(who, ErrorCode.NOT_IN_ROOM, "you are not in " + quoted(say.room()) + "; message not delivered", say.clientId());
      return null;
    }
    if (!parts.moderation().maySpeak(found.get(), who, sender.name())) {
      replies.refuse(who, ErrorCode.NOT_PERMITTED, quoted(found.get().name()) + " is muted: only operators and voiced members speak; message not delivered", say.clientId());
      return null;
    }
    String address = settings.shareAddresses() ? sender.address() : null;
    String at = cursor.current() == null ? "0-0" : cursor.id();
    return new RoomEvent.Line(who, found.get().name(), sender.name(), address, say.text(), say.action(), say.clientId(), at);
  }

  /**
   * A made room's line as its sender's node judged it, applied as it was judged, at its entry
   * of the room's own log (or of the one log, whose entry it then is).
   */
  void line(RoomEvent.Line line, LogEntry entry) {
    Who who = line.who();
    Optional<Room> found = rooms.find(line.room());
    if (found.isEmpty()) {
      // Its room was forgotten here between judging and now: its sender parted, and was told.
      replies.refuse(who, ErrorCode.NOT_IN_ROOM, "you are not in " + quoted(line.room()) + "; message not delivered", line.clientId());
      return;
    }
    Room room = found.get();
    Seen seen = seen(who, line.clientId(), line.action() ? Kind.ACTION : Kind.MESSAGE, room.name(), line.text());
    if (seen == Seen.OTHER_LINE) {
      refuseReusedId(who, line.clientId());
      return;
    }
    String address = settings.shareAddresses() ? line.address() : null;
    if (seen == Seen.SAME_LINE) {
      ChatMessage said =
          room.history()
              .sentAs(line.name(), line.clientId(), line.action(), line.text())
              .orElseGet(() -> new ChatMessage(line.action(), line.name(), line.text(), entry.time(), address, null, line.clientId()));
      delivery.sendTo(who, said, room.name());
      return;
    }
    ChatMessage message = new ChatMessage(line.action(), line.name(), line.text(), entry.time(), address, entry.id(), line.clientId());
    room.history().reached(entry.id());
    madePresence.tellNow(room);
    Broadcast broadcast = delivery.broadcast(message, room.members(), room.name());
    if (!entry.replayed()) {
      meters.messageOut(broadcast.recipients());
    }
    room.history().add(message, broadcast.encodedFor(Dialect.EXTENDED));
  }

  /**
   * Makes a followed room's history from its log as loaded and the lines read since, each line
   * also known to its sender's session, so that a line sent again after a drop, to any node, is
   * told apart from a new one.
   */
  void load(MadeRoom room, RoomLoad load, List<LogEntry> since) {
    List<Map.Entry<String, ChatMessage>> messages = new ArrayList<>();
    addLines(room, load.latest(), messages);
    addLines(room, since, messages);
    String newest = since.isEmpty() ? load.last() : since.get(since.size() - 1).id();
    room.history().reload(messages, newest, load.wholeAfter());
  }

  private void addLines(MadeRoom room, List<LogEntry> entries, List<Map.Entry<String, ChatMessage>> messages) {
    for (LogEntry entry : entries) {
      if (entry.event() instanceof RoomEvent.Line line) {
        seen(line.who(), line.clientId(), line.action() ? Kind.ACTION : Kind.MESSAGE, room.name(), line.text());
        String address = settings.shareAddresses() ? line.address() : null;
        messages.add(Map.entry(entry.id(), new ChatMessage(line.action(), line.name(), line.text(), entry.time(), address, entry.id(), line.clientId())));
      }
    }
  }

  void whisper(Whisper whisper) {
    Who who = whisper.who();
    Entry sender = speaker(who, whisper.text(), whisper.clientId());
    if (sender == null) {
      return;
    }
    Optional<Refusal> unreachable = MessageChecks.ofRecipient(registry, whisper.to());
    if (unreachable.isPresent()) {
      replies.refuse(who, unreachable.get().code(), unreachable.get().reason(), whisper.clientId());
      return;
    }
    Optional<Who> online = registry.whoIs(whisper.to());
    Seen seen = seen(who, whisper.clientId(), Kind.PRIVATE, whisper.to(), whisper.text());
    if (seen == Seen.OTHER_LINE) {
      refuseReusedId(who, whisper.clientId());
      return;
    }
    if (online.isEmpty()) {
      keepForLater(who, sender, whisper, seen);
      return;
    }
    Who recipient = online.get();
    Entry target = registry.entryOf(recipient);
    users.beforePrivate();
    PrivateChat message =
        new PrivateChat(sender.name(), target.name(), whisper.text(), cursor.time(), cursor.id(), whisper.clientId());
    delivery.sendTo(who, message);
    if (seen == Seen.FIRST && !recipient.equals(who)) {
      delivery.sendTo(recipient, message);
    }
  }

  /**
   * A private message to a registered user who is offline: kept by the sender's node for the
   * recipient's next login, the first time it is said (not when sent again under its id), and
   * echoed to its sender once kept.
   */
  private void keepForLater(Who who, Entry sender, Whisper whisper, Seen seen) {
    String to = NameRules.normalize(whisper.to());
    // Marked kept: its sender is told the recipient has yet to read it.
    PrivateChat echo = new PrivateChat(sender.name(), to, whisper.text(), cursor.time(), cursor.id(), whisper.clientId(), true);
    if (seen == Seen.FIRST && parts.local(who) && !cursor.replaying()) {
      PrivateChat kept = new PrivateChat(sender.name(), to, whisper.text(), cursor.time(), cursor.id(), null);
      registry.accounts().mail().keep(NameKeys.keyOf(to), kept, who, echo);
    } else {
      delivery.sendTo(who, echo);
    }
  }

  /**
   * The sender of a message, if it may say it now; otherwise it is told why not.
   *
   * @return {@code null} when the message is refused
   */
  private Entry speaker(Who who, String text, String clientId) {
    if (cursor.drained()) {
      // Taken just as the drain began, but behind its point: refused, not half delivered.
      replies.refuse(who, ErrorCode.UNAVAILABLE, "the server is shutting down; message not delivered", clientId);
      return null;
    }
    Entry sender = registry.entryOf(who);
    if (sender == null) {
      replies.refuse(who, ErrorCode.NOT_REGISTERED, "register before sending messages", clientId);
      return null;
    }
    Optional<Refusal> empty = MessageChecks.ofText(text);
    if (empty.isPresent()) {
      replies.refuse(who, empty.get().code(), empty.get().reason(), clientId);
      return null;
    }
    return sender;
  }

  /** Whether the session's client gave this line's id before, and to this line or another. */
  private Seen seen(Who who, String clientId, Kind kind, String to, String text) {
    return sessions.of(who).map(session -> session.lineIds().see(clientId, kind, to, text)).orElse(Seen.FIRST);
  }

  /** A line under an id its sender gave another line: neither said nor echoed as if it were that one. */
  private void refuseReusedId(Who who, String clientId) {
    replies.refuse(who, ErrorCode.INVALID_FRAME, "the id " + quoted(clientId) + " is taken by another line of yours; not delivered", clientId);
  }
}
