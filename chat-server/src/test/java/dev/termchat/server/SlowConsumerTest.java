package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.Metrics;
import dev.termchat.testing.RawWebSocket;
import dev.termchat.testing.WebSocketRecorder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One client stops reading while fifty others chat: it is dropped at the bound, and everyone
 * else gets every message, in order.
 */
class SlowConsumerTest {
  private static final int CHATTERS = 50;
  private static final int SENDERS = 10;
  /**
   * Well past what the kernel buffers for the slow socket (a 64 KiB send buffer, which Linux
   * doubles, and the slow client's 4 KiB) plus the 1 MiB bound: 10 x 100 x 4 KB is 4 MB.
   */
  private static final int MESSAGES_EACH = 100;

  /**
   * The default limits, the senders at the rate limit, 30 a second each; the send buffer is
   * fixed, because on loopback the kernel would otherwise grow it to megabytes.
   */
  @RegisterExtension
  final ChatFixture chat = new ChatFixture(config -> config.socketSendBufferBytes(64 * 1024));

  private final FrameCodec codec = new FrameCodec();

  @Test
  void aClientThatStopsReadingIsDroppedAndTheOthersMissNothing() throws Exception {
    List<WebSocketRecorder> chatters = new ArrayList<>();
    for (int i = 0; i < CHATTERS; i++) {
      WebSocketRecorder chatter = chat.connect();
      register(chatter, "chatter" + i);
      chatters.add(chatter);
    }
    ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);
    try (RawWebSocket slow = RawWebSocket.connect(chat.uri(), Map.of(), 4096)) {
      slow.sendText("{\"messageType\":\"register\",\"data\":\"slow\"}");
      assertTrue(slow.readText().contains("slow"));
      // From here on, slow reads nothing.

      String padding = "p".repeat(3900);
      AtomicInteger round = new AtomicInteger();
      senders.scheduleAtFixedRate(
          () -> {
            int current = round.getAndIncrement();
            if (current < MESSAGES_EACH) {
              for (int sender = 0; sender < SENDERS; sender++) {
                chatters.get(sender).send(new SendMessage(sender + ":" + current + ":" + padding));
              }
            }
          },
          0,
          1000 / ServerConfig.DEFAULT_MESSAGES_PER_SECOND,
          TimeUnit.MILLISECONDS);

      for (WebSocketRecorder chatter : chatters) {
        assertReceivedEverythingInOrder(chatter);
      }
      assertTrue(!chat.server().users().contains("slow"), chat.server().users().toString());
      assertEquals(CHATTERS, chat.server().users().size());
      // Dropped as too slow: the connection just ends, with no close frame queued behind the rest.
      assertFalse(slow.readFramesUntilEnd(), "a close frame: dropped for something else than being slow");
      // No frame says 1008, but the server counts the drop by it, as OPERATIONS says.
      assertEquals(1.0, Metrics.scrape(chat.uri()).getOrDefault("termchat_closes_total{code=\"1008\"}", 0.0));
    } finally {
      senders.shutdownNow();
    }
  }

  private void assertReceivedEverythingInOrder(WebSocketRecorder chatter) throws Exception {
    Map<Integer, Integer> nextRound = new HashMap<>();
    int received = 0;
    boolean sawSlow = false;
    boolean sawSlowLeave = false;
    while (received < SENDERS * MESSAGES_EACH) {
      ServerFrame frame = codec.decodeServerFrame(chatter.nextText());
      if (frame instanceof ChatMessage message) {
        String[] parts = message.message().split(":", 3);
        int sender = Integer.parseInt(parts[0]);
        int round = Integer.parseInt(parts[1]);
        assertEquals(nextRound.getOrDefault(sender, 0), round, "order of sender " + sender);
        nextRound.put(sender, round + 1);
        received++;
      } else if (frame instanceof Users users) {
        sawSlow |= users.names().contains("slow");
        sawSlowLeave |= sawSlow && !users.names().contains("slow");
      }
    }
    // The users list without slow may come after the last message; take it if it is still due.
    while (!sawSlowLeave) {
      List<String> names = chatter.nextFrame(Users.class).names();
      sawSlow |= names.contains("slow");
      sawSlowLeave = sawSlow && !names.contains("slow");
    }
  }
}
