package dev.termchat.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.testing.TestCertificates;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.java_websocket.SSLSocketChannel2;
import org.java_websocket.drafts.Draft;
import org.java_websocket.enums.Role;
import org.java_websocket.exceptions.IncompleteHandshakeException;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.handshake.ClientHandshake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the edge takes from Java-WebSocket 1.6.0, pinned: its HTTP request parser and its TLS
 * channel. An upgrade that changes any of this fails here first, not in a user's session.
 */
class JavaWebSocketBehaviourTest {
  private static ClientHandshake parse(String request) throws InvalidHandshakeException {
    return assertInstanceOf(
        ClientHandshake.class,
        Draft.translateHandshakeHttp(
            ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)), Role.SERVER));
  }

  @Test
  void theRequestParserReadsTheResourceAndHeadersCaseInsensitively() throws Exception {
    ClientHandshake request =
        parse("GET /chat HTTP/1.1\r\nHost: x\r\nsec-websocket-KEY:   dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
    assertEquals("/chat", request.getResourceDescriptor());
    assertEquals("dGhlIHNhbXBsZSBub25jZQ==", request.getFieldValue("Sec-WebSocket-Key"));
    assertTrue(request.hasFieldValue("HOST"));
  }

  @Test
  void aMissingHeaderReadsAsEmptyAndARepeatedOneIsJoinedWithASemicolon() throws Exception {
    ClientHandshake request = parse("GET / HTTP/1.1\r\nOrigin: a\r\nOrigin: b\r\n\r\n");
    assertEquals("", request.getFieldValue("Sec-WebSocket-Protocol"));
    assertEquals("a; b", request.getFieldValue("Origin"));
  }

  @Test
  void onlyHttp11GetRequestsAreRequests() {
    assertThrows(InvalidHandshakeException.class, () -> parse("POST / HTTP/1.1\r\n\r\n"));
    assertThrows(InvalidHandshakeException.class, () -> parse("GET / HTTP/1.0\r\n\r\n"));
    assertThrows(InvalidHandshakeException.class, () -> parse("GET /\r\n\r\n"));
    assertThrows(InvalidHandshakeException.class, () -> parse("GET / HTTP/1.1\r\nno colon\r\n\r\n"));
  }

  @Test
  void anUnfinishedRequestThrowsAnUncheckedException() {
    assertThrows(IncompleteHandshakeException.class, () -> parse("GET / HTTP/1.1\r\nHost: x\r\n"));
  }

  @Test
  void theTlsChannelAsksToWriteDuringItsHandshakeAndCountsEncryptedBytes(@TempDir Path directory)
      throws Exception {
    TestCertificates certificates = TestCertificates.create(directory, "localhost", "ip:127.0.0.1");
    ExecutorService tasks = Executors.newSingleThreadExecutor();
    try (ServerSocketChannel listener = ServerSocketChannel.open();
        Selector selector = Selector.open()) {
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
      CountDownLatch done = new CountDownLatch(1);
      CompletableFuture<Void> client =
          CompletableFuture.runAsync(
              () -> {
                try (SSLSocket socket =
                    (SSLSocket) certificates.trustingClientContext().getSocketFactory()
                        .createSocket(InetAddress.getLoopbackAddress(), port)) {
                  socket.startHandshake();
                  done.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });

      SocketChannel socket = listener.accept();
      socket.configureBlocking(false);
      SelectionKey key = socket.register(selector, SelectionKey.OP_READ);
      SSLEngine engine = serverContext(certificates).createSSLEngine();
      engine.setUseClientMode(false);
      SSLSocketChannel2 tls = new SSLSocketChannel2(socket, engine, tasks, key);

      assertEquals(SelectionKey.OP_WRITE, key.interestOps() & SelectionKey.OP_WRITE, "sets write interest itself");
      assertTrue(tls.isNeedWrite(), "asks to be written to while handshaking");

      ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (tls.isNeedWrite() && System.nanoTime() < deadline) {
        selector.select(100);
        selector.selectedKeys().clear();
        scratch.clear();
        tls.read(scratch);
        if (tls.isNeedWrite()) {
          tls.writeMore();
        }
      }
      assertTrue(!tls.isNeedWrite(), "the handshake finished");

      ByteBuffer hello = ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8));
      int written = tls.write(hello);
      assertEquals(0, hello.remaining(), "the plain bytes are consumed");
      assertTrue(written > 5, "the count is of encrypted bytes: " + written);

      // Its writeMore, once the handshake is done, encrypts its own buffer into itself, and the
      // engine fails the connection; TlsChannel writes those bytes as they are instead.
      assertThrows(javax.net.ssl.SSLException.class, tls::writeMore);
      done.countDown();
      client.get(10, TimeUnit.SECONDS);
    } finally {
      tasks.shutdownNow();
    }
  }

  private static SSLContext serverContext(TestCertificates certificates) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificates.keystore())) {
      keys.load(in, TestCertificates.PASSWORD.toCharArray());
    }
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, TestCertificates.PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    return context;
  }
}
