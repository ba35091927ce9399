package dev.termchat.server.room;

import dev.termchat.protocol.ErrorCode;
import java.util.List;

/**
 * What happens in the room, as its log carries it, in the order the room applies it. Events name
 * connections by {@link Who} and carry plain values only, so that a log shared between processes
 * can carry them. Handled through {@link Visitor}, so a new kind fails to compile where it is not.
 */
public sealed interface RoomEvent {
  /** The connection the event is about. */
  Who who();

  <R> R accept(Visitor<R> visitor);

  /** One method for each kind of event. */
  interface Visitor<R> {
    R join(Join join);

    R say(Say say);

    R whisper(Whisper whisper);

    R rename(Rename rename);

    R refuse(Refuse refuse);

    R leave(Leave leave);

    R roster(Roster roster);

    R enter(Enter enter);

    R exit(Exit exit);

    R topic(SetTopic topic);

    R listRooms(ListRooms list);

    R line(Line line);

    R scrollback(Scrollback scrollback);

    R search(Search search);

    R answer(Answer answer);

    R moderate(Moderate moderate);

    R account(Account account);
  }

  /**
   * A connection registers.
   *
   * @param name the name asked for, {@code null} for a guest name
   * @param address the peer's address, shown with its messages
   * @param dialect what the connection understands
   * @param history how many of the latest messages it wants to see, at most {@link
   *     RoomSettings#JOIN_HISTORY}
   * @param resumeAfter the id of the last message it saw before its connection dropped, or
   *     {@code null}
   * @param presented the token of the session it resumes, or {@code null}
   * @param issued the token of its new session, or {@code null} for a client without sessions
   */
  record Join(
      Who who,
      String name,
      String address,
      Dialect dialect,
      int history,
      String resumeAfter,
      ResumeToken presented,
      ResumeToken issued)
      implements RoomEvent {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.join(this);
    }
  }

  /**
   * A message, or an action, for everyone in a room; {@code clientId} is the sender's own id for
   * it, {@code room} the room's name as the sender gave it (normalized), {@code null} for the
   * default room.
   */
  record Say(Who who, String text, boolean action, String clientId, String room) implements RoomEvent {
    /** A line for the default room. */
    public Say(Who who, String text, boolean action, String clientId) {
      this(who, text, action, clientId, null);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.say(this);
    }
  }

  /** A private message for the one online under the name {@code to}. */
  record Whisper(Who who, String to, String text, String clientId) implements RoomEvent {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.whisper(this);
    }
  }

  /** A registered connection takes a new name. */
  record Rename(Who who, String name) implements RoomEvent {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.rename(this);
    }
  }

  /**
   * A frame of the connection's was dropped where it was read; the room tells it why, in the
   * order of its frames. Decided on the connection's node and never appended to a log: a log
   * shared with nodes of an older version, during a rolling upgrade, may still carry one of
   * theirs, which is read and applied as it was then.
   *
   * @param clientId the client's own id for the line dropped, or {@code null}
   */
  record Refuse(Who who, ErrorCode code, String reason, String clientId) implements RoomEvent {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.refuse(this);
    }
  }

  /**
   * The connection is gone; its last event.
   *
   * @param quit whether the client closed it on purpose, with a close frame: its session ends
   *     with it; otherwise its name is held for it to resume
   */
  record Leave(Who who, String why, boolean quit) implements RoomEvent {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.leave(this);
    }
  }

  /**
   * Who is registered on a node, as that node says: every other node makes its list of that
   * node's users this, adding those it missed and dropping those it kept too long. A node says it
   * when the shared log may have lost entries: when it starts, and when the log is back.
   *
   * @param who the node, with connection 0
   * @param present the node's registered connections, in join order
   * @param asOf the id of the last entry the node had applied when it built the roster, or
   *     {@code null} if none: the roster says nothing of what came after
   * @param ask whether the others should say who is on theirs in turn
   */
  record Roster(Who who, List<Present> present, String asOf, boolean ask) implements RoomEvent {
    public Roster {
      present = List.copyOf(present);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.roster(this);
    }
  }

  /**
   * A registered rooms client enters a room, made if no one is in it.
   *
   * @param room the room's name as the client gave it, normalized and acceptable
   * @param history how many of its latest messages to be sent
   * @param resumeAfter the id of the last message of the room the client saw, or {@code null}
   * @param withRegister whether the client's register listed it ({@code rooms=}): such entries
   *     share one catch-up budget, and are not held to the rate of joins
   */
  record Enter(Who who, String room, int history, String resumeAfter, boolean withRegister) implements RoomEvent {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.enter(this);
    }
  }

  /** A rooms client leaves a room ({@code part}); its name as the client gave it, normalized. */
  record Exit(Who who, String room) implements RoomEvent {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.exit(this);
    }
  }

  /** A member of a room sets its topic; empty clears it. Its name as the client gave it, normalized. */
  record SetTopic(Who who, String room, String topic) implements RoomEvent {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.topic(this);
    }
  }

  /**
   * A rooms client asks which rooms there are. Answered on its node alone, in the order of its
   * frames, as a refusal is ({@link Refuse}); never appended to a log.
   */
  record ListRooms(Who who) implements RoomEvent {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.listRooms(this);
    }
  }

  /**
   * A client asks for the messages of a room said before an id, oldest first. Answered on its node
   * alone, in the order of its frames, as {@link ListRooms} is; never appended to a log.
   *
   * @param room the room's name, normalized
   * @param before the id of the oldest message the client has; {@code null} for the newest
   */
  record Scrollback(Who who, String room, String before, int limit) implements RoomEvent {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.scrollback(this);
    }
  }

  /**
   * A client searches a room's messages for words. Answered on its node alone, as {@link
   * Scrollback} is; never appended to a log.
   *
   * @param room the room's name, normalized
   */
  record Search(Who who, String room, String words, int limit) implements RoomEvent {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.search(this);
    }
  }

  /**
   * The answer to a {@link Scrollback} or {@link Search} that the archive gave off the room's
   * thread, as encoded there, on its way to the client through the room's replies so that it
   * keeps its place among them. Local alone; never appended to a log.
   *
   * @param frame the frame's text
   */
  record Answer(Who who, String frame) implements RoomEvent {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.answer(this);
    }
  }

  /**
   * A message or an action in a made room, as its sender's node judged it, for a log that keeps
   * each room's lines apart ({@link RoomLog#roomsApart}): the node that reads it applies it
   * without judging it again, under the name it carries, once it has applied the node-wide log
   * as far as {@code at}, where its sender's joining and naming are.
   *
   * @param room the room's name, normalized
   * @param name the sender's name when it was judged
   * @param address the sender's address, shown with the line where addresses are shared; may be
   *     {@code null}
   * @param at the id of the last entry of the node-wide log that the judging node had applied
   */
  record Line(Who who, String room, String name, String address, String text, boolean action, String clientId, String at)
      implements RoomEvent {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.line(this);
    }
  }

  /**
   * A moderation act asked for ({@link dev.termchat.protocol.Moderate}), judged where it is applied,
   * by the roles and bans every node holds alike from the log.
   *
   * @param act the act's wire name
   * @param room the room, normalized
   * @param target who or what, {@code null} for mute and unmute
   * @param seconds how long a ban lasts, 0 for no end
   * @param reason why, empty for none
   * @param server whether a ban or unban is for the whole server
   */
  record Moderate(Who who, String act, String room, String target, long seconds, String reason, boolean server)
      implements RoomEvent {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.moderate(this);
    }
  }

  /**
   * A connection's account, as the node that checked its password says: every node applies it
   * in the log's order, so all reserve a name at the same point and agree on who may have it.
   * Carries no password.
   *
   * @param name the account's name, as registered
   * @param issued for a login or a register of an extended client, the sealed token its session
   *     (if it has one) goes on under from then on, so that a token seen before the login resumes
   *     nothing; otherwise {@code null}
   */
  record Account(Who who, String name, Change change, ResumeToken issued) implements RoomEvent {
    /** What happened to the account. */
    public enum Change {
      /** The connection logged in to it. */
      LOGIN,
      /** The connection registered its name as a new account, and is logged in to it. */
      REGISTERED,
      /** The connection changed its password: every other session of the account ends. */
      PASSWORD
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.account(this);
    }
  }

  /**
   * A registered connection, as a {@link Roster} lists it.
   *
   * @param rooms the rooms it is in, the default one included, for a rooms client; {@code null}
   *     for any other, which is in the default room alone (and from nodes that know no rooms)
   */
  record Present(long connection, String name, String address, Dialect dialect, List<String> rooms) {
    public Present {
      rooms = rooms == null ? null : List.copyOf(rooms);
    }

    public Present(long connection, String name, String address, Dialect dialect) {
      this(connection, name, address, dialect, null);
    }
  }
}
