package dev.termchat.server.room;

import dev.termchat.server.wire.OutgoingFrame;
import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Topic;
import dev.termchat.protocol.Users;

/**
 * One frame as each dialect gets it, encoded at most once for each, however many recipients:
 * an extended client gets the frame itself; a base client a base frame as it always was (a
 * message without ids, an action as an ordinary message that shows it) and nothing else; a
 * plain-text client a message as one line, {@code From NAME (ADDRESS): TEXT}, and nothing else;
 * a rooms client a frame of a room naming it.
 * Confined to the room thread.
 */
final class Broadcast {
  private final FrameCodec codec;
  private final ServerFrame frame;
  private final boolean shared;
  /** The room the frame is of, which a rooms client is told. */
  private final String room;
  private OutgoingFrame extended;
  private OutgoingFrame base;
  private OutgoingFrame plain;
  private OutgoingFrame rooms;
  private boolean baseDone;
  private boolean plainDone;
  private boolean roomsDone;
  /** How many connections it was queued to. */
  private int recipients;

  /** @param shared whether it goes to many, and so is worth keeping outside the heap */
  Broadcast(FrameCodec codec, ServerFrame frame, boolean shared) {
    this(codec, frame, shared, RoomNames.DEFAULT_ROOM);
  }

  /** @param room the room the frame is of, if it is of one */
  Broadcast(FrameCodec codec, ServerFrame frame, boolean shared, String room) {
    this.codec = codec;
    this.frame = frame;
    this.shared = shared;
    this.room = room;
  }

  /** The frame for a client of this dialect, or {@code null} when it gets none. */
  OutgoingFrame forDialect(Dialect dialect) {
    return switch (dialect) {
      case EXTENDED -> frame instanceof Topic ? null : extended();
      case BASE -> base();
      case PLAIN -> plain();
      case ROOMS -> rooms();
    };
  }

  /**
   * The frame for a dialect if some recipient was sent it, without encoding it otherwise;
   * {@code null} when none was.
   */
  OutgoingFrame encodedFor(Dialect dialect) {
    return switch (dialect) {
      case EXTENDED -> extended;
      case BASE -> base;
      case PLAIN -> plain;
      case ROOMS -> rooms;
    };
  }

  private OutgoingFrame extended() {
    if (extended == null) {
      extended = encode(codec.encodeServerFrame(frame));
    }
    return extended;
  }

  private OutgoingFrame base() {
    if (!baseDone) {
      baseDone = true;
      if (frame instanceof ChatMessage message) {
        base = encode(codec.encodeServerFrame(message.forBaseClients()));
      } else if (frame.isBase()) {
        base = extended();
      }
    }
    return base;
  }

  /**
   * A frame of a room names it; a users list is none of a rooms client's, which is sent a room's
   * members once, as it enters, and then only who came and went.
   */
  private OutgoingFrame rooms() {
    if (!roomsDone) {
      roomsDone = true;
      if (frame instanceof Users) {
        rooms = null;
      } else if (InRoom.isOfARoom(frame)) {
        rooms = encode(codec.encodeServerFrame(new InRoom(room, frame)));
      } else {
        rooms = extended();
      }
    }
    return rooms;
  }

  private OutgoingFrame plain() {
    if (!plainDone) {
      plainDone = true;
      if (frame instanceof ChatMessage message) {
        ChatMessage shown = message.forBaseClients();
        String from = shown.address() == null ? shown.from() : shown.from() + " (" + shown.address() + ")";
        // One frame is one line on a plain client's screen: a newline or an escape sequence in a
        // message must not make a second line that seems to come from someone else.
        plain = encode("From " + Printable.escape(from) + ": " + Printable.escape(shown.message()));
      }
    }
    return plain;
  }

  private OutgoingFrame encode(String text) {
    if (!shared) {
      return OutgoingFrame.of(text);
    }
    return frame instanceof Users ? OutgoingFrame.usersList(text) : OutgoingFrame.forBroadcast(text);
  }

  void queuedToOneMore() {
    recipients++;
  }

  /** How many connections on this node it was queued to. */
  int recipients() {
    return recipients;
  }
}
