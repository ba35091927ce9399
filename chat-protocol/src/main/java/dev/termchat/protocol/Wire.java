package dev.termchat.protocol;

/**
 * Every name that appears on the wire, in one place.
 *
 * <p>The base protocol is the one of the YewChat web client and its Node.js server: JSON text
 * frames {@code {"messageType": ..., "data": ..., "dataArray": ...}} with three message types.
 * Existing clients of it deserialize strictly, so anything beyond those three types is only ever
 * sent to a client that negotiated {@link #SUBPROTOCOL} and was confirmed in-band by a
 * {@link #TYPE_WELCOME} frame.
 */
public final class Wire {
  public static final String FIELD_MESSAGE_TYPE = "messageType";
  public static final String FIELD_DATA = "data";
  public static final String FIELD_DATA_ARRAY = "dataArray";

  public static final String TYPE_REGISTER = "register";
  public static final String TYPE_USERS = "users";
  public static final String TYPE_MESSAGE = "message";

  /** Extension only: the server's in-band confirmation that the extension is active. */
  public static final String TYPE_WELCOME = "welcome";
  /** Extension only: why the server dropped a frame. */
  public static final String TYPE_ERROR = "error";
  /** Extension only: who joined, in order, since the last users list. */
  public static final String TYPE_JOINED = "joined";
  /** Extension only: who left, in order, since the last users list. */
  public static final String TYPE_LEFT = "left";
  /** Extension only: who took a new name, old and new. */
  public static final String TYPE_RENAMED = "renamed";
  /** Extension only: an action, {@code /me waves}, both ways. */
  public static final String TYPE_ACTION = "action";
  /** Extension only: a private message, both ways. */
  public static final String TYPE_PRIVATE = "private";
  /** Extension only, from clients: take a new name. */
  public static final String TYPE_NICK = "nick";
  /** Extension only: a message said before the client joined. */
  public static final String TYPE_HISTORY = "history";
  /** Extension only: what a reconnecting client missed is about to follow, whole or not. */
  public static final String TYPE_RESUMED = "resumed";
  /** Extension only, capability {@link #CAPABILITY_ROOMS}: join a room, and the server's reply. */
  public static final String TYPE_JOIN = "join";
  /** Extension only, capability {@link #CAPABILITY_ROOMS}: leave a room, and the server's reply. */
  public static final String TYPE_PART = "part";
  /** Extension only, capability {@link #CAPABILITY_ROOMS}: ask for the rooms, and the answer. */
  public static final String TYPE_LIST = "list";
  /** Extension only, capability {@link #CAPABILITY_ROOMS}: set a room's topic, and the topic. */
  public static final String TYPE_TOPIC = "topic";
  /** Extension only, capability {@link #CAPABILITY_SCROLLBACK}: ask for earlier messages, and the page. */
  public static final String TYPE_SCROLLBACK = "scrollback";
  /** Extension only, capability {@link #CAPABILITY_SEARCH}: search a room's messages, and the hits. */
  public static final String TYPE_SEARCH = "search";
  /** Extension only, capability {@link #CAPABILITY_ACCOUNTS}: log in, register, change a password; and the answer. */
  public static final String TYPE_ACCOUNT = "account";

  /**
   * Extension only: a moderation request ({@link Moderate}), {@code data} the act; and the notice
   * of an act done ({@link Moderation}), to every extended client in the room.
   */
  public static final String TYPE_MODERATE = "moderate";
  /** The notice of a moderation act, {@link Moderation}. */
  public static final String TYPE_MODERATION = "moderation";
  /** The answer to a {@code banlist} request, {@link BanList}. */
  public static final String TYPE_BANLIST = "banlist";
  /** The answer to a {@code whois} request, {@link Whois}. */
  public static final String TYPE_WHOIS = "whois";

  /** Fields of the JSON object carried as a string in the {@code data} of a message. */
  public static final String FIELD_FROM = "from";
  public static final String FIELD_MESSAGE = "message";
  public static final String FIELD_TIME = "time";
  public static final String FIELD_ADDRESS = "address";
  /** The server's id of a message: increasing in the room's order, opaque otherwise. */
  public static final String FIELD_ID = "id";
  /** The id the sending client gave its line, so that it can tell its echo and resend safely. */
  public static final String FIELD_CLIENT_ID = "cid";
  /** In a private message's echo: kept for its offline recipient's next login. */
  public static final String FIELD_KEPT = "kept";
  /** The longest id a client may give its line, in chars. */
  public static final int MAX_CLIENT_ID_CHARS = 64;
  /** Who a private message is for. */
  public static final String FIELD_TO = "to";
  /** In a history entry: {@code action} for an action; a plain message has none. */
  public static final String FIELD_KIND = "kind";
  /** The room a message, history entry, topic or listed room is of; to rooms clients only. */
  public static final String FIELD_ROOM = "room";
  /** A room's topic, in a topic frame and in the list of rooms. */
  public static final String FIELD_TOPIC = "topic";
  /** Who set a topic. */
  public static final String FIELD_BY = "by";
  /** How many are in a listed room. */
  public static final String FIELD_MEMBERS = "members";
  /** The rooms of a list of rooms. */
  public static final String FIELD_ROOMS = "rooms";
  /** How many rooms there are in all, in a list of rooms. */
  public static final String FIELD_COUNT = "count";

  /** Scrollback: the id of the oldest message a client has; it asks for those before it. */
  public static final String FIELD_BEFORE = "before";
  /** Scrollback and search: how many messages at most. */
  public static final String FIELD_LIMIT = "limit";
  /** A scrollback page: whether older messages are kept than those it gives. */
  public static final String FIELD_MORE = "more";
  /** A scrollback page: its messages, oldest first. */
  public static final String FIELD_MESSAGES = "messages";
  /** Search: the words, as a person typed them. */
  public static final String FIELD_WORDS = "words";
  /** Search: the hits, best first. */
  public static final String FIELD_HITS = "hits";
  /** A search hit: its message's text. */
  public static final String FIELD_TEXT = "text";
  /** A search hit: where the words matched, {@code [[start,end],...]}. */
  public static final String FIELD_MARKS = "marks";

  /** An account frame: what it asks, {@code login}, {@code register}, {@code password} or {@code access}. */
  public static final String FIELD_OP = "op";
  /** An account frame: the account's name. */
  public static final String FIELD_NAME = "name";
  /**
   * The server's answer to a {@code login} or {@code register} of a connection that has a session
   * (it registered a name as an extended client): the session's new resume token, which replaces
   * the one its register reply gave; the old one resumes nothing from then on.
   */
  public static final String FIELD_TOKEN = "token";
  /** An account frame: the password; never in a frame from the server. */
  public static final String FIELD_PASSWORD = "password";
  /** An account frame changing the password: the new one. */
  public static final String FIELD_NEW = "new";
  /** The longest password a server takes, in chars; longer is refused as invalid-frame. */
  public static final int MAX_PASSWORD_CHARS = 256;
  /** The shortest password an account may have, in characters (OWASP's minimum). */
  public static final int MIN_PASSWORD_CHARS = 8;

  /** Fields of the JSON object carried as a string in the {@code data} of an error. */
  public static final String FIELD_CODE = "code";
  public static final String FIELD_REASON = "reason";

  /**
   * Close code: another connection resumed this client's session with its token, so this one,
   * left behind (typically half open after a network change), is closed.
   */
  public static final int CLOSE_RESUMED_ELSEWHERE = 4000;

  /**
   * Close code ("service restart"): the room let the client go; it may come back, at once unless
   * the reason says when (a register past the join rate of its address range).
   */
  public static final int CLOSE_SERVICE_RESTART = 1012;

  /** Close code: an operator kicked this client out of the only room it is in; the reason follows. */
  public static final int CLOSE_KICKED = 4001;
  /** Close code: this client is banned, by name, address or range; the reason says until when. */
  public static final int CLOSE_BANNED = 4002;
  /**
   * Close code: the account this client was logged in to had its password changed on another
   * connection; its session is over (its token resumes nothing) and it should log in anew.
   */
  public static final int CLOSE_SIGNED_OUT = 4003;

  /** Moderation: who an act is about, a name (or for a ban an address or a range, for a delete a message id). */
  public static final String FIELD_TARGET = "target";
  /** Moderation: the act, as {@link ModerationAct#wireName()} names it. */
  public static final String FIELD_ACT = "act";
  /** Moderation: when a ban ends, epoch milliseconds; absent for one without end. */
  public static final String FIELD_UNTIL = "until";
  /** Moderation: {@code true} for a ban or unban of the whole server; absent otherwise. */
  public static final String FIELD_SERVER = "server";
  /** Ban list: the bans, each an object. */
  public static final String FIELD_BANS = "bans";
  /** Whois: whether the name is an account's. */
  public static final String FIELD_ACCOUNT = "account";
  /** Whois: the rank in the room, {@code member} to {@code server-operator}. */
  public static final String FIELD_RANK = "rank";
  /** Whois: since when the name has been online, epoch milliseconds; absent when it is not. */
  public static final String FIELD_SINCE = "since";
  /** Moderation: for a delete, when the message deleted was said, epoch milliseconds. */
  public static final String FIELD_SAID = "said";
  /** Option of a moderation request: how many seconds a ban lasts. */
  public static final String OPTION_FOR = "for";
  /** Option of a moderation request: who or what it is about. */
  public static final String OPTION_TARGET = "target";
  /** Option of a moderation request: why, shown with the notice. */
  public static final String OPTION_REASON = "reason";
  /** Option of a moderation request: a ban or unban for the whole server, by a server operator. */
  public static final String OPTION_SERVER = "server";

  /** The WebSocket subprotocol (Sec-WebSocket-Protocol) a client offers to ask for extensions. */
  public static final String SUBPROTOCOL = "termchat.v1";

  /** Capability named in the welcome frame: the server answers bad frames with an error. */
  public static final String CAPABILITY_ERRORS = "errors";
  /** Capability named in the welcome frame: the server says who joined and left. */
  public static final String CAPABILITY_PRESENCE = "presence";
  /** Capability: messages carry ids, and a client's line may carry its own ({@code id=c7}). */
  public static final String CAPABILITY_IDS = "ids";
  /**
   * How many of a session's latest line ids ({@link #OPTION_ID}) a server with {@link
   * #CAPABILITY_IDS} remembers: a line sent again under an id it no longer remembers is said
   * again.
   */
  public static final int REMEMBERED_LINE_IDS = 128;
  /**
   * The most lines a client keeps sent without their echo, to a server with {@link
   * #CAPABILITY_IDS}, before it sends more: well under {@link #REMEMBERED_LINE_IDS}, so that all
   * it sends again after a reconnect (the lines whose echo it did not see) are still remembered,
   * however long a dead path back from the server took to notice.
   */
  public static final int MAX_UNECHOED_LINES = REMEMBERED_LINE_IDS / 2;
  /** Capability: a client that registers is sent the latest messages, marked as history. */
  public static final String CAPABILITY_HISTORY = "history";
  /** Capability: a reconnecting client gets what it missed and its name back. */
  public static final String CAPABILITY_RESUME = "resume";
  /** Capability: private messages. */
  public static final String CAPABILITY_PRIVATE = "private";
  /** Capability: actions, {@code /me}. */
  public static final String CAPABILITY_ACTIONS = "actions";
  /** Capability: renaming, {@code /nick}. */
  public static final String CAPABILITY_NICK = "nick";
  /**
   * Capability: rooms. A client that registers with {@link #OPTION_ROOMS} joins and parts rooms,
   * and every frame of a room names it; any other client is in {@link RoomNames#DEFAULT_ROOM}
   * alone and sees the frames it saw before rooms.
   */
  public static final String CAPABILITY_ROOMS = "rooms";
  /** Capability with a value, {@code rooms-per-connection=100}: the most rooms one connection may be in. */
  public static final String CAPABILITY_ROOMS_PER_CONNECTION = "rooms-per-connection";

  /**
   * Capability: a client asks for the messages of a room said before one it has ({@link
   * #TYPE_SCROLLBACK}), at most {@link #MAX_SCROLLBACK} a request.
   */
  public static final String CAPABILITY_SCROLLBACK = "scrollback";
  /** Capability: a client searches a room's messages ({@link #TYPE_SEARCH}); offered only where served. */
  public static final String CAPABILITY_SEARCH = "search";
  /**
   * Capability: accounts ({@link #TYPE_ACCOUNT}): a name registered with a password is kept for
   * whoever logs in with it.
   */
  public static final String CAPABILITY_ACCOUNTS = "accounts";
  /** The most messages one scrollback request is given; a larger limit is taken as this. */
  public static final int MAX_SCROLLBACK = 1000;
  /** The messages a scrollback request that names no limit is given. */
  public static final int DEFAULT_SCROLLBACK = 100;
  /** The most hits one search is given; a larger limit is taken as this. */
  public static final int MAX_SEARCH_HITS = 100;
  /** The hits a search that names no limit is given. */
  public static final int DEFAULT_SEARCH_HITS = 20;
  /** The longest words a search takes, in characters; longer is refused as invalid-frame. */
  public static final int MAX_SEARCH_CHARS = 200;

  /** Option of a register frame: how many earlier messages to be sent, at most 50. */
  public static final String OPTION_HISTORY = "history";
  /** Option of a register frame: the id of the last message seen, to resume after it. */
  public static final String OPTION_RESUME = "resume";
  /**
   * Option of the server's reply to a register: the position the client joined at, an id in the
   * order of message ids; a client that has seen no message since resumes after it.
   */
  public static final String OPTION_JOINED_AT = "at";
  /** Option of register frames both ways: the secret that reclaims a name after a drop. */
  public static final String OPTION_TOKEN = "token";
  /**
   * Option of the server's reply to a register, capability {@link #CAPABILITY_ACCOUNTS}: the name
   * asked for is an account's (or looks like one), which the connection is not logged in to, so it
   * got another; its value is the account's name as registered. A client that knows the password
   * logs in, and is renamed to it.
   */
  public static final String OPTION_REGISTERED = "registered";
  /** In the answer to a rooms client's join, one for each in the room who is its owner or an operator: {@code op=NAME}. */
  public static final String OPTION_OP = "op";
  /** As {@link #OPTION_OP}, for each voiced member: {@code voice=NAME}. */
  public static final String OPTION_VOICE = "voice";
  /** Option of a client's message, action or private message: its own id for it. */
  public static final String OPTION_ID = "id";
  /** Option of a client's private message: who it is for. */
  public static final String OPTION_TO = "to";
  /**
   * Option of a register frame: {@code rooms=#general,#dev}, the rooms to be in, comma-separated
   * (none for {@code rooms=}); it makes the connection a rooms client. After a drop, each room's
   * {@link #OPTION_RESUME} is {@code resume=#dev:ID}.
   */
  public static final String OPTION_ROOMS = "rooms";
  /** Option of a rooms client's message, action, topic or resumed frame: the room it is for. */
  public static final String OPTION_ROOM = "room";
  /** Between a room and an id in {@code resume=#dev:ID}: no room name holds one. */
  public static final char ROOM_POSITION_SEPARATOR = ':';
  /** Option of a resumed frame: how many messages follow. */
  public static final String OPTION_COUNT = "count";
  /**
   * Capability with a value, {@code rate=30}: the messages a second a connection may send,
   * sustained; a client that keeps within it and {@link #CAPABILITY_BURST} is never rate-limited.
   */
  public static final String CAPABILITY_RATE = "rate";
  /** Capability with a value, {@code burst=60}: the messages a connection may send at once. */
  public static final String CAPABILITY_BURST = "burst";

  /**
   * The longest message, in characters (code points), a server accepts by default; the client
   * refuses to send longer ones rather than have them dropped.
   */
  public static final int DEFAULT_MAX_MESSAGE_CHARS = 4000;

  private Wire() {}

  /** A capability that carries a number, as the welcome frame lists it: {@code rate=30}. */
  public static String parameter(String capability, int value) {
    return Options.of(capability, value);
  }

  /** Whether a client that speaks only the base protocol understands this message type. */
  public static boolean isBaseType(String messageType) {
    return TYPE_REGISTER.equals(messageType)
        || TYPE_USERS.equals(messageType)
        || TYPE_MESSAGE.equals(messageType);
  }
}
