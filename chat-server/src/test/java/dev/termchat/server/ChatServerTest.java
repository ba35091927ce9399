package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The base protocol end to end: a real server on port 0 and real WebSocket clients. */
class ChatServerTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture();

  private WebSocketRecorder connect() throws InterruptedException {
    return chat.connect();
  }

  private static String register(WebSocketRecorder client, String name) throws InterruptedException {
    return ChatFixture.registerOnly(client, name);
  }

  @Test
  void threeClientsSeeEachOtherAndEveryMessageAndADroppedOneLeaves() throws Exception {
    WebSocketRecorder alice = connect();
    WebSocketRecorder bob = connect();
    WebSocketRecorder carol = connect();

    assertEquals("alice", register(alice, "alice"));
    assertEquals(new Users(List.of("alice")), alice.nextFrame(Users.class));
    assertEquals("bob", register(bob, "bob"));
    assertEquals(new Users(List.of("alice", "bob")), bob.nextFrame(Users.class));
    assertEquals(new Users(List.of("alice", "bob")), alice.nextFrame(Users.class));
    assertEquals("carol", register(carol, "carol"));
    Users everyone = new Users(List.of("alice", "bob", "carol"));
    assertEquals(everyone, carol.nextFrame(Users.class));
    assertEquals(everyone, alice.nextFrame(Users.class));
    assertEquals(everyone, bob.nextFrame(Users.class));

    long before = System.currentTimeMillis();
    bob.send(new SendMessage("hello"));
    String expectedAddress = "127.0.0.1:" + localPort(bob);
    for (WebSocketRecorder client : List.of(alice, bob, carol)) {
      ChatMessage message = client.nextFrame(ChatMessage.class);
      assertEquals("bob", message.from());
      assertEquals("hello", message.message());
      assertEquals(expectedAddress, message.address());
      assertTrue(
          message.time() >= before && message.time() <= System.currentTimeMillis(),
          "time " + message.time() + " is not when the message was sent");
    }

    carol.dropConnection();
    Users withoutCarol = new Users(List.of("alice", "bob"));
    assertEquals(withoutCarol, alice.nextFrame(Users.class));
    assertEquals(withoutCarol, bob.nextFrame(Users.class));
    assertEquals(CloseFrame.ABNORMAL_CLOSE, carol.nextClose(CloseFrame.ABNORMAL_CLOSE).code());

    String marker = bob.sayMarker(); // Carol's leave is told once: no second list comes before it.
    alice.assertNoMoreEventsBefore(marker);
    bob.assertNoMoreEventsBefore(marker);
  }

  @Test
  void aCleanCloseAlsoLeaves() throws Exception {
    WebSocketRecorder alice = connect();
    WebSocketRecorder bob = connect();
    register(alice, "alice");
    alice.nextFrame(Users.class);
    register(bob, "bob");
    bob.nextFrame(Users.class);
    alice.nextFrame(Users.class);

    bob.closeBlocking();
    assertEquals(new Users(List.of("alice")), alice.nextFrame(Users.class));
    assertEquals(List.of("alice"), chat.server().users());
  }

  @Test
  void theServerSendsExactlyTheseBytes() throws Exception {
    WebSocketRecorder alice = connect();
    alice.send("{\"messageType\":\"register\",\"dataArray\":null,\"data\":\"alice\"}");
    assertEquals("{\"messageType\":\"register\",\"data\":\"alice\"}", alice.nextText());
    assertEquals("{\"messageType\":\"users\",\"dataArray\":[\"alice\"]}", alice.nextText());
    alice.send("{\"messageType\":\"message\",\"dataArray\":null,\"data\":\"hi \\\"there\\\"\"}");
    String text = alice.nextText();
    long time = ((ChatMessage) new FrameCodec().decodeServerFrame(text)).time();
    assertEquals(
        ("{\"messageType\":\"message\",\"data\":\"{\\\"from\\\":\\\"alice\\\","
                + "\\\"message\\\":\\\"hi \\\\\\\"there\\\\\\\"\\\","
                + "\\\"time\\\":%d,\\\"address\\\":\\\"127.0.0.1:%d\\\"}\"}")
            .formatted(time, localPort(alice)),
        text);
  }

  private static int localPort(WebSocketRecorder client) {
    return ((InetSocketAddress) client.getSocket().getLocalSocketAddress()).getPort();
  }

  @Test
  void shutdownClosesEveryConnectionWithGoingAway() throws Exception {
    WebSocketRecorder alice = connect();
    WebSocketRecorder stranger = connect();
    register(alice, "alice");
    alice.nextFrame(Users.class);

    chat.server().close();

    alice.nextClose(CloseFrame.GOING_AWAY);
    stranger.nextClose(CloseFrame.GOING_AWAY);
  }

  /**
   * While the server closes one connection after another, the room keeps telling the rest who
   * left; a close frame that meets such a write must still go out, not be dropped with its
   * connection closed bare (a client then sees 1006).
   */
  @Test
  void shutdownSendsGoingAwayToEveryoneWhileTheRoomIsBusy() throws Exception {
    List<WebSocketRecorder> clients = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      WebSocketRecorder client = chat.connectExtended();
      client.nextFrame(Welcome.class);
      ChatFixture.register(client, "user" + i);
      clients.add(client);
    }

    chat.server().close();

    for (WebSocketRecorder client : clients) {
      WebSocketRecorder.Event event = client.next();
      while (event instanceof WebSocketRecorder.Text) {
        event = client.next(); // Who joined and left before the close.
      }
      WebSocketRecorder.Closed closed = assertInstanceOf(WebSocketRecorder.Closed.class, event);
      assertEquals(CloseFrame.GOING_AWAY, closed.code(), closed.toString());
      assertEquals("server shutting down", closed.reason());
    }
  }
}
