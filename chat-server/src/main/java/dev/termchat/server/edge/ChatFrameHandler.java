package dev.termchat.server.edge;

import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.ListRooms;
import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.NameRules;
import dev.termchat.protocol.Nick;
import dev.termchat.protocol.Part;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendAction;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.SendPrivate;
import dev.termchat.protocol.Scrollback;
import dev.termchat.protocol.Search;
import dev.termchat.protocol.SetTopic;
import dev.termchat.protocol.Wire;
import dev.termchat.server.account.Accounts;
import dev.termchat.server.room.ChatRoom;
import dev.termchat.server.room.PostResult;
import dev.termchat.server.room.Dialect;
import dev.termchat.server.room.Member;
import dev.termchat.server.room.RoomSettings;
import java.util.function.LongSupplier;

/**
 * Turns one connection's decoded frames into requests to the room, after the checks that need no
 * room: the length of a message, the length of a name. Whatever it turns away, it turns away
 * through the room, so that the client hears of it in the order of its frames. On the I/O thread.
 */
final class ChatFrameHandler implements ClientFrame.Visitor<Void> {
  private final Member member;
  private final ChatRoom room;
  /** What account frames ask for; {@code null} where accounts are not served. */
  private final Accounts accounts;
  private final int maxChars;
  /** Scrollback and search together, on the connection's clock. */
  private final RecallRate recallRate;
  private final LongSupplier clock;

  ChatFrameHandler(Member member, ChatRoom room, Accounts accounts, int maxChars, RecallRate recallRate, LongSupplier clock) {
    this.member = member;
    this.room = room;
    this.accounts = accounts;
    this.maxChars = maxChars;
    this.recallRate = recallRate;
    this.clock = clock;
  }

  @Override
  public Void register(Register register) {
    room.join(member, new Register(bounded(register.name()), register.options()));
    return null;
  }

  @Override
  public Void message(SendMessage message) {
    if (fits(message.text(), message.clientId())) {
      answer(room.say(member, message.text(), false, message.clientId(), message.room()), "message not delivered", message.clientId());
    }
    return null;
  }

  @Override
  public Void action(SendAction action) {
    if (fits(action.text(), action.clientId())) {
      answer(room.say(member, action.text(), true, action.clientId(), action.room()), "message not delivered", action.clientId());
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

  // A client that is no rooms client has its rooms frames refused as before there were rooms.
  @Override
  public Void join(Join join) {
    if (member.dialect() != Dialect.ROOMS) {
      return notServed(Wire.TYPE_JOIN);
    }
    room.rooms().enter(member, join.room(), join.history().orElse(RoomSettings.JOIN_HISTORY));
    return null;
  }

  @Override
  public Void part(Part part) {
    if (member.dialect() != Dialect.ROOMS) {
      return notServed(Wire.TYPE_PART);
    }
    room.rooms().part(member, part.room());
    return null;
  }

  @Override
  public Void list(ListRooms list) {
    if (member.dialect() != Dialect.ROOMS) {
      return notServed(Wire.TYPE_LIST);
    }
    room.rooms().list(member);
    return null;
  }

  @Override
  public Void topic(SetTopic topic) {
    if (member.dialect() != Dialect.ROOMS) {
      return notServed(Wire.TYPE_TOPIC);
    }
    room.rooms().topic(member, topic.room(), topic.topic());
    return null;
  }

  // A base client gets nothing new: asked by one, they are any frame of the extension.
  @Override
  public Void scrollback(Scrollback scrollback) {
    if (!member.dialect().extended() || !room.recall().scrollsBack()) {
      return notServed(Wire.TYPE_SCROLLBACK);
    }
    if (withinRate()) {
      room.recall().scrollback(member, scrollback);
    }
    return null;
  }

  @Override
  public Void search(Search search) {
    if (!member.dialect().extended()) {
      return notServed(Wire.TYPE_SEARCH);
    }
    if (!room.recall().searches()) {
      room.reject(member, ErrorCode.NOT_SERVED, "this server keeps no messages to search");
    } else if (withinRate()) {
      room.recall().search(member, search);
    }
    return null;
  }

  // A base client cannot ask: for it this is any frame of the extension.
  @Override
  public Void moderate(Moderate moderate) {
    if (!member.dialect().extended()) {
      return notServed(Wire.TYPE_MODERATE);
    }
    room.moderation().moderate(member, moderate);
    return null;
  }

  @Override
  public Void account(AccountRequest request) {
    if (accounts == null) {
      return notServed(Wire.TYPE_ACCOUNT);
    }
    accounts.handle(member, request);
    return null;
  }

  private boolean withinRate() {
    long wait = recallRate.take(clock.getAsLong());
    if (wait > 0) {
      room.reject(member, ErrorCode.RATE_LIMITED, "too many scrollback and search requests; try again in " + RecallRate.seconds(wait) + " s");
      return false;
    }
    return true;
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
