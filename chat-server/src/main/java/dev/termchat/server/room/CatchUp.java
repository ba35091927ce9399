package dev.termchat.server.room;

import dev.termchat.server.wire.OutgoingFrame;
import dev.termchat.protocol.Resumed;
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
  private final MessageHistory history;
  private final Delivery delivery;

  CatchUp(MessageHistory history, Delivery delivery) {
    this.history = history;
    this.delivery = delivery;
  }

  void send(Who who, Join join) {
    if (join.resumeAfter() != null) {
      Optional<Missed> missed = history.after(join.resumeAfter());
      if (missed.isPresent()) {
        List<Kept> all = missed.get().messages();
        List<Kept> sent = latestFitting(all, RoomSettings.MAX_RESUME, kept -> kept.live(delivery.codec(), join.dialect()));
        delivery.queueTo(who, new Resumed(missed.get().whole() && sent.size() == all.size(), sent.size()));
        sent.forEach(kept -> delivery.queueTo(who, kept.live(delivery.codec(), join.dialect())));
        return;
      }
      delivery.queueTo(who, new Resumed(false, 0));
    }
    List<Kept> latest = history.latest(join.history());
    latestFitting(latest, join.history(), kept -> kept.asHistory(delivery.codec(), join.dialect()))
        .forEach(kept -> delivery.queueTo(who, kept.asHistory(delivery.codec(), join.dialect())));
  }

  /** The latest of these, oldest first, at most {@code count} and within the bytes a catch-up may take. */
  private static List<Kept> latestFitting(List<Kept> oldestFirst, int count, Function<Kept, OutgoingFrame> frame) {
    List<Kept> fitting = new ArrayList<>();
    long bytes = 0;
    for (int i = oldestFirst.size() - 1; i >= 0 && fitting.size() < count; i--) {
      Kept kept = oldestFirst.get(i);
      bytes += frame.apply(kept).wireBytes();
      if (bytes > RoomSettings.MAX_CATCH_UP_BYTES) {
        break;
      }
      fitting.add(kept);
    }
    Collections.reverse(fitting);
    return fitting;
  }
}
