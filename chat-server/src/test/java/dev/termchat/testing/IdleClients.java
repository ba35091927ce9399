package dev.termchat.testing;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;

/**
 * The load for measuring what an idle connection holds on the server (OPERATIONS.md, the memory
 * table): N extended clients that each register and send one message, then stay, reading
 * whatever comes as fast as it comes, until standard input ends.
 *
 * <pre>
 * java -cp chat-server/target/test-classes dev.termchat.testing.IdleClients HOST PORT N CHARS [tls]
 * </pre>
 *
 * Prints {@code open N} once every client has sent its message. Over TLS it trusts any
 * certificate, and reads each connection on a thread of its own.
 */
public final class IdleClients {
  private IdleClients() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    String message = "x".repeat(Integer.parseInt(args[3]));
    boolean tls = args.length > 4 && args[4].equals("tls");
    Queue<SocketChannel> toRead = new ConcurrentLinkedQueue<>();
    Selector selector = Selector.open();
    if (!tls) {
      daemon(() -> readAll(selector, toRead), "read-all", 0);
    }
    for (int i = 0; i < count; i++) {
      Socket socket;
      SocketChannel channel = null;
      if (tls) {
        socket = trustingAnyone().getSocketFactory().createSocket(host, port);
        ((SSLSocket) socket).startHandshake();
      } else {
        channel = SocketChannel.open(new InetSocketAddress(host, port));
        socket = channel.socket();
      }
      handshake(socket, host, port);
      send(socket, "{\"messageType\":\"register\",\"data\":\"idle" + i + "\"}");
      send(socket, "{\"messageType\":\"message\",\"data\":\"" + message + "\",\"dataArray\":[\"id=c1\"]}");
      if (tls) {
        Socket reading = socket;
        daemon(() -> discard(reading), "read-" + i, 256 * 1024);
      } else {
        toRead.add(channel);
        selector.wakeup();
      }
    }
    System.out.println("open " + count);
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
  }

  private static void daemon(Runnable task, String name, long stackSize) {
    Thread thread = new Thread(null, task, name, stackSize);
    thread.setDaemon(true);
    thread.start();
  }

  /** Reads every plain connection, as soon as it has bytes, on one thread. */
  private static void readAll(Selector selector, Queue<SocketChannel> toRead) {
    ByteBuffer scratch = ByteBuffer.allocateDirect(1 << 20);
    try {
      while (true) {
        selector.select(50);
        for (SocketChannel channel; (channel = toRead.poll()) != null; ) {
          channel.configureBlocking(false);
          channel.register(selector, SelectionKey.OP_READ);
        }
        for (SelectionKey key : selector.selectedKeys()) {
          scratch.clear();
          try {
            if (((SocketChannel) key.channel()).read(scratch) < 0) {
              key.cancel();
            }
          } catch (IOException e) {
            key.cancel();
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void discard(Socket socket) {
    byte[] scratch = new byte[16 * 1024];
    try (InputStream in = socket.getInputStream()) {
      while (in.read(scratch) >= 0) {
        // dropped
      }
    } catch (IOException e) {
      // The connection ended.
    }
  }

  /** Sends the upgrade request for the extension, and reads up to the end of the 101. */
  private static void handshake(Socket socket, String host, int port) throws IOException {
    socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + ":" + port
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: termchat.v1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the server ended the connection in its handshake");
      }
      matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
    }
  }

  /** One text frame, masked with zeros: what a client must send, in the fewest bytes of code. */
  private static void send(Socket socket, String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer frame = ByteBuffer.allocate(8 + payload.length).put((byte) 0x81);
    if (payload.length <= 125) {
      frame.put((byte) (0x80 | payload.length));
    } else {
      frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
    }
    frame.putInt(0).put(payload);
    socket.getOutputStream().write(frame.array(), 0, frame.position());
  }

  private static SSLContext trustingAnyone() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    X509TrustManager anyone =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    context.init(null, new javax.net.ssl.TrustManager[] {anyone}, null);
    return context;
  }
}
