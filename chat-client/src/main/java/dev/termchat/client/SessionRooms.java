package dev.termchat.client;

import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.ListRooms;
import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Part;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.SetTopic;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a person does with rooms, from the console or a key: join, part, list, set a topic,
 * switch. Each is handed to the session thread, which owns the session's {@link ChatRooms}; the
 * console never waits on it for long (a key's switch does not wait at all).
 */
final class SessionRooms {
  /** Said when a person in no room does what needs one. */
  static final String NO_ROOM = "you are in no room; /join #ROOM joins one";

  private final SessionThread thread;
  private final SessionParts parts;
  private final ChatView view;
  /** The names of the rooms the session is in, for completion: written on the session thread. */
  private volatile List<String> namesNow = List.of();
  /** The rooms the session knows of, for completing /join: written on the session thread. */
  private volatile List<String> knownNow = List.of();

  SessionRooms(SessionThread thread, SessionParts parts, ChatView view) {
    this.thread = thread;
    this.parts = parts;
    this.view = view;
  }

  private ChatRooms rooms() {
    return parts.frames.rooms();
  }

  /** On the session thread, after every event. */
  void publish() {
    namesNow = rooms().names();
    knownNow = rooms().known();
  }

  /** The rooms the session is in, as last known; for completion, which must not wait. */
  List<String> roomNames() {
    return namesNow;
  }

  /** The rooms the session knows of: its own, and those the last /list named; must not wait. */
  List<String> knownRoomNames() {
    return knownNow;
  }

  /** Joins a room, and asks for it on every connection from now on. */
  void join(String room) throws InterruptedException {
    join(List.of(room));
  }

  /**
   * Joins rooms, and asks for them on every connection from now on; lines go to the last, once
   * in it. Asked at once, so that no answer to the first can come before the last was asked.
   */
  void join(List<String> named) throws InterruptedException {
    thread.await(() -> {
      if (!ready()) {
        return;
      }
      for (String room : named) {
        if (!rooms().isIn(room)) {
          rooms().joinAsked(room);
          send(parts.join(room));
        }
      }
      String last = named.get(named.size() - 1);
      rooms().named(last);
      if (rooms().isIn(last)) {
        switchTo(last, true);
      }
    });
  }

  /** Before the start: lines go to this room of those to be in, once in it ({@code --join}'s last). */
  void typeInOnEntry(String room) throws InterruptedException {
    thread.await(() -> rooms().typeInOnEntry(room));
  }

  /** Leaves a room: the current one when none is named. */
  void part(Optional<String> named) throws InterruptedException {
    thread.await(() -> {
      Optional<String> room = named.or(() -> rooms().current());
      if (!ready()) {
        return;
      }
      // A room whose join is on its way is left right after it: the server answers both in order.
      if (room.isEmpty() || !(rooms().isIn(room.get()) || rooms().joining(room.get()))) {
        view.info("not in " + room.map(Printable::escape).orElse("any room"));
        return;
      }
      rooms().partAsked(room.get());
      send(new Part(room.get()));
    });
  }

  void list() throws InterruptedException {
    thread.await(() -> {
      if (ready()) {
        send(new ListRooms());
      }
    });
  }

  /** Shows the current room's topic, or sets it when a text is given. */
  void topic(String text) throws InterruptedException {
    thread.await(() -> {
      Optional<String> room = rooms().current();
      if (!ready()) {
        return;
      }
      if (room.isEmpty()) {
        view.info(NO_ROOM);
        return;
      }
      if (text.isEmpty()) {
        view.info(rooms().topic().map(topic -> "topic of " + Printable.escape(room.get()) + ": " + Printable.escape(topic.topic())
            + " (set by " + Printable.escape(topic.by()) + ")").orElse(Printable.escape(room.get()) + " has no topic; /topic TEXT sets one"));
        return;
      }
      send(new SetTopic(room.get(), text));
    });
  }

  /** Who is online in the session's rooms; in none, how to join one. */
  void showOnline() throws InterruptedException {
    thread.await(() -> {
      Optional<List<String>> users = parts.open() ? parts.frames.users() : Optional.empty();
      if (users.isPresent()) {
        view.users(users.get());
      } else if (parts.open() && rooms().served() && rooms().names().isEmpty()) {
        view.info(NO_ROOM);
      } else {
        view.info(parts.open() ? "who is online is not known yet" : "not connected");
      }
    });
  }

  /** Who is in the current room. */
  void showMembers() throws InterruptedException {
    thread.await(() -> {
      if (rooms().served() && rooms().current().isEmpty()) {
        view.info(NO_ROOM);
        return;
      }
      Optional<List<String>> members = rooms().served() ? rooms().membersMarked() : parts.frames.users();
      if (members.isEmpty()) {
        view.info(parts.open() ? "who is here is not known yet" : "not connected");
      } else {
        view.users(members.get(), rooms().served() ? rooms().currentLabel() : null);
      }
    });
  }

  /** Makes a room the current one, by name. */
  void switchTo(String room) throws InterruptedException {
    thread.await(() -> {
      rooms().named(room);
      switchTo(room, false);
    });
  }

  /** On the session thread: a room the session is in becomes the current one, or it is told why not. */
  private void switchTo(String room, boolean joining) {
    if (rooms().isIn(room) && rooms().current().map(WantedRooms::key).filter(WantedRooms.key(room)::equals).isPresent()) {
      rooms().typeHere();
      view.info("you are already " + (joining ? "in " + Printable.escape(rooms().current().get()) + " and typing there" : "typing in " + Printable.escape(rooms().current().get())));
    } else if (rooms().isIn(room)) {
      rooms().typeHere();
      rooms().switchTo(room);
    } else if (rooms().joining(room)) {
      // Typed (or piped) right behind its /join: the answer has not come yet, the room will.
      rooms().typeInOnEntry(room);
      view.info("typing in " + Printable.escape(room) + " once in it" + rooms().current().map(now -> "; until then in " + Printable.escape(now)).orElse(""));
    } else {
      view.info("not in " + Printable.escape(room) + "; /join " + Printable.escape(room) + " joins it");
    }
  }

  /** Makes the room so many places on (back, if negative) the current one; from a key, so it never waits. */
  void step(int by) {
    thread.post(() -> {
      Optional<String> room = rooms().step(by);
      if (room.isEmpty()) {
        view.info(NO_ROOM);
      } else if (rooms().names().size() == 1) {
        view.info("no other room: you are in " + Printable.escape(room.get()) + " alone");
      } else {
        switchTo(room.get(), false);
      }
    });
  }

  /** Makes the n-th room, from 1, the current one; from a key, so it never waits. */
  void number(int n) {
    thread.post(() -> {
      Optional<String> room = rooms().numbered(n);
      int in = rooms().names().size();
      if (room.isPresent()) {
        switchTo(room.get(), false);
      } else {
        view.info(in == 0 ? NO_ROOM : "no room " + n + ": you are in " + in);
      }
    });
  }

  /** A moderation request for the room one types in. */
  void moderate(Function<String, Moderate> request) throws InterruptedException {
    thread.await(() -> {
      Optional<String> room = rooms().current();
      if (!ready()) {
        return;
      }
      if (room.isEmpty()) {
        view.info(NO_ROOM);
        return;
      }
      Moderate moderate = request.apply(room.get());
      if (moderate.act() == ModerationAct.DELETE && moderate.target() == null) {
        Optional<String> own = rooms().lastOwn(room.get());
        if (own.isEmpty()) {
          view.info("no line of yours in " + Printable.escape(room.get()) + " to delete; /delete ID deletes one by its id");
          return;
        }
        moderate = new Moderate(ModerationAct.DELETE, room.get(), own.get(), 0, "", false);
      }
      send(moderate);
    });
  }

  /** Whether a room frame may go now; if not, the person is told why. */
  private boolean ready() {
    if (!parts.open()) {
      view.info("not connected; try again once reconnected");
      return false;
    }
    if (!rooms().served()) {
      view.info("this server has one room, " + RoomNames.DEFAULT_ROOM + ", and no others");
      return false;
    }
    return true;
  }

  private void send(ClientFrame frame) {
    parts.roomFrames.send(frame);
  }
}
