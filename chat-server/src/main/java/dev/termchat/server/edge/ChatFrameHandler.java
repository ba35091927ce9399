package dev.termchat.server.edge;

import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.ListRooms;
import dev.termchat.protocol.NameRules;
import dev.termchat.protocol.Nick;
import dev.termchat.protocol.Part;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendAction;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.SendPrivate;
import dev.termchat.protocol.SetTopic;
import dev.termchat.protocol.Wire;
import dev.termchat.server.room.ChatRoom;
import dev.termchat.server.room.ChatRoom.PostResult;
import dev.termchat.server.room.Member;

/**
 * Turns one connection's decoded frames into requests to the room, after the checks that need no
 * room: the length of a message, the length of a name. Whatever it turns away, it turns away
 * through the room, so that the client hears of it in the order of its frames. On the I/O thread.
 */
final class ChatFrameHandler implements ClientFrame.Visitor<Void> {
  private static final String DEFAULT_ROOM_KEY = RoomNames.keyOf(RoomNames.DEFAULT_ROOM);
  private final Member member;
  private final ChatRoom room;
  private final int maxChars;

  ChatFrameHandler(Member member, ChatRoom room, int maxChars) {
    this.member = member;
    this.room = room;
    this.maxChars = maxChars;
  }

  @Override
  public Void register(Register register) {
    room.join(member, new Register(bounded(register.name()), register.options()));
    return null;
  }

  @Override
  public Void message(SendMessage message) {
    if (inDefaultRoom(message.room(), message.clientId()) && fits(message.text(), message.clientId())) {
      answer(room.say(member, message.text(), false, message.clientId()), "message not delivered", message.clientId());
    }
    return null;
  }

  @Override
  public Void action(SendAction action) {
    if (inDefaultRoom(action.room(), action.clientId()) && fits(action.text(), action.clientId())) {
      answer(room.say(member, action.text(), true, action.clientId()), "message not delivered", action.clientId());
    }
    return null;
  }

  @Override
  public Void privateMessage(SendPrivate message) {
    if (fits(message.text(), message.clientId())) {
      answer(room.whisper(member, bounded(message.to()), message.text(), message.clientId()), "message not delivered", message.clientId());
    }
    return null;
  }

  @Override
  public Void nick(Nick nick) {
    answer(room.rename(member, bounded(nick.name())), "name not changed", null);
    return null;
  }

  // Rooms are not served yet: their frames are refused as before they were decoded.
  @Override
  public Void join(Join join) {
    return notServed(Wire.TYPE_JOIN);
  }

  @Override
  public Void part(Part part) {
    return notServed(Wire.TYPE_PART);
  }

  @Override
  public Void list(ListRooms list) {
    return notServed(Wire.TYPE_LIST);
  }

  @Override
  public Void topic(SetTopic topic) {
    return notServed(Wire.TYPE_TOPIC);
  }

  private Void notServed(String type) {
    room.reject(member, ErrorCode.UNKNOWN_TYPE, "a client may not send messageType \"" + type + "\"");
    return null;
  }

  /** A line of a plain-text client: a message to everyone. */
  void plainLine(String text) {
    if (fits(text, null)) {
      answer(room.say(member, text, false, null), "message not delivered", null);
    }
  }

  /** Whether a line is for the one room served yet: none named, or the default room. */
  private boolean inDefaultRoom(String target, String clientId) {
    if (target == null || target.equals(RoomNames.DEFAULT_ROOM)) {
      return true;
    }
    String named = RoomNames.normalize(bounded(target));
    if (named != null && RoomNames.problem(named).isEmpty() && RoomNames.keyOf(named).equals(DEFAULT_ROOM_KEY)) {
      return true;
    }
    room.reject(member, ErrorCode.NOT_IN_ROOM, "you are not in " + Printable.escape(bounded(target)), clientId);
    return false;
  }

  private boolean fits(String text, String clientId) {
    if (text.length() > maxChars && text.codePointCount(0, text.length()) > maxChars) {
      room.reject(member, ErrorCode.MESSAGE_TOO_LONG, "a message is at most " + maxChars + " characters", clientId);
      return false;
    }
    return true;
  }

  private void answer(PostResult result, String outcome, String clientId) {
    switch (result) {
      case ACCEPTED, REFUSED -> {}
      case BUSY -> room.reject(member, ErrorCode.RATE_LIMITED, "the server is busy; " + outcome, clientId);
      case STOPPING -> room.reject(member, ErrorCode.UNAVAILABLE, "the server is shutting down; " + outcome, clientId);
    }
  }

  /**
   * A name as asked for, cut where no acceptable name can reach: the room refuses it as too long
   * all the same, and a name of 64 KiB does not wait in the room's inbox.
   */
  private static String bounded(String name) {
    return name == null || name.length() <= NameRules.MAX_RAW_LENGTH
        ? name
        : name.substring(0, NameRules.MAX_RAW_LENGTH + 1);
  }
}
