package dev.termchat.server.room;

import dev.termchat.server.wire.OutgoingFrame;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Resumed;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.server.room.MessageHistory.Kept;
import dev.termchat.server.room.MessageHistory.Missed;
import dev.termchat.server.room.RoomEvent.Join;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a joining extended client is sent of what was said before: everything after the last
 * message it saw (or the position it joined at), when it resumes, as far as that is still kept;
 * otherwise the latest messages, marked as history. Bounded in count ({@link RoomSettings#MAX_RESUME}, {@link RoomSettings#JOIN_HISTORY})
 * and in bytes ({@link RoomSettings#MAX_CATCH_UP_BYTES}), so that a register frame of a few
 * hundred bytes cannot have megabytes of long messages sent back. Confined to the room thread.
 */
final class CatchUp {
  private final Delivery delivery;

  CatchUp(Delivery delivery) {
    this.delivery = delivery;
  }

  /** What a joining client of the default room is sent of it. */
  void send(Who who, MessageHistory history, Join join) {
    send(who, history, join.dialect(), join.history(), join.resumeAfter(), RoomSettings.MAX_CATCH_UP_BYTES);
  }

  /**
   * @param count how many of the latest messages to send, when not resuming
   * @param resumeAfter the id of the last message the client saw, or {@code null}
   * @param maxBytes the most bytes of frames to send
   * @return the bytes of frames queued
   */
  long send(Who who, MessageHistory history, Dialect dialect, int count, String resumeAfter, long maxBytes) {
    if (resumeAfter != null) {
      Optional<Missed> missed = history.after(resumeAfter);
      if (missed.isPresent()) {
        List<Kept> all = missed.get().messages();
        List<Kept> sent = latestFitting(all, RoomSettings.MAX_RESUME, maxBytes, kept -> kept.live(delivery.codec(), dialect));
        delivery.queueTo(who, inRoom(history, dialect, new Resumed(missed.get().whole() && sent.size() == all.size(), sent.size())));
        return queue(who, sent, kept -> kept.live(delivery.codec(), dialect));
      }
      delivery.queueTo(who, inRoom(history, dialect, new Resumed(false, 0)));
    }
    List<Kept> latest = history.latest(count);
    Function<Kept, OutgoingFrame> asHistory = kept -> kept.asHistory(delivery.codec(), dialect);
    return queue(who, latestFitting(latest, count, maxBytes, asHistory), asHistory);
  }

  private long queue(Who who, List<Kept> kept, Function<Kept, OutgoingFrame> frame) {
    long bytes = 0;
    for (Kept one : kept) {
      OutgoingFrame outgoing = frame.apply(one);
      bytes += outgoing.wireBytes();
      delivery.queueTo(who, outgoing);
    }
    return bytes;
  }

  /** A rooms client is told which room's catching up this is. */
  private static ServerFrame inRoom(MessageHistory history, Dialect dialect, Resumed resumed) {
    return dialect == Dialect.ROOMS ? new InRoom(history.room(), resumed) : resumed;
  }

  /** The latest of these, oldest first, at most {@code count} and within the bytes a catch-up may take. */
  private static List<Kept> latestFitting(List<Kept> oldestFirst, int count, long maxBytes, Function<Kept, OutgoingFrame> frame) {
    List<Kept> fitting = new ArrayList<>();
    long bytes = 0;
    for (int i = oldestFirst.size() - 1; i >= 0 && fitting.size() < count; i--) {
      Kept kept = oldestFirst.get(i);
      bytes += frame.apply(kept).wireBytes();
      if (bytes > maxBytes) {
        break;
      }
      fitting.add(kept);
    }
    Collections.reverse(fitting);
    return fitting;
  }
}
