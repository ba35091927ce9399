package dev.termchat.client;

import dev.termchat.protocol.Join;
import dev.termchat.protocol.Moderation;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.Topic;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rooms of a session, on a server that has rooms: those it wants to be in (from {@code --join}
 * and {@code /join}, asked for again on every connection), those it is in, with their members,
 * topic, unread lines and mentions, and the one typed lines go to. Where each room was left off,
 * so that one register resumes them all. A room is known by its key ({@link RoomNames#keyOf}), and
 * shown under the name the server gives it.
 *
 * <p>Runs on the session thread alone; each field is confined to it.
 */
final class ChatRooms {
  private final ChatView view;
  /** The rooms to ask for on every connection, and where to resume each. */
  private final WantedRooms wanted;
  /** The rooms the session is in on this connection, by key, in the order entered. */
  private final Map<String, JoinedRoom> in = new LinkedHashMap<>();
  /**
   * The rooms of earlier connections not entered again yet, by key: what was not read there is
   * still unread when the server puts the session back in them.
   */
  private final Map<String, JoinedRoom> before = new LinkedHashMap<>();
  /** The room typed lines go to, by key; null when in none. */
  private String current;
  /** Whether the server of this connection has rooms; of the last one, until its welcome. */
  private boolean served;
  /** The last rename shown, which every room the renamed one is in tells again. */
  private String lastRename;
  /** The rooms that told {@link #lastRename}: a room telling it again tells a new rename to the same name. */
  private final Set<String> renameToldBy = new HashSet<>();
  /** The rooms this session was ever in, by key: coming back to them after a drop is no news. */
  private final Set<String> everEntered = new LinkedHashSet<>();
  /** The room a person last asked to join, by key: lines go to it once the server puts them in. */
  private String switchOnEntry;
  /**
   * The room a script last named, by the last room of a /join or by /switch, as named; null when
   * none, or once it was left. Piped lines go to it whether the server put the session in it yet
   * or refused to, so that none goes to a room the script did not mean.
   */
  private String named;
  /** The rooms the server's last answer to /list named, for completing /join. */
  private List<String> listed = List.of();
  /** The rooms a person asked to join on this connection, by key, until entered: each is news. */
  private final Set<String> askedFor = new LinkedHashSet<>();
  /**
   * The rooms the person asked to leave on this connection, by key, until the server took them
   * out: any other removal (a kick, a ban) is not theirs, and does not read as a leave.
   */
  private final Set<String> partAsked = new LinkedHashSet<>();
  /** Each room's latest line of this client's own, by room key: the session thread's. */
  private final Map<String, String> lastOwn = new HashMap<>();

  /** @param join the rooms to be in from the start, as given ({@code #general} unless told) */
  ChatRooms(List<String> join, ChatView view) {
    this.view = view;
    this.wanted = new WantedRooms(join);
  }

  private static String key(String room) {
    return WantedRooms.key(room);
  }

  /** Whether this connection's server has rooms (its welcome said so). */
  boolean served() {
    return served;
  }

  void welcomed(boolean hasRooms) {
    served = hasRooms;
  }

  /**
   * A new connection: the rooms are entered again as the server says so, and lines still go to
   * the room they went to (typed meanwhile, they wait for it).
   */
  void opened() {
    in.forEach((key, room) -> {
      room.members = null;
      before.put(key, room);
    });
    in.clear();
    askedFor.clear();
    partAsked.clear();
    lastRename = null;
    renameToldBy.clear();
  }

  /**
   * The register options of a new connection, beside its history: rooms are asked for of every
   * server, one without them ignores the option; a server that had them last time is asked to
   * resume each room after its own position, another after the last message seen.
   */
  List<String> registerOptions(Resumption resumption) {
    return wanted.registerOptions(resumption, served);
  }

  /** Asks to be in the room from now on, on every connection. */
  void want(String room) {
    wanted.want(room);
  }

  /** Where the rooms are resumed after: see {@link WantedRooms}. */
  WantedRooms wanted() {
    return wanted;
  }

  /** No longer asks to be in the room. */
  void unwant(String room) {
    wanted.unwant(room);
    before.remove(key(room));
  }

  /**
   * The server put the session in a room: the first of a connection is where lines go. Said,
   * but for the default room as the first of a connection: someone in it alone sees what they
   * always saw.
   */
  void entered(Join join) {
    String key = key(join.room());
    boolean asked = askedFor.remove(key);
    boolean news = everEntered.add(key) || asked;
    if (news && !in.containsKey(key) && (asked || !(in.isEmpty() && key.equals(key(RoomNames.DEFAULT_ROOM))))) {
      view.roomEntered(join.room(), null);
    }
    JoinedRoom room = in.computeIfAbsent(key, any -> before.containsKey(key) ? before.remove(key) : new JoinedRoom(join.room()));
    room.name = join.room();
    room.ranks(join.options());
    wanted.entered(join.room(), join.joinedAt().orElse(null));
    // From no room, lines wait for the last room asked for rather than go to the first entered.
    if ((current == null && switchOnEntry == null) || key.equals(switchOnEntry)) {
      if (current != null ? !key.equals(current) : in.size() > 1) {
        view.switched(join.room());
      }
      current = key;
      switchOnEntry = null;
    }
    view.roomsState(promptState());
  }

  /** A person asked to join this room: it becomes the room typed in when the server puts them in. */
  void joinAsked(String room) {
    want(room);
    switchOnEntry = key(room);
    askedFor.add(key(room));
  }

  /**
   * Lines go to this room, one of those to be in from the start, once the server puts the session
   * in it: as after a {@code /join} of each in turn, the last entered is the one typed in.
   */
  void typeInOnEntry(String room) {
    switchOnEntry = key(room);
  }

  /** A /join (its last room) or /switch named this room: piped lines go to it from now on. */
  void named(String room) {
    named = room;
  }

  /** Lines go on to the room typed in now, and not to a room asked for, once in it. */
  void typeHere() {
    switchOnEntry = null;
  }

  /** The server refused to put the session in a room asked for: it is asked for no more. */
  void joinRefused(String room) {
    unwant(room);
    askedFor.remove(key(room));
    if (key(room).equals(switchOnEntry)) {
      switchOnEntry = null;
      if (current == null && !in.isEmpty()) {
        current = in.keySet().iterator().next();
        view.switched(in.get(current).name);
        view.roomsState(promptState());
      }
    }
  }

  /** A person asked to leave this room. */
  void partAsked(String room) {
    partAsked.add(key(room));
    if (askedFor.contains(key(room))) {
      // Left before the join was answered: lines go on where they went, not to it once in it.
      if (key(room).equals(switchOnEntry)) {
        switchOnEntry = null;
      }
      if (named != null && key(named).equals(key(room))) {
        named = null;
      }
    }
  }

  /** The server took the session out of a room, as asked or not (a kick, a ban). */
  void parted(String name) {
    String key = key(name);
    in.remove(key);
    unwant(name);
    if (named != null && key(named).equals(key)) {
      named = null;
    }
    view.roomParted(name, partAsked.remove(key));
    if (key.equals(current)) {
      current = in.isEmpty() ? null : in.keySet().iterator().next();
      if (current != null) {
        view.switched(in.get(current).name);
      }
    }
    view.roomsState(promptState());
  }

  /**
   * A room's members but the session, sent once as it enters the room, shown with the session
   * last, as a list of who is online always was, and marked by rank as {@code /names} marks
   * them; true for the first room of a connection.
   */
  boolean members(String name, List<String> members, String self) {
    boolean first = in.values().stream().noneMatch(room -> room.members != null);
    JoinedRoom room = in.computeIfAbsent(key(name), any -> new JoinedRoom(name));
    if (!room.listed(members, self)) {
      // Shown once a connection: the server answers a join of a room the session is in with it again.
      view.users(room.membersMarked(), label(name));
    }
    return first;
  }

  /** Who came and went in a room; the session's own arrival, which its list shows, is not said again. */
  void presence(String name, Presence presence, String self) {
    JoinedRoom room = in.get(key(name));
    if (room != null && room.members != null) {
      RoomsShown.presence(room, presence, self, tag(name), view);
    }
  }

  /**
   * Someone in a room took a new name: true for the first room that tells it, which shows it;
   * the others only change their lists.
   */
  boolean renamed(String name, String from, String to) {
    JoinedRoom room = in.get(key(name));
    if (room != null) {
      room.renamed(from, to);
    }
    String rename = from + "\n" + to;
    String teller = name == null ? "" : key(name);
    boolean first = !rename.equals(lastRename) || !renameToldBy.add(teller);
    if (first) {
      lastRename = rename;
      renameToldBy.clear();
      renameToldBy.add(teller);
    }
    return first;
  }

  /** A message with this id was said in the room: where to resume it after. */
  void seen(String name, String id) {
    wanted.seen(name, id);
  }

  /** A line of this client's own was said in the room, under this id: what /delete deletes. */
  void ownSaid(String name, String id) {
    lastOwn.put(key(name), id);
  }

  /** The id of this client's latest line in the room, if it said one on this run. */
  Optional<String> lastOwn(String name) {
    return Optional.ofNullable(lastOwn.get(key(name)));
  }

  /** A live line of another's in a room: unread, and a mention, unless the room is the current one. */
  void said(String name, boolean mentioned) {
    JoinedRoom room = in.get(key(name));
    if (room != null && !key(name).equals(current)) {
      room.said(mentioned);
    }
  }

  void topic(Topic topic) {
    JoinedRoom room = in.get(key(topic.room()));
    if (room != null) {
      room.topic = topic.topic().isEmpty() ? null : topic;
    }
    view.topic(topic);
  }

  /** What to tag a line of this room with: nothing for the current room, its name for another. */
  String tag(String name) {
    return key(name).equals(current) ? null : in.containsKey(key(name)) ? in.get(key(name)).name : name;
  }

  /**
   * The room a line typed now goes to: the current one, or, before the server put the session in
   * any (connecting, turned away, or joining from none), the last a person asked to join, else
   * the first it asks for; empty when it asks for none.
   */
  Optional<String> forLines() {
    return current().or(() -> Optional.ofNullable(switchOnEntry).map(wanted::nameOf)).or(() -> in.isEmpty() ? wanted.first() : Optional.empty());
  }

  /**
   * The room a piped line read now goes to: the one the script last named, entered or not (a
   * line for a room the server refused is refused in turn), else as {@link #forLines}.
   */
  Optional<String> forPipedLines() {
    return named != null ? Optional.of(in.containsKey(key(named)) ? in.get(key(named)).name : named) : forLines();
  }

  /** The room lines go to; empty when in none. */
  Optional<String> current() {
    return Optional.ofNullable(current).map(key -> in.containsKey(key) ? in.get(key).name : wanted.nameOf(key));
  }

  /**
   * How a list of a room's members is headed: as who is online, as ever, in the default room
   * alone; by the room's name otherwise.
   */
  private String label(String name) {
    return in.size() == 1 && key(name).equals(key(RoomNames.DEFAULT_ROOM)) ? null : in.containsKey(key(name)) ? in.get(key(name)).name : name;
  }

  /** The current room's name, to head its list of members with; null in the default room alone. */
  String currentLabel() {
    return current().map(this::label).orElse(null);
  }

  /** Makes a room the current one, when the session is in it; its unread lines are read. */
  boolean switchTo(String name) {
    JoinedRoom room = in.get(key(name));
    if (room == null) {
      return false;
    }
    boolean moved = !key(name).equals(current);
    current = key(name);
    room.read();
    if (moved) {
      view.switched(room.name);
    }
    view.roomsState(promptState());
    return true;
  }

  /** The room so many places after the current one, in the order entered (before, if negative). */
  Optional<String> step(int by) {
    return RoomsShown.step(in, current, by);
  }

  /** The n-th room entered, from 1. */
  Optional<String> numbered(int n) {
    return RoomsShown.numbered(in, n);
  }

  /** The rooms the session is in, in the order entered. */
  List<String> names() {
    return in.values().stream().map(room -> room.name).toList();
  }

  /** The server's answer to /list named these rooms. */
  void listed(List<String> rooms) {
    listed = List.copyOf(rooms);
  }

  /** The rooms the session knows of, to join: its own, then those the last /list named. */
  List<String> known() {
    return RoomsShown.known(names(), listed);
  }

  boolean isIn(String name) {
    return in.containsKey(key(name));
  }

  /** Whether a join of this room was asked for on this connection and is not answered yet. */
  boolean joining(String name) {
    return askedFor.contains(key(name));
  }

  /** The current room's members; empty when not known. */
  Optional<List<String>> members() {
    return Optional.ofNullable(current).map(in::get).map(room -> room.members).map(List::copyOf);
  }

  /** The current room's members as {@code /names} shows them, marked by rank; empty as {@link #members}. */
  Optional<List<String>> membersMarked() {
    return Optional.ofNullable(current).map(in::get).filter(room -> room.members != null).map(JoinedRoom::membersMarked);
  }

  /** A rank given or taken in a room the session is in. */
  void moderated(Moderation moderation) {
    JoinedRoom room = in.get(key(moderation.room()));
    if (room != null && moderation.target() != null) {
      room.ranked(moderation.act(), moderation.target());
    }
  }

  /** Everyone in any of the session's rooms, each once. */
  Optional<List<String>> everyone() {
    return RoomsShown.everyone(in);
  }

  /** The current room's topic, if it has one. */
  Optional<Topic> topic() {
    return Optional.ofNullable(current).map(in::get).map(room -> room.topic);
  }

  /** What the prompt shows of the rooms ({@link RoomsShown#promptState}). */
  String promptState() {
    return RoomsShown.promptState(in, current, current().orElse(""));
  }
}
