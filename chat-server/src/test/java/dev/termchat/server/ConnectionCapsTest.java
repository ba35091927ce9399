package dev.termchat.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RawWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Past the caps, the handshake is refused with 503 and the connection never opens. */
class ConnectionCapsTest {
  private final List<RawWebSocket> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (RawWebSocket socket : open) {
      socket.close();
    }
  }

  private RawWebSocket connect(ChatFixture chat) throws Exception {
    RawWebSocket socket = RawWebSocket.connect(chat.uri(), Map.of());
    open.add(socket);
    return socket;
  }

  @Nested
  class PerAddress {
    @RegisterExtension
    final ChatFixture chat =
        new ChatFixture(config -> config.maxConnectionsPerAddress(3).limitLoopback(true));

    @Test
    void theFourthConnectionFromOneAddressIsRefusedUntilOneCloses() throws Exception {
      for (int i = 0; i < 3; i++) {
        assertEquals(101, connect(chat).status());
      }
      RawWebSocket fourth = connect(chat);
      assertEquals(503, fourth.status());
      assertEquals("5", fourth.responseHeaders().get("retry-after"));
      assertEquals("too many connections from 127.0.0.1 (3)\n", fourth.responseBody());

      open.get(0).close();
      await().until(() -> connect(chat).status() == 101);
    }
  }

  @Nested
  class Loopback {
    @RegisterExtension
    final ChatFixture chat = new ChatFixture(config -> config.maxConnectionsPerAddress(3));

    @Test
    void isExemptFromThePerAddressCapByDefault() throws Exception {
      for (int i = 0; i < 10; i++) {
        assertEquals(101, connect(chat).status());
      }
    }
  }

  @Nested
  class Total {
    @RegisterExtension
    final ChatFixture chat = new ChatFixture(config -> config.maxConnections(2));

    @Test
    void theConnectionPastTheTotalIsRefused() throws Exception {
      assertEquals(101, connect(chat).status());
      assertEquals(101, connect(chat).status());
      RawWebSocket third = connect(chat);
      assertEquals(503, third.status());
      assertEquals("the server is full (2 connections)\n", third.responseBody());
    }
  }
}
