package dev.termchat.protocol;

/**
 * A frame the server sends to a client. Handled through {@link Visitor}, so that a new kind of
 * frame fails to compile wherever it is not yet handled.
 */
public sealed interface ServerFrame
    permits Register, Users, ChatMessage, Welcome, ErrorReply, Presence, Renamed, PrivateChat, History, Resumed,
        Join, Part, RoomList, Topic, InRoom, ScrollbackPage, SearchHits, Moderation, AccountReply, BanList, Whois {

  /** The {@code messageType} this frame carries on the wire. */
  String messageType();

  /** Whether a client that negotiated no extension may receive this frame. */
  default boolean isBase() {
    return Wire.isBaseType(messageType());
  }

  <R> R accept(Visitor<R> visitor);

  /** One method for each kind of server frame. */
  interface Visitor<R> {
    R register(Register register);

    R users(Users users);

    R message(ChatMessage message);

    R welcome(Welcome welcome);

    R error(ErrorReply error);

    R presence(Presence presence);

    R renamed(Renamed renamed);

    R privateChat(PrivateChat message);

    R history(History history);

    R resumed(Resumed resumed);

    R join(Join join);

    R part(Part part);

    R roomList(RoomList list);

    R topic(Topic topic);

    R inRoom(InRoom frame);

    R scrollbackPage(ScrollbackPage page);

    R searchHits(SearchHits hits);

    R moderation(Moderation moderation);

    R account(AccountReply reply);

    R banList(BanList list);

    R whois(Whois whois);
  }
}
