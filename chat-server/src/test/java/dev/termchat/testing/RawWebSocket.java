package dev.termchat.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written for tests that must break the rules: it sends any bytes, any frame,
 * invalid UTF-8, endless fragments, and can stop reading or stop answering altogether. Reads block
 * with a timeout.
 */
public final class RawWebSocket implements AutoCloseable {
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CONTINUATION = 0x0;
  public static final int CLOSE = 0x8;
  public static final int PING = 0x9;
  public static final int PONG = 0xA;

  /** A frame from the server. */
  public record Frame(boolean fin, int opcode, byte[] payload) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The close code of a close frame, or 1005 when it has none. */
    public int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final int status;
  private final Map<String, String> responseHeaders;

  private RawWebSocket(Socket socket, int status, Map<String, String> responseHeaders)
      throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
    this.status = status;
    this.responseHeaders = responseHeaders;
  }

  /** A TCP connection that has sent nothing yet. */
  public static Socket tcp(URI uri, int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
    socket.setSoTimeout((int) WebSocketRecorder.TIMEOUT.toMillis());
    return socket;
  }

  /** A TLS connection, its handshake done, that has sent nothing of its own yet. */
  public static Socket tls(URI uri, int receiveBuffer, javax.net.ssl.SSLSocketFactory factory)
      throws IOException {
    Socket plain = tcp(uri, receiveBuffer);
    javax.net.ssl.SSLSocket socket =
        (javax.net.ssl.SSLSocket) factory.createSocket(plain, uri.getHost(), uri.getPort(), true);
    socket.startHandshake();
    return socket;
  }

  /** Performs the opening handshake with extra request headers; see {@link #status()}. */
  public static RawWebSocket connect(URI uri, Map<String, String> headers) throws IOException {
    return connect(uri, headers, 0);
  }

  /**
   * Performs the opening handshake on a socket with the given receive buffer size, 0 for the
   * default; a small one makes the client slow to drain what the server sends.
   */
  public static RawWebSocket connect(URI uri, Map<String, String> headers, int receiveBuffer)
      throws IOException {
    return handshake(tcp(uri, receiveBuffer), uri, headers);
  }

  /** Performs the opening handshake over a socket already connected, e.g. by {@link #tls}. */
  public static RawWebSocket handshake(Socket socket, URI uri, Map<String, String> headers)
      throws IOException {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    StringBuilder request = new StringBuilder();
    request.append("GET / HTTP/1.1\r\n");
    if (!headers.containsKey("Host")) {
      request.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
    }
    request.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
    request.append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n");
    request.append("Sec-WebSocket-Version: 13\r\n");
    headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    request.append("\r\n");
    socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();

    DataInputStream in = new DataInputStream(socket.getInputStream());
    String statusLine = readLine(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> responseHeaders = new LinkedHashMap<>();
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      responseHeaders.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }
    return new RawWebSocket(socket, status, responseHeaders);
  }

  private static String readLine(DataInputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("connection closed during the handshake");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  /** The HTTP status of the handshake response: 101 when the upgrade was accepted. */
  public int status() {
    return status;
  }

  public Map<String, String> responseHeaders() {
    return responseHeaders;
  }

  public Socket socket() {
    return socket;
  }

  /** Reads the body of a refused handshake, up to the content length. */
  public String responseBody() throws IOException {
    int length = Integer.parseInt(responseHeaders.getOrDefault("content-length", "0"));
    byte[] body = new byte[length];
    in.readFully(body);
    return new String(body, StandardCharsets.UTF_8);
  }

  public void sendText(String text) throws IOException {
    sendFrame(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one masked frame, as a client must. */
  public void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
    out.write(frame(fin, opcode, payload));
    out.flush();
  }

  /** Encodes one masked client frame. */
  public static byte[] frame(boolean fin, int opcode, byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(14 + payload.length);
    frame.put((byte) ((fin ? 0x80 : 0) | opcode));
    if (payload.length <= 125) {
      frame.put((byte) (0x80 | payload.length));
    } else if (payload.length <= 0xffff) {
      frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
    } else {
      frame.put((byte) (0x80 | 127)).putLong(payload.length);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.put(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.put((byte) (payload[i] ^ mask[i % 4]));
    }
    return java.util.Arrays.copyOf(frame.array(), frame.position());
  }

  /** Encodes one frame without a mask, which only a server may send. */
  public static byte[] unmaskedFrame(boolean fin, int opcode, byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(10 + payload.length);
    frame.put((byte) ((fin ? 0x80 : 0) | opcode));
    if (payload.length <= 125) {
      frame.put((byte) payload.length);
    } else if (payload.length <= 0xffff) {
      frame.put((byte) 126).putShort((short) payload.length);
    } else {
      frame.put((byte) 127).putLong(payload.length);
    }
    frame.put(payload);
    return java.util.Arrays.copyOf(frame.array(), frame.position());
  }

  /** Sends bytes as they are, frame or not. */
  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next frame from the server, waiting up to the timeout. */
  public Frame readFrame(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    long length = b1 & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload);
  }

  /** The next text frame, answering pings and skipping nothing else. */
  public String readText() throws IOException {
    while (true) {
      Frame frame = readFrame(WebSocketRecorder.TIMEOUT);
      if (frame.opcode() == PING) {
        sendFrame(true, PONG, frame.payload());
      } else if (frame.opcode() == TEXT) {
        return frame.text();
      } else {
        throw new IOException("expected a text frame, got opcode " + frame.opcode() + " " + frame.text());
      }
    }
  }

  /**
   * Reads until the server's close frame and returns its code, or -1 when the connection ended
   * without one.
   */
  public int awaitClose() throws IOException {
    try {
      while (true) {
        Frame frame = readFrame(WebSocketRecorder.TIMEOUT);
        if (frame.opcode() == CLOSE) {
          return frame.closeCode();
        }
      }
    } catch (EOFException | java.net.SocketException e) {
      return -1;
    }
  }

  /**
   * Reads until the server's close frame, answering its pings as a live peer does, and returns
   * the close code, or -1 when the connection ended without one.
   */
  public int awaitCloseAnsweringPings() throws IOException {
    long deadline = System.nanoTime() + WebSocketRecorder.TIMEOUT.toNanos();
    try {
      while (true) {
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError("no close frame within " + WebSocketRecorder.TIMEOUT);
        }
        Frame frame = readFrame(WebSocketRecorder.TIMEOUT);
        if (frame.opcode() == PING) {
          sendFrame(true, PONG, frame.payload());
        } else if (frame.opcode() == CLOSE) {
          return frame.closeCode();
        }
      }
    } catch (EOFException | java.net.SocketException e) {
      return -1;
    }
  }

  /**
   * Reads every frame until the server ends the connection; fails on timeout.
   *
   * @return whether a close frame came before the end: none when the server dropped the
   *     connection outright
   */
  public boolean readFramesUntilEnd() throws IOException {
    return readUntilEnd().closeFrame();
  }

  /**
   * How the server ended a connection.
   *
   * @param closeFrame whether a close frame came before the end
   * @param reset whether a reset ended it, which drops what was still on its way, rather than the
   *     end of the stream (a FIN), which comes after everything sent before it
   */
  public record Ending(boolean closeFrame, boolean reset) {}

  /** Reads every frame until the server ends the connection, and says how; fails on timeout. */
  public Ending readUntilEnd() throws IOException {
    boolean closeFrame = false;
    try {
      while (true) {
        closeFrame |= readFrame(WebSocketRecorder.TIMEOUT).opcode() == CLOSE;
      }
    } catch (EOFException end) {
      return new Ending(closeFrame, false);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server did not end the connection within the timeout", e);
    } catch (java.net.SocketException end) {
      // ECONNRESET reads as "Connection reset"; anything else is no way for a server to end it.
      if (!String.valueOf(end.getMessage()).toLowerCase(Locale.ROOT).contains("reset")) {
        throw end;
      }
      return new Ending(closeFrame, true);
    }
  }

  /** Reads until the server ends the connection, ignoring what comes; fails on timeout. */
  public void awaitEndOfStream() throws IOException {
    try {
      while (in.read() >= 0) {
        // Discards frames still in flight.
      }
    } catch (java.net.SocketException e) {
      // A reset ends the stream too.
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server did not end the connection within the timeout", e);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
