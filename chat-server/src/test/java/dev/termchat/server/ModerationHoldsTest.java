package dev.termchat.server;

import static dev.termchat.testing.Moderators.act;
import static dev.termchat.testing.Moderators.error;
import static dev.termchat.testing.Moderators.next;
import static dev.termchat.testing.Moderators.notice;
import static dev.termchat.testing.Moderators.roomsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.WebSocketRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What moderation keeps holding while those it concerns are away: a room with a store is
 * forgotten from memory once empty (its lines are in the store), and its bans and its owner
 * must outlast that; a rank is judged whether its holder is online or not.
 */
class ModerationHoldsTest {
  private final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T08:00:00Z"));

  @RegisterExtension
  final ChatFixture chat = new ChatFixture(clock, config -> config.operators(List.of("root")).historySize(5).data(tempDir()));

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("termchat-holds");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A room made by this client, a line said there so that the store keeps it. */
  private static WebSocketRecorder madeWithALine(ChatFixture chat, String name, String room) throws InterruptedException {
    WebSocketRecorder maker = roomsClient(chat, name, "#general," + room);
    maker.send(new SendMessage("keep me", "k1", room));
    assertEquals("keep me", next(maker, ChatMessage.class).message());
    return maker;
  }

  @Test
  void aRoomsBanHoldsOnceEveryoneHasLeftIt() throws Exception {
    WebSocketRecorder lead = madeWithALine(chat, "lead", "#legit");
    lead.send(act(ModerationAct.BAN, "#legit", "troll"));
    notice(lead, ModerationAct.BAN);
    lead.closeBlocking();

    WebSocketRecorder troll = roomsClient(chat, "troll", "#general");
    troll.send(new Join("#legit"));
    error(troll, "banned");
  }
}
