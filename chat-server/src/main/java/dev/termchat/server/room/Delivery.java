package dev.termchat.server.room;

import dev.termchat.server.wire.OutgoingFrame;
import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.server.room.BaseHold.Held;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The connections of this node, and the way frames reach them: each frame encoded once per
 * dialect, queued to each recipient as its dialect takes it, written at the end of the room's
 * batch. The room names recipients by {@link Who}; those on other nodes are not here, and are
 * skipped. Messages to base clients wait in a {@link BaseHold} while one is on.
 */
final class Delivery {
  private final FrameCodec codec;
  /** Attached by the I/O thread, detached by the room thread. */
  private final Map<Who, Member> members = new ConcurrentHashMap<>();
  /** Members with frames queued in this batch, to write at its end. Confined to the room thread. */
  private final List<Member> toFlush = new ArrayList<>();
  /**
   * The recipients of the last broadcast, a snapshot of the registry that stays the same object
   * until someone comes or goes, and the members they are here: a broadcast to an unchanged room
   * looks up no one. Confined to the room thread.
   */
  private Collection<Who> lastRecipients;
  private List<Member> lastMembers = List.of();
  /** The base clients here that have been sent a users list. Confined to the room thread. */
  private final Set<Who> listed = new HashSet<>();
  /** Confined to the room thread. */
  private final BaseHold hold;

  /** @param nanoTime the room thread's clock, by which held messages are held */
  Delivery(FrameCodec codec, LongSupplier nanoTime) {
    this.codec = codec;
    this.hold = new BaseHold(nanoTime);
  }

  void attach(Member member) {
    members.put(member.who(), member);
  }

  /** The member, if it is on this node; {@code null} otherwise. */
  Member member(Who who) {
    return members.get(who);
  }

  Member detach(Who who) {
    lastRecipients = null;
    listed.remove(who);
    return members.remove(who);
  }

  /** Sends a frame to one connection at once, as far as its dialect takes it. */
  void sendTo(Who who, ServerFrame frame) {
    sendTo(who, frame, RoomNames.DEFAULT_ROOM);
  }

  /** As {@link #sendTo(Who, ServerFrame)}, for a frame of this room. */
  void sendTo(Who who, ServerFrame frame, String room) {
    Member member = members.get(who);
    if (member != null) {
      OutgoingFrame outgoing = new Broadcast(codec, frame, false, room).forDialect(member.dialect());
      if (outgoing != null && member.enqueue(outgoing)) {
        member.flush();
      }
    }
  }

  /** Queues a frame for one connection, to be written with the rest of the batch. */
  void queueTo(Who who, ServerFrame frame) {
    Member member = members.get(who);
    if (member != null) {
      OutgoingFrame outgoing = new Broadcast(codec, frame, false).forDialect(member.dialect());
      if (outgoing != null && member.enqueue(outgoing)) {
        toFlush.add(member);
      }
    }
  }

  /**
   * Queues a users list for one base client, which may then be sent messages from those it names.
   *
   * @return the bytes queued: 0 for a connection elsewhere or of another dialect
   */
  long listTo(Who who, Users list) {
    Member member = members.get(who);
    if (member == null || member.dialect() != Dialect.BASE) {
      return 0;
    }
    OutgoingFrame outgoing = new Broadcast(codec, list, false).forDialect(Dialect.BASE);
    listed.add(who);
    if (member.enqueue(outgoing)) {
      toFlush.add(member);
    }
    return outgoing.wireBytes();
  }

  /**
   * Queues the frame for each recipient; it is written when the batch of events is done, so
   * that a recipient gets every frame of the batch in one system call. When the room keeps up, a
   * batch is one event and nothing waits; when it falls behind, batches grow and each write
   * carries more frames, which is what lets it catch up.
   */
  Broadcast broadcast(ServerFrame frame, Collection<Who> recipients) {
    return broadcast(frame, recipients, RoomNames.DEFAULT_ROOM);
  }

  /** As {@link #broadcast(ServerFrame, Collection)}, for a frame of this room. */
  Broadcast broadcast(ServerFrame frame, Collection<Who> recipients, String room) {
    Broadcast broadcast = new Broadcast(codec, frame, true, room);
    List<Member> here = membersOf(recipients);
    boolean list = frame instanceof Users;
    boolean heldForEveryone = false;
    List<Member> heldForSome = null;
    for (Member member : here) {
      Dialect dialect = member.dialect();
      OutgoingFrame outgoing = broadcast.forDialect(dialect);
      if (outgoing == null) {
        continue;
      }
      broadcast.queuedToOneMore();
      if (dialect == Dialect.BASE) {
        if (list) {
          listed.add(member.who());
        } else if (hold.holdsEveryone()) {
          heldForEveryone = true;
          continue;
        } else if (!listed.contains(member.who())) {
          // A message before its first list would name a sender it has not heard of.
          heldForSome = heldForSome == null ? new ArrayList<>() : heldForSome;
          heldForSome.add(member);
          continue;
        }
      }
      if (member.enqueue(outgoing)) {
        toFlush.add(member);
      }
    }
    if (heldForEveryone || heldForSome != null) {
      String sender = frame instanceof ChatMessage message ? message.from() : null;
      OutgoingFrame base = broadcast.forDialect(Dialect.BASE);
      hold.add(heldForEveryone ? new Held(base, sender, here, true) : new Held(base, sender, heldForSome, false));
    }
    return broadcast;
  }

  /** From now until the next list (or the hold's bound), messages to base clients wait. */
  void holdForBase() {
    hold.holdEveryone();
  }

  /** Whether what is held must go now, list or not. */
  boolean holdOverdue() {
    return hold.overdue();
  }

  /** How long until what is held must go, list or not; {@link Long#MAX_VALUE} if nothing is. */
  long nanosUntilHoldOverdue() {
    return hold.nanosUntilOverdue();
  }

  /** The bound what is held passed, if it did: {@link BaseHold#boundPassed}. */
  Optional<String> holdBoundPassed() {
    return hold.boundPassed();
  }

  /** Who said what is held for base clients: the list that ends the hold must name them. */
  Set<String> heldSenders() {
    return hold.senders();
  }

  /** Ends the hold: everything held, oldest first, for {@link #release}. */
  List<Held> takeHeld() {
    return hold.take();
  }

  /**
   * Queues held messages for the base clients they were held for that are still here, and have
   * had a list naming the sender.
   *
   * @param named whether the last list sent named this sender
   * @return how many messages a client was not sent, for want of a list naming their sender
   */
  int release(List<Held> held, Predicate<String> named) {
    int missed = 0;
    for (Held message : held) {
      boolean sayable = message.sender() == null || named.test(message.sender());
      for (Member member : message.recipients()) {
        if ((message.everyone() && member.dialect() != Dialect.BASE) || members.get(member.who()) != member) {
          continue;
        }
        if (!sayable || !listed.contains(member.who())) {
          missed++;
        } else if (member.enqueue(message.frame())) {
          toFlush.add(member);
        }
      }
    }
    return missed;
  }

  /** The members on this node among the recipients, in their order. */
  private List<Member> membersOf(Collection<Who> recipients) {
    if (recipients != lastRecipients) {
      List<Member> found = new ArrayList<>(recipients.size());
      for (Who who : recipients) {
        Member member = members.get(who);
        if (member != null) {
          found.add(member);
        }
      }
      lastRecipients = recipients;
      lastMembers = found;
    }
    return lastMembers;
  }

  /** Queues a frame encoded already for the client's dialect, an extended one: one kept in the history. */
  void queueTo(Who who, OutgoingFrame frame) {
    Member member = members.get(who);
    if (member != null && member.dialect().extended() && member.enqueue(frame)) {
      toFlush.add(member);
    }
  }

  FrameCodec codec() {
    return codec;
  }

  /** Writes what this batch queued. */
  void flushQueued() {
    for (Member member : toFlush) {
      member.flush();
    }
    toFlush.clear();
  }

  /** Forgets what this batch queued, after a failed turn. */
  void clearQueued() {
    toFlush.clear();
  }
}
