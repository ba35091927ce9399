package dev.termchat.client;

import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.History;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.Moderation;
import dev.termchat.protocol.NameKeys;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Part;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Renamed;
import dev.termchat.protocol.Resumed;
import dev.termchat.protocol.RoomList;
import dev.termchat.protocol.ScrollbackPage;
import dev.termchat.protocol.SearchHits;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Topic;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reading server frames: what each frame from the server does to the session and shows in its
 * view. It knows who the session is in the room (its name, what this connection's server can
 * do, who is online) and where to resume (its Resumption); its own lines' echoes and refusals go
 * to the {@link LineSender}.
 *
 * <p>Runs on the session thread alone; each field is confined to it.
 */
final class ServerFrames implements ServerFrame.Visitor<Void> {
  private final ChatView view;
  private final LineSender lines;
  /** Room frames sent at the lines' pace, and the joins among them not yet answered. */
  private final RoomFrames roomFrames;
  /** What the server answers to those joins. */
  private final JoinAnswers joinAnswers;
  private final FrameEvents events;
  /** Where to pick up after a dropped connection. */
  private final Resumption resumption = new Resumption();
  /** The name to register under: the one asked for, then the one the server gave. */
  private String name;
  /** Whether the session was ever in the room: a connection that never joined is not lost. */
  private boolean everJoined;

  // Of this connection, set afresh when it opens.
  private boolean announced;
  /** Why the server turned this connection's register away, when it did: its words. */
  private String turnedAway;
  private boolean extensionActive;
  /** What is said of this connection's join. */
  private final JoinNotice joinNotice;
  /** What the server of this connection said it can do; empty for a base server. */
  private Set<String> capabilities = Set.of();
  private final Roster roster;
  private final Renaming renaming;
  /** The session's rooms, on a server that has them. */
  private final ChatRooms rooms;
  /** The room of the frame being read, when it is one of a room's; null otherwise. */
  private String frameRoom;
  /** What is said: messages, history, what was missed. */
  private final Conversation conversation;
  /** Where each room's lines on screen begin. */
  private final EarlierLines earlier = new EarlierLines();
  /** The session's account: logging in to it, and the answers. */
  private final AccountLogin account;
  /** Pages and searches asked for, one out at a time. */
  private final RecallRequests recall;

  ServerFrames(
      SessionClock clock,
      String name,
      ChatView view,
      LineSender lines,
      RoomFrames roomFrames,
      Consumer<ClientFrame> send,
      FrameEvents events,
      ChatRooms rooms,
      AccountLogin account) {
    this.name = name;
    this.account = account;
    this.recall = new RecallRequests(clock, view, earlier, roomFrames::send);
    this.view = view;
    this.lines = lines;
    this.roomFrames = roomFrames;
    this.events = events;
    this.roster = new Roster(view);
    this.renaming =
        new Renaming(
            view, send, self -> users().map(names -> names.stream().filter(who -> !who.equals(self)).toList()),
            () -> !rooms.served(),
            // In no room, no room tells the rename: the answer to the /nick is all that comes.
            () -> rooms.served() ? !rooms.names().isEmpty() : roster.presenceEvents());
    this.rooms = rooms;
    this.joinNotice = new JoinNotice(view);
    this.conversation = new Conversation(view, lines, resumption, rooms);
    this.joinAnswers = new JoinAnswers(view, lines, roomFrames, rooms, conversation);
  }

  /**
   * A connection opened: what is known of the last one is forgotten, and the register frame to
   * send first, so the server has a name for the sender by the time the first message arrives.
   * This connection's welcome has not come yet; but a token comes only from a server that resumes
   * sessions, so holding one says that this connection can pick up where the last one left off.
   */
  Register opened(OptionalInt history) {
    joinNotice.opened(name, everJoined);
    // Not progress yet: a server that lets connections in and turns every register away must
    // not keep a pipe waiting; joining is.
    announced = false;
    turnedAway = null;
    extensionActive = false;
    capabilities = Set.of();
    roster.opened();
    conversation.opened();
    List<String> options = rooms.registerOptions(resumption);
    rooms.opened();
    account.opened();
    roomFrames.opened();
    joinAnswers.opened();
    recall.opened();
    options.addAll(Options.history(history));
    return new Register(name, options);
  }

  /** Asks for a new name; the server's answer, or its refusal, is shown when it comes. */
  void nick(String newName, boolean open) {
    renaming.ask(name, newName, open && ready(), capabilities.contains(Wire.CAPABILITY_NICK));
  }

  /**
   * Whether lines may go out on this connection: registered, and, when resuming, shown what was
   * missed, so that a line typed while away follows what it may answer.
   */
  boolean ready() {
    return announced && !resumption.catchingUp();
  }

  /** Whether this connection's login at its join has yet to be answered, and its name to come. */
  boolean loggingIn() {
    return account.loggingIn();
  }

  /** Whether a /nick waits for its answer. */
  boolean renaming() {
    return renaming.waiting();
  }

  /** Whether the session is in the room on this connection. */
  boolean joined() {
    return announced;
  }

  boolean everJoined() {
    return everJoined;
  }

  String name() {
    return name;
  }

  Set<String> capabilities() {
    return capabilities;
  }

  /**
   * Who is online, as last shown on this connection; empty before its first list. On a server
   * with rooms, everyone in the session's rooms.
   */
  Optional<List<String>> users() {
    return rooms.served() ? rooms.everyone() : roster.users();
  }

  /** The room typed lines go to, on a server with rooms; empty otherwise, or when in none. */
  Optional<String> roomForLines() {
    return rooms.served() ? rooms.forLines() : Optional.empty();
  }

  /** As {@link #roomForLines}, for a piped line: the room the script last named, if it named one. */
  Optional<String> roomForPipedLines() {
    return rooms.served() ? rooms.forPipedLines() : Optional.empty();
  }

  /** Whether lines sent on this connection go again under their ids on the next. */
  boolean resumable() {
    return capabilities.contains(Wire.CAPABILITY_RESUME) && resumption.hasToken();
  }

  /** Why the server turned this connection's register away, in its words; null if it did not say. */
  String turnedAway() {
    return turnedAway;
  }

  @Override
  public Void welcome(Welcome welcome) {
    extensionActive = Wire.SUBPROTOCOL.equals(welcome.protocol());
    if (!extensionActive) {
      return null;
    }
    capabilities = Set.copyOf(welcome.capabilities());
    resumption.welcomed(capabilities.contains(Wire.CAPABILITY_HISTORY));
    rooms.welcomed(capabilities.contains(Wire.CAPABILITY_ROOMS));
    roster.presenceEvents(capabilities.contains(Wire.CAPABILITY_PRESENCE));
    lines.welcomed(
        welcome.parameter(Wire.CAPABILITY_RATE).orElse(Pace.DEFAULT_RATE),
        welcome.parameter(Wire.CAPABILITY_BURST).orElse(Pace.DEFAULT_BURST));
    return null;
  }

  @Override
  public Void register(Register register) {
    if (register.name() == null) {
      return null;
    }
    resumption.registered(register.options());
    if (noAccountToLogIn()) {
      return null;
    }
    if (account.registered(register, name)) {
      joinNotice.registered();
    }
    Options.value(register.options(), Wire.OPTION_JOINED_AT).ifPresent(rooms.wanted()::registered);
    boolean loggedIn = account.settled();
    String before = name;
    name = register.name();
    if (announced && renaming.answered(before, name)) {
      return null;
    }
    announce();
    if (loggedIn) {
      account.sayLoggedIn(name, asked -> renaming.whyNot(asked, name));
    }
    return null;
  }

  @Override
  public Void users(Users users) {
    // A base server never confirms the name; its first users list is as good as it gets.
    if (!announced && noAccountToLogIn()) {
      return null;
    }
    announce();
    joinNotice.listed(name, users.names(), !rooms.served());
    if (frameRoom != null ? rooms.members(frameRoom, users.names(), name) : roster.list(users.names())) {
      events.usersShown();
    }
    return null;
  }

  @Override
  public Void presence(Presence presence) {
    if (frameRoom != null) {
      rooms.presence(frameRoom, presence, name);
    } else {
      roster.presence(presence);
    }
    return null;
  }

  @Override
  public Void renamed(Renamed renamed) {
    if (frameRoom != null && !rooms.renamed(frameRoom, renamed.from(), renamed.to())) {
      return null; // Told by another room already.
    }
    // A server with rooms may tell it in the session's rooms before it answers the /nick: the
    // session is still under its old name then, which no one else can have.
    if (renamed.to().equals(name) || renamed.from().equals(name)) {
      if (!account.renamedByLogin(renamed.to())) {
        renaming.renamed(renamed.from(), renamed.to());
      }
    } else {
      view.renamed(renamed.from(), renamed.to(), false, "");
    }
    return null;
  }

  @Override
  public Void message(ChatMessage message) {
    earlier.shown(frameRoom, message.id());
    conversation.message(message, frameRoom, name);
    return null;
  }

  @Override
  public Void history(History history) {
    earlier.shown(frameRoom, history.entry().id());
    conversation.history(history.entry(), frameRoom);
    return null;
  }

  @Override
  public Void resumed(Resumed resumed) {
    conversation.resumed(resumed, frameRoom);
    return null;
  }

  @Override
  public Void privateChat(PrivateChat message) {
    conversation.privateMessage(message, name);
    return null;
  }

  @Override
  public Void error(ErrorReply error) {
    if (!extensionActive) {
      return null;
    }
    Optional<String> loginRefused = account.refused(error);
    if (loginRefused.isPresent()) {
      view.serverError(error);
      events.endedForGood(loginRefused.get());
      return null;
    }
    if (account.settled()) {
      // Logged in, but the account's name did not come: the lines go under the name it has.
      view.serverError(error);
      announce();
      account.sayLoggedIn();
      return null;
    }
    boolean unavailable = ErrorCode.UNAVAILABLE.wireName().equals(error.code());
    if (!announced && (unavailable || ErrorCode.INVALID_TOKEN.wireName().equals(error.code()))) {
      // Said with what follows, in the client's words: the failed attempt, or the join.
      if (unavailable) {
        turnedAway = error.reason();
      } else {
        joinNotice.newSession();
        account.newSession();
        conversation.newSession();
        rooms.wanted().newSession();
      }
      return null;
    }
    if (announced && joinAnswers.refused(error)) {
      return null;
    }
    if (announced && error.clientId() == null && recall.asking()) {
      // A line's refusal names its line; one naming none, a page or a search out, is theirs (a
      // search of a room a script named but was refused, say), which is answered so, not waited for.
      if (!recall.refused(error)) {
        view.serverError(error);
      }
      return null;
    }
    if (announced && error.clientId() == null && roomFrames.questionAnswered()) {
      view.serverError(error); // A question refused: no such user, not an operator.
      return null;
    }
    if (!lines.answered(error) && !recall.refused(error)) {
      if (!announced && ErrorCode.INVALID_NAME.wireName().equals(error.code())) {
        joinNotice.nameRefused();
      }
      view.serverError(error);
    }
    return null;
  }

  /**
   * A password given, and a server without accounts: the session ends, as for a wrong password.
   *
   * @return whether it ends
   */
  private boolean noAccountToLogIn() {
    Optional<String> why = account.unserved(capabilities.contains(Wire.CAPABILITY_ACCOUNTS), name);
    why.ifPresent(events::endedForGood);
    return why.isPresent() || account.refusedForGood();
  }

  private void announce() {
    if (!announced && !account.loggingIn() && !account.refusedForGood()) {
      announced = true;
      events.joined();
      if (!capabilities.contains(Wire.CAPABILITY_RESUME) || !capabilities.contains(Wire.CAPABILITY_HISTORY)) {
        resumption.notResuming(); // No answer to a resume will come.
      }
      everJoined = true;
      lines.joined();
      joinNotice.joined(name, users().isPresent());
      if (rooms.served() && rooms.forLines().isEmpty()) {
        events.usersShown(); // In no room, no list of members comes to wait for.
      }
      roomFrames.release();
      lines.sendWaiting();
    }
  }

  @Override
  public Void inRoom(InRoom frame) {
    frameRoom = frame.room();
    try {
      return frame.frame().accept(this);
    } finally {
      frameRoom = null;
    }
  }

  @Override
  public Void join(Join join) {
    joinAnswers.entered(join);
    return null;
  }


  @Override
  public Void part(Part part) {
    rooms.parted(part.room());
    return null;
  }

  @Override
  public Void roomList(RoomList list) {
    rooms.listed(list.rooms().stream().map(RoomList.Listed::room).toList());
    view.rooms(list);
    roomFrames.questionAnswered();
    return null;
  }

  @Override
  public Void topic(Topic topic) {
    rooms.topic(topic);
    return null;
  }

  @Override
  public Void moderation(Moderation moderation) {
    rooms.moderated(moderation);
    view.info(Printable.escape(moderation.by() + " " + moderation.described()));
    return null;
  }

  @Override
  public Void banList(dev.termchat.protocol.BanList list) {
    String of = list.server() ? "the server" : list.room();
    view.info(list.bans().isEmpty() ? "no bans of " + of : "bans of " + of + " (" + list.bans().size() + "):");
    list.bans().forEach(ban -> view.info("  " + Printable.escape(ban.described())));
    roomFrames.questionAnswered();
    return null;
  }

  @Override
  public Void whois(dev.termchat.protocol.Whois whois) {
    view.info(Printable.escape(whois.described()));
    roomFrames.questionAnswered();
    return null;
  }

  @Override
  public Void scrollbackPage(ScrollbackPage page) {
    earlier.paged(page);
    view.earlier(page.room(), page.messages(), page.more());
    recall.answered();
    return null;
  }

  @Override
  public Void searchHits(SearchHits hits) {
    view.found(hits);
    recall.answered();
    return null;
  }

  @Override
  public Void account(dev.termchat.protocol.AccountReply reply) {
    if (reply.token() != null) {
      resumption.renewed(reply.token());
    }
    if (AccountRequest.LOGIN.equals(reply.op()) && !account.loggingIn() && announced && reply.name() != null && name != null
        && !NameKeys.same(name, reply.name())) {
      // Logged in from the room: the server renames the session to the account's name next.
      renaming.expect(reply.name());
    }
    account.answered(reply);
    announce(); // Once logged in and renamed: the rename goes before any line.
    return null;
  }

  /** Asks the server something of accounts, when joined; says why not otherwise. */
  void account(dev.termchat.protocol.AccountRequest request, boolean open) {
    account.ask(request, open && announced, capabilities.contains(Wire.CAPABILITY_ACCOUNTS));
  }

  /** Where each room's lines on screen begin, for paging back. */
  EarlierLines earlier() {
    return earlier;
  }

  /** Room frames sent at the lines' pace, and the questions among them unanswered. */
  RoomFrames roomFrames() {
    return roomFrames;
  }

  /** Pages and searches asked for, one out at a time. */
  RecallRequests recall() {
    return recall;
  }

  /** The session's rooms, for the commands that name them. */
  ChatRooms rooms() {
    return rooms;
  }
}
