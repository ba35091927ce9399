package dev.termchat.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RawWebSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
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
      assertEquals(429, fourth.status());
      assertEquals("5", fourth.responseHeaders().get("retry-after"));
      assertEquals("too many connections from 127.0.0.1 (3)\n", fourth.responseBody());

      open.get(0).close();
      await().until(() -> connect(chat).status() == 101);
    }

    @Test
    void socketsThatNeverHandshakeCountTooAndOtherAddressesStillGetIn() throws Exception {
      List<Socket> idle = new ArrayList<>();
      try {
        // The cap of 3 and 16 more in their handshake: the 20th is closed at once.
        for (int i = 0; i < 3 + 16; i++) {
          idle.add(RawWebSocket.tcp(chat.uri(), 0));
        }
        await().until(() -> chat.server().openSockets() == 19);
        try (Socket refused = RawWebSocket.tcp(chat.uri(), 0)) {
          assertEquals(-1, readOrReset(refused));
        }
        try (RawWebSocket other = connectFrom(InetAddress.getByName("127.0.0.2"), chat.uri())) {
          assertEquals(101, other.status());
        }
      } finally {
        for (Socket socket : idle) {
          socket.close();
        }
      }
    }
  }

  private static int readOrReset(Socket socket) throws Exception {
    try {
      return socket.getInputStream().read();
    } catch (java.net.SocketException reset) {
      return -1;
    }
  }

  private RawWebSocket connectFrom(InetAddress local, URI uri) throws Exception {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(local, 0));
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
    socket.setSoTimeout(10_000);
    RawWebSocket raw = RawWebSocket.handshake(socket, uri, Map.of());
    open.add(raw);
    return raw;
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
