package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The negotiated extension: a welcome frame first, then error replies for bad frames. */
class ExtensionTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture();

  private WebSocketRecorder welcomed() throws InterruptedException {
    WebSocketRecorder client = chat.connectExtended();
    assertEquals(
        new Welcome(
            Wire.SUBPROTOCOL,
            List.of(
                Wire.CAPABILITY_ERRORS,
                Wire.CAPABILITY_PRESENCE,
                "ids",
                "history",
                "resume",
                "private",
                "actions",
                "nick",
                "rooms",
                "rooms-per-connection=100",
                "scrollback",
                "search",
                "accounts",
                "rate=30",
                "burst=60")),
        client.nextFrame(Welcome.class));
    return client;
  }

  @Test
  void theHandshakeSelectsTheSubprotocolAndTheWelcomeComesFirst() throws Exception {
    WebSocketRecorder client = WebSocketRecorder.extended(chat.uri());
    client.connectBlocking();
    assertEquals(new WebSocketRecorder.Open(Wire.SUBPROTOCOL), client.next());
    assertEquals(
        "{\"messageType\":\"welcome\",\"data\":\"termchat.v1\","
            + "\"dataArray\":[\"errors\",\"presence\",\"ids\",\"history\",\"resume\",\"private\",\"actions\",\"nick\","
            + "\"rooms\",\"rooms-per-connection=100\",\"scrollback\",\"search\",\"accounts\",\"rate=30\",\"burst=60\"]}",
        client.nextText());
    client.closeBlocking();
  }

  @Test
  void aBaseClientNegotiatesNothing() throws Exception {
    WebSocketRecorder client = WebSocketRecorder.base(chat.uri());
    client.connectBlocking();
    assertEquals(new WebSocketRecorder.Open(""), client.next());
    client.closeBlocking();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          not JSON                   | hello                                     | invalid-json
          truncated                  | {"messageType":"message","data":"x"       | invalid-json
          not an object              | [1,2]                                     | invalid-frame
          data of the wrong type     | {"messageType":"message","data":42}       | invalid-frame
          unknown messageType        | {"messageType":"dance","data":"x"}        | unknown-type
          users from a client        | {"messageType":"users","dataArray":["x"]} | unknown-type
          message before register    | {"messageType":"message","data":"x"}      | not-registered
          search before register     | {"messageType":"search","data":"{\\"words\\":\\"x\\"}"} | not-registered
          """)
  void anExtendedClientIsToldWhyAFrameWasDropped(String what, String frame, String code)
      throws Exception {
    WebSocketRecorder client = welcomed();
    client.send(frame);
    assertEquals(code, client.nextFrame(ErrorReply.class).code(), what);
  }

  @Test
  void aBaseClientIsToldNothingAndKeepsItsConnection() throws Exception {
    WebSocketRecorder client = chat.connect();
    client.send("{\"messageType\":\"dance\"}");
    client.send(new SendMessage("before register"));
    // Had any of those been answered, the answer would come before the register reply.
    assertEquals("base", register(client, "base"));
    // Not JSON, from a client that registered: not a plain-text client, so dropped unanswered.
    client.send("hello");
    client.send(new SendMessage("after"));
    assertEquals("after", client.nextFrame(ChatMessage.class).message());
    client.assertNoMoreEventsBefore(client.sayMarker());
  }

  @Test
  void anExtendedClientIsToldWhoJoinedAndLeftBeforeTheUsersList() throws Exception {
    WebSocketRecorder alice = welcomed();
    alice.send(new Register("alice"));
    alice.nextFrame(Register.class);
    assertEquals(Presence.joined(List.of("alice")), alice.nextFrame(Presence.class));
    assertEquals(new Users(List.of("alice")), alice.nextFrame(Users.class));

    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    assertEquals(Presence.joined(List.of("bob")), alice.nextFrame(Presence.class));
    assertEquals(new Users(List.of("alice", "bob")), alice.nextFrame(Users.class));
    bob.closeBlocking();
    assertEquals(Presence.left(List.of("bob")), alice.nextFrame(Presence.class));
    assertEquals(new Users(List.of("alice")), alice.nextFrame(Users.class));
    alice.assertNoMoreEventsBefore(alice.sayMarker());
  }

  @Test
  void errorsGoOnlyToTheClientThatCausedThem() throws Exception {
    WebSocketRecorder alice = welcomed();
    register(alice, "alice");
    WebSocketRecorder troublemaker = welcomed();

    troublemaker.send("{oops");
    assertEquals(
        ErrorCode.INVALID_JSON.wireName(), troublemaker.nextFrame(ErrorReply.class).code());
    alice.send(new Register("again"));
    assertEquals(
        ErrorCode.ALREADY_REGISTERED.wireName(), alice.nextFrame(ErrorReply.class).code());
    alice.assertNoMoreEventsBefore(alice.sayMarker());
    troublemaker.assertNoMoreEventsBefore(troublemaker.refusedMarker());
  }
}
