package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.TestCertificates;
import dev.termchat.testing.WebSocketRecorder;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.testing.RawWebSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** wss:// from a keystore, on real TLS connections. */
class TlsTest {
  @TempDir static Path directory;
  static TestCertificates certificates;

  @BeforeAll
  static void makeCertificate() throws Exception {
    certificates = TestCertificates.create(directory, "localhost", "ip:127.0.0.1,dns:localhost");
  }

  @RegisterExtension
  final ChatFixture chat =
      new ChatFixture(
          config ->
              config
                  .tls(
                      new ServerConfig.TlsConfig(
                          certificates.keystore(), TestCertificates.PASSWORD.toCharArray()))
                  .socketSendBufferBytes(8 * 1024));

  @Test
  void aClientThatTrustsTheCertificateChatsOverWss() throws Exception {
    assertTrue(chat.uri().toString().startsWith("wss://127.0.0.1:"), chat.uri().toString());
    WebSocketRecorder alice = WebSocketRecorder.base(chat.uri());
    alice.setSocketFactory(certificates.trustingClientContext().getSocketFactory());
    alice.open();
    register(alice, "alice");
    alice.send(new SendMessage("over TLS"));
    assertEquals("over TLS", alice.nextFrame(ChatMessage.class).message());
    alice.closeBlocking();
  }

  @Test
  void aClientThatFallsBehindCatchesUpWithEverythingInOrder() throws Exception {
    WebSocketRecorder alice = WebSocketRecorder.base(chat.uri());
    alice.setSocketFactory(certificates.trustingClientContext().getSocketFactory());
    alice.open();
    register(alice, "alice");
    Socket socket = RawWebSocket.tls(chat.uri(), 4096, certificates.trustingClientContext().getSocketFactory());
    try (RawWebSocket behind = RawWebSocket.handshake(socket, chat.uri(), Map.of())) {
      behind.sendText("{\"messageType\":\"register\",\"data\":\"behind\"}");
      assertTrue(behind.readText().contains("behind"));
      alice.nextFrame(dev.termchat.protocol.Users.class);
      // behind reads nothing while alice says 60 kB, more than the kernel buffers between them,
      // so the server's encrypted bytes wait for the socket to take them.
      String padding = "p".repeat(2000);
      for (int i = 0; i < 30; i++) {
        alice.send(new SendMessage(i + ":" + padding));
        assertEquals(i + ":" + padding, alice.nextFrame(ChatMessage.class).message());
      }
      int next = 0;
      FrameCodec codec = new FrameCodec();
      while (next < 30) {
        if (codec.decodeServerFrame(behind.readText()) instanceof ChatMessage message) {
          assertEquals(next + ":" + padding, message.message());
          next++;
        }
      }
    }
    alice.closeBlocking();
  }

  @Test
  void aClientThatDoesNotTrustItFailsTheTlsHandshake() throws Exception {
    WebSocketRecorder stranger = WebSocketRecorder.base(chat.uri());
    assertTrue(!stranger.connectBlocking());
    // The library reports the close and the handshake failure in either order.
    WebSocketRecorder.Event first = stranger.next();
    WebSocketRecorder.Event failure =
        first instanceof WebSocketRecorder.Failure ? first : stranger.next();
    assertInstanceOf(
        javax.net.ssl.SSLException.class,
        assertInstanceOf(WebSocketRecorder.Failure.class, failure).exception());
    stranger.closeBlocking();
    aClientThatTrustsTheCertificateChatsOverWss(); // and the server is up meanwhile
  }

  @Test
  void aPlainWebSocketClientGetsNoChatAtAll() throws Exception {
    WebSocketRecorder plain =
        WebSocketRecorder.base(java.net.URI.create(chat.uri().toString().replace("wss:", "ws:")));
    assertTrue(!plain.connectBlocking());
    assertInstanceOf(WebSocketRecorder.Closed.class, lastEvent(plain));
    plain.closeBlocking();
    aClientThatTrustsTheCertificateChatsOverWss();
  }

  /** The close that ends a failed attempt, past any failure reported before it. */
  private static WebSocketRecorder.Event lastEvent(WebSocketRecorder client) throws Exception {
    WebSocketRecorder.Event event = client.next();
    while (event instanceof WebSocketRecorder.Failure) {
      event = client.next();
    }
    return event;
  }
}
