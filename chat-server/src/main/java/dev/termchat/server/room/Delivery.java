package dev.termchat.server.room;

import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections of this node, and the way frames reach them: each frame encoded once per
 * dialect, queued to each recipient as its dialect takes it, written at the end of the room's
 * batch. The room names recipients by {@link Who}; those on other nodes are not here, and are
 * skipped.
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

  Delivery(FrameCodec codec) {
    this.codec = codec;
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
    return members.remove(who);
  }

  /** Sends a frame to one connection at once, as far as its dialect takes it. */
  void sendTo(Who who, ServerFrame frame) {
    Member member = members.get(who);
    if (member != null) {
      OutgoingFrame outgoing = new Broadcast(codec, frame, false).forDialect(member.dialect());
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
   * Queues the frame for each recipient; it is written when the batch of events is done, so
   * that a recipient gets every frame of the batch in one system call. When the room keeps up, a
   * batch is one event and nothing waits; when it falls behind, batches grow and each write
   * carries more frames, which is what lets it catch up.
   */
  Broadcast broadcast(ServerFrame frame, Collection<Who> recipients) {
    Broadcast broadcast = new Broadcast(codec, frame, true);
    for (Member member : membersOf(recipients)) {
      OutgoingFrame outgoing = broadcast.forDialect(member.dialect());
      if (outgoing == null) {
        continue;
      }
      broadcast.queuedToOneMore();
      if (member.enqueue(outgoing)) {
        toFlush.add(member);
      }
    }
    return broadcast;
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

  /** Queues a frame encoded already, for an extended client: one kept in the history. */
  void queueTo(Who who, OutgoingFrame frame) {
    Member member = members.get(who);
    if (member != null && member.dialect() == Dialect.EXTENDED && member.enqueue(frame)) {
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
