package dev.termchat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.Moderation;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Welcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import javax.net.SocketFactory;

/** What the moderation tests share: clients from chosen addresses, requests, and waiting for answers. */
public final class Moderators {
  private Moderators() {}

  /** A rooms client registered in these rooms (comma-separated), its register reply taken. */
  public static WebSocketRecorder roomsClient(ChatFixture chat, String name, String rooms) throws InterruptedException {
    WebSocketRecorder client = chat.connectExtended();
    return registerRooms(client, name, rooms);
  }

  public static WebSocketRecorder registerRooms(WebSocketRecorder client, String name, String rooms) throws InterruptedException {
    client.nextFrame(Welcome.class);
    client.send(new Register(name, List.of("rooms=" + rooms)));
    assertEquals(name, client.nextFrame(Register.class).name());
    return client;
  }

  /** A base client whose connection comes from this local address (127.0.0.0/8 all reach the server). */
  public static WebSocketRecorder baseFrom(URI uri, String localAddress) throws InterruptedException {
    WebSocketRecorder client = WebSocketRecorder.base(uri);
    client.setSocketFactory(boundTo(localAddress));
    return client.open();
  }

  /** Sockets bound to this local address before they connect. */
  public static SocketFactory boundTo(String localAddress) {
    return new SocketFactory() {
      @Override
      public Socket createSocket() throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        return socket;
      }

      @Override
      public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException();
      }
    };
  }

  public static Moderate act(ModerationAct act, String room, String target) {
    return new Moderate(act, room, target, 0, "", false);
  }

  /** The next frame of this type, in a room or not, skipping every other but an error. */
  public static <T extends ServerFrame> T next(WebSocketRecorder client, Class<T> type) throws InterruptedException {
    while (true) {
      ServerFrame frame = client.nextServerFrame();
      ServerFrame inner = frame instanceof InRoom inRoom ? inRoom.frame() : frame;
      if (type.isInstance(inner)) {
        return type.cast(inner);
      }
      if (inner instanceof ErrorReply error) {
        throw new AssertionError("waiting for " + type.getSimpleName() + ", got " + error);
      }
    }
  }

  /** The next moderation notice, which must be of this act. */
  public static Moderation notice(WebSocketRecorder client, ModerationAct act) throws InterruptedException {
    Moderation notice = next(client, Moderation.class);
    assertEquals(act, notice.act(), notice.toString());
    return notice;
  }

  /** The next error, which must have this code. */
  public static ErrorReply error(WebSocketRecorder client, String code) throws InterruptedException {
    ErrorReply error = next(client, ErrorReply.class);
    assertEquals(code, error.code(), error.toString());
    return error;
  }

  /** Joins a room and waits for the reply, skipping the replies of rooms entered before. */
  public static void join(WebSocketRecorder client, String room) throws InterruptedException {
    client.send(new Join(room));
    while (!next(client, Join.class).room().equals(room)) {
      // A join frame of a room the register listed.
    }
  }
}
