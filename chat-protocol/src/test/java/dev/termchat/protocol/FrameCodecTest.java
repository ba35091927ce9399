package dev.termchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden tests: literal JSON in, records out, and the exact bytes the other way. */
class FrameCodecTest {
  private final FrameCodec codec = new FrameCodec();

  /** A number in an option is decimal digits alone: a sign makes it no number, so its default holds. */
  @Test
  void numbersInOptionsAreDigitsWithoutSign() throws ProtocolException {
    assertEquals(0, ((Resumed) codec.decodeServerFrame("{\"messageType\":\"resumed\",\"data\":\"complete\",\"dataArray\":[\"count=-5\"]}")).count());
    assertEquals(16, ((Register) codec.decodeClientFrame("{\"messageType\":\"register\",\"data\":\"a\",\"dataArray\":[\"history=16\"]}")).history().getAsInt());
    for (String odd : List.of("+16", "-7", " 16", "1e3", "9999999999", "")) {
      assertTrue(((Register) codec.decodeClientFrame("{\"messageType\":\"register\",\"data\":\"a\",\"dataArray\":[\"history=" + odd + "\"]}")).history().isEmpty(), odd);
    }
  }

  @Nested
  class FromClients {
    @Test
    void yewChatRegisterFrameWithNullDataArray() throws Exception {
      assertEquals(
          new Register("alice"),
          codec.decodeClientFrame(
              "{\"messageType\":\"register\",\"dataArray\":null,\"data\":\"alice\"}"));
    }

    @Test
    void registerWithMissingOrNullDataAsksForAGuestName() throws Exception {
      assertEquals(new Register(null), codec.decodeClientFrame("{\"messageType\":\"register\"}"));
      assertEquals(
          new Register(null),
          codec.decodeClientFrame("{\"messageType\":\"register\",\"data\":null}"));
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
      assertEquals(
          new SendMessage("hello"),
          codec.decodeClientFrame(
              "{\"messageType\":\"message\",\"data\":\"hello\",\"colour\":\"red\",\"x\":{\"y\":[1]}}"));
    }

    @Test
    void message() throws Exception {
      assertEquals(
          new SendMessage("hello"),
          codec.decodeClientFrame("{\"messageType\":\"message\",\"data\":\"hello\"}"));
    }

    @Test
    void whitespaceAndFieldOrderDoNotMatter() throws Exception {
      assertEquals(
          new SendMessage("hi"),
          codec.decodeClientFrame(" { \"data\" : \"hi\" ,\n \"messageType\" : \"message\" } "));
    }

    @Test
    void ourClientEncodesExactlyTheseBytes() {
      assertEquals(
          "{\"messageType\":\"register\",\"data\":\"alice\"}", codec.encodeClientFrame(new Register("alice")));
      assertEquals(
          "{\"messageType\":\"message\",\"data\":\"say \\\"hi\\\"\"}",
          codec.encodeClientFrame(new SendMessage("say \"hi\"")));
    }

    @Test
    void conversationFramesOfTheExtension() throws Exception {
      assertEquals(
          new Register("alice", List.of("history=10", "resume=1764151200000-41", "token=s1.secret")),
          codec.decodeClientFrame(
              "{\"messageType\":\"register\",\"data\":\"alice\","
                  + "\"dataArray\":[\"history=10\",\"resume=1764151200000-41\",\"token=s1.secret\"]}"));
      assertEquals(
          new SendMessage("hi", "c7"),
          codec.decodeClientFrame("{\"messageType\":\"message\",\"data\":\"hi\",\"dataArray\":[\"id=c7\"]}"));
      assertEquals(
          new SendAction("waves", "c8"),
          codec.decodeClientFrame("{\"messageType\":\"action\",\"data\":\"waves\",\"dataArray\":[\"id=c8\"]}"));
      assertEquals(
          new SendPrivate("bob", "psst", "c9"),
          codec.decodeClientFrame(
              "{\"messageType\":\"private\",\"data\":\"psst\",\"dataArray\":[\"id=c9\",\"to=bob\"]}"));
      assertEquals(new Nick("alicia"), codec.decodeClientFrame("{\"messageType\":\"nick\",\"data\":\"alicia\"}"));
    }

    @Test
    void ourClientEncodesTheConversationFramesAsTheseBytes() {
      assertEquals(
          "{\"messageType\":\"register\",\"data\":\"alice\",\"dataArray\":[\"token=s1.secret\",\"resume=1-2\"]}",
          codec.encodeClientFrame(new Register("alice", List.of("token=s1.secret", "resume=1-2"))));
      assertEquals(
          "{\"messageType\":\"message\",\"data\":\"hi\",\"dataArray\":[\"id=c7\"]}",
          codec.encodeClientFrame(new SendMessage("hi", "c7")));
      assertEquals(
          "{\"messageType\":\"action\",\"data\":\"waves\",\"dataArray\":[\"id=c8\"]}",
          codec.encodeClientFrame(new SendAction("waves", "c8")));
      assertEquals(
          "{\"messageType\":\"private\",\"data\":\"psst\",\"dataArray\":[\"to=bob\",\"id=c9\"]}",
          codec.encodeClientFrame(new SendPrivate("bob", "psst", "c9")));
      assertEquals("{\"messageType\":\"nick\",\"data\":\"alicia\"}", codec.encodeClientFrame(new Nick("alicia")));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"messageType\":\"private\",\"data\":\"psst\"}",
          "{\"messageType\":\"private\",\"data\":\"psst\",\"dataArray\":[\"id=c1\"]}",
          "{\"messageType\":\"private\",\"dataArray\":[\"to=bob\"]}",
          "{\"messageType\":\"action\"}",
          "{\"messageType\":\"nick\",\"data\":7}",
          "{\"messageType\":\"message\",\"data\":\"x\",\"dataArray\":[\"id=12345678901234567890123456789012345678901234567890123456789012345\"]}",
        })
    void conversationFramesWithoutWhatTheyNeedAreInvalid(String text) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decodeClientFrame(text));
      assertEquals(ErrorCode.INVALID_FRAME, e.code(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "",
          "   ",
          "hello",
          "{",
          "{\"messageType\":\"message\",\"data\":\"x\"",
          "{\"messageType\":\"message\",\"data\":\"x\"} trailing",
          "{\"messageType\":\"message\",\"messageType\":\"register\",\"data\":\"x\"}",
          "{\"messageType\":\"message\",\"data\":[[[[[[[[[[[[\"deep\"]]]]]]]]]]]]}",
          "{\"messageType\":\"message\",\"data\":123456789012345678901234567890123456789}",
          "{'messageType':'message'}",
        })
    void notJsonIsInvalidJson(String text) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decodeClientFrame(text));
      assertEquals(ErrorCode.INVALID_JSON, e.code(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "[]",
          "\"register\"",
          "42",
          "null",
          "{}",
          "{\"messageType\":null}",
          "{\"messageType\":7,\"data\":\"x\"}",
          "{\"messageType\":\"message\"}",
          "{\"messageType\":\"message\",\"data\":null}",
          "{\"messageType\":\"message\",\"data\":42}",
          "{\"messageType\":\"message\",\"data\":{\"text\":\"x\"}}",
          "{\"messageType\":\"register\",\"data\":true}",
          "{\"messageType\":\"message\",\"data\":\"\\ud800 lone surrogate\"}",
        })
    void jsonThatIsNotAFrameIsInvalidFrame(String text) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decodeClientFrame(text));
      assertEquals(ErrorCode.INVALID_FRAME, e.code(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "welcome", "error", "joined", "left", "Message", "dance", ""})
    void typesAClientMayNotSendAreUnknown(String type) {
      ProtocolException e =
          assertThrows(
              ProtocolException.class,
              () -> codec.decodeClientFrame("{\"messageType\":\"" + type + "\",\"data\":\"x\"}"));
      assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
    }

    @Test
    void errorsSayWhereTheJsonWentWrongAndQuoteLittleOfWhatWasSent() {
      ProtocolException json =
          assertThrows(ProtocolException.class, () -> codec.decodeClientFrame("{\"messageType\": nope}"));
      assertEquals("not valid JSON (line 1, column 17)", json.getMessage());

      ProtocolException trailing =
          assertThrows(ProtocolException.class, () -> codec.decodeClientFrame("{\"messageType\":\"nick\"} {}"));
      assertEquals("not valid JSON: more after the frame (line 1, column 24)", trailing.getMessage());
      assertEquals("not valid JSON: an empty frame", assertThrows(ProtocolException.class, () -> codec.decodeClientFrame(" ")).getMessage());

      String type = "x".repeat(40_000);
      ProtocolException unknown =
          assertThrows(
              ProtocolException.class,
              () -> codec.decodeClientFrame("{\"messageType\":\"" + type + "\",\"data\":\"x\"}"));
      assertEquals("a client may not send messageType \"" + "x".repeat(32) + "…\"", unknown.getMessage());
    }

    @Test
    void surrogatePairsAreFine() throws Exception {
      assertEquals(
          new SendMessage("\uD83D\uDE00"),
          codec.decodeClientFrame("{\"messageType\":\"message\",\"data\":\"\\ud83d\\ude00\"}"));
    }
  }

  @Nested
  class FromTheServer {
    @Test
    void users() {
      assertEquals(
          "{\"messageType\":\"users\",\"dataArray\":[\"alice\",\"bob\"]}",
          codec.encodeServerFrame(new Users(List.of("alice", "bob"))));
      assertEquals("{\"messageType\":\"users\",\"dataArray\":[]}", codec.encodeServerFrame(new Users(List.of())));
    }

    @Test
    void messageCarriesItsFieldsAsAJsonString() {
      assertEquals(
          "{\"messageType\":\"message\",\"data\":\"{\\\"from\\\":\\\"alice\\\",\\\"message\\\":\\\"hello\\\","
              + "\\\"time\\\":1764151200000,\\\"address\\\":\\\"127.0.0.1:49123\\\"}\"}",
          codec.encodeServerFrame(new ChatMessage("alice", "hello", 1764151200000L, "127.0.0.1:49123")));
    }

    @Test
    void quotesAndBackslashesInAMessageAreEscapedTwice() {
      assertEquals(
          "{\"messageType\":\"message\",\"data\":\"{\\\"from\\\":\\\"bob\\\",\\\"message\\\":"
              + "\\\"a \\\\\\\"quote\\\\\\\" and \\\\\\\\\\\",\\\"time\\\":1,\\\"address\\\":\\\"[::1]:2\\\"}\"}",
          codec.encodeServerFrame(new ChatMessage("bob", "a \"quote\" and \\", 1, "[::1]:2")));
    }

    @Test
    void registerTellsTheFinalName() {
      assertEquals(
          "{\"messageType\":\"register\",\"data\":\"alice-2\"}",
          codec.encodeServerFrame(new Register("alice-2")));
    }

    @Test
    void welcomeNamesProtocolAndCapabilities() {
      assertEquals(
          "{\"messageType\":\"welcome\",\"data\":\"termchat.v1\",\"dataArray\":[\"errors\"]}",
          codec.encodeServerFrame(new Welcome(Wire.SUBPROTOCOL, List.of(Wire.CAPABILITY_ERRORS))));
    }

    @Test
    void presenceNamesWhoJoinedAndWhoLeft() {
      assertEquals(
          "{\"messageType\":\"joined\",\"dataArray\":[\"bob\",\"carol\"]}",
          codec.encodeServerFrame(Presence.joined(List.of("bob", "carol"))));
      assertEquals(
          "{\"messageType\":\"left\",\"dataArray\":[\"bob\"]}",
          codec.encodeServerFrame(Presence.left(List.of("bob"))));
    }

    @Test
    void errorCarriesCodeAndReasonAsAJsonString() {
      assertEquals(
          "{\"messageType\":\"error\",\"data\":\"{\\\"code\\\":\\\"not-registered\\\","
              + "\\\"reason\\\":\\\"register first\\\"}\"}",
          codec.encodeServerFrame(ErrorReply.of(ErrorCode.NOT_REGISTERED, "register first")));
    }

    @Test
    void anErrorAboutALineNamesItByTheSendersId() throws ProtocolException {
      String wire =
          "{\"messageType\":\"error\",\"data\":\"{\\\"code\\\":\\\"unavailable\\\","
              + "\\\"reason\\\":\\\"try later\\\",\\\"cid\\\":\\\"c9\\\"}\"}";
      ErrorReply error = ErrorReply.of(ErrorCode.UNAVAILABLE, "try later", "c9");
      assertEquals(wire, codec.encodeServerFrame(error));
      assertEquals(error, codec.decodeServerFrame(wire));
    }

    @Test
    void messagesCarryTheServersIdAndTheSendersOwn() {
      assertEquals(
          "{\"messageType\":\"message\",\"data\":\"{\\\"from\\\":\\\"alice\\\",\\\"message\\\":\\\"hi\\\","
              + "\\\"time\\\":1764151200000,\\\"address\\\":\\\"127.0.0.1:49123\\\","
              + "\\\"id\\\":\\\"1764151200000-42\\\",\\\"cid\\\":\\\"c7\\\"}\"}",
          codec.encodeServerFrame(
              new ChatMessage(false, "alice", "hi", 1764151200000L, "127.0.0.1:49123", "1764151200000-42", "c7")));
    }

    @Test
    void anActionForBaseClientsIsAMessageThatShowsIt() {
      ChatMessage action = new ChatMessage(true, "alice", "waves", 1, null, "1-1", "c1");
      assertEquals(
          "{\"messageType\":\"action\",\"data\":\"{\\\"from\\\":\\\"alice\\\",\\\"message\\\":\\\"waves\\\","
              + "\\\"time\\\":1,\\\"id\\\":\\\"1-1\\\",\\\"cid\\\":\\\"c1\\\"}\"}",
          codec.encodeServerFrame(action));
      assertEquals(
          "{\"messageType\":\"message\",\"data\":\"{\\\"from\\\":\\\"alice\\\",\\\"message\\\":\\\"* alice waves\\\","
              + "\\\"time\\\":1}\"}",
          codec.encodeServerFrame(action.forBaseClients()));
    }

    @Test
    void historyResumedPrivateAndRenamed() {
      assertEquals(
          "{\"messageType\":\"history\",\"data\":\"{\\\"kind\\\":\\\"action\\\",\\\"from\\\":\\\"alice\\\","
              + "\\\"message\\\":\\\"waves\\\",\\\"time\\\":1764151200000,\\\"id\\\":\\\"1764151200000-43\\\"}\"}",
          codec.encodeServerFrame(
              new History(new ChatMessage(true, "alice", "waves", 1764151200000L, null, "1764151200000-43", null))));
      assertEquals(
          "{\"messageType\":\"resumed\",\"data\":\"complete\",\"dataArray\":[\"count=3\"]}",
          codec.encodeServerFrame(new Resumed(true, 3)));
      assertEquals(
          "{\"messageType\":\"resumed\",\"data\":\"gap\",\"dataArray\":[\"count=0\"]}",
          codec.encodeServerFrame(new Resumed(false, 0)));
      assertEquals(
          "{\"messageType\":\"private\",\"data\":\"{\\\"from\\\":\\\"alice\\\",\\\"to\\\":\\\"bob\\\","
              + "\\\"message\\\":\\\"psst\\\",\\\"time\\\":1764151200000,\\\"id\\\":\\\"1764151200000-44\\\","
              + "\\\"cid\\\":\\\"c9\\\"}\"}",
          codec.encodeServerFrame(new PrivateChat("alice", "bob", "psst", 1764151200000L, "1764151200000-44", "c9")));
      assertEquals(
          "{\"messageType\":\"renamed\",\"dataArray\":[\"alice\",\"alicia\"]}",
          codec.encodeServerFrame(new Renamed("alice", "alicia")));
      assertEquals(
          "{\"messageType\":\"register\",\"data\":\"alice\",\"dataArray\":[\"token=s1.secret\"]}",
          codec.encodeServerFrame(new Register("alice", List.of("token=s1.secret"))));
    }

    @Test
    void theRegisterReplySaysWhereTheClientJoined() throws Exception {
      Register reply =
          (Register)
              codec.decodeServerFrame(
                  "{\"messageType\":\"register\",\"data\":\"alice\",\"dataArray\":[\"token=7f3c.s\",\"at=1764151200000-40\"]}");
      assertEquals(Optional.of("1764151200000-40"), reply.joinedAt());
      assertEquals(Optional.of("7f3c.s"), reply.token());
      assertEquals(Optional.empty(), new Register("alice", List.of("token=7f3c.s")).joinedAt(), "a server before it says none");
    }

    @Test
    void everyServerFrameDecodesBackToItself() throws Exception {
      List<ServerFrame> frames =
          List.of(
              new Register("alice-2"),
              new Users(List.of("alice", "bob")),
              new ChatMessage("alice", "héllo \"\\ \n", 1764151200000L, "127.0.0.1:49123"),
              new Welcome(Wire.SUBPROTOCOL, List.of(Wire.CAPABILITY_ERRORS)),
              ErrorReply.of(ErrorCode.INVALID_JSON, "invalid JSON: x"),
              Presence.joined(List.of("bob")),
              Presence.left(List.of("bob", "carol")),
              new Register("alice", List.of("token=s1.secret")),
              new ChatMessage(true, "alice", "waves", 1, "[::1]:2", "1-2", "c3"),
              new History(new ChatMessage(false, "bob", "earlier", 1, null, "1-1", null)),
              new Resumed(false, 12),
              new PrivateChat("alice", "bob", "psst", 1, "1-3", null),
              new Renamed("alice", "alicia"));
      for (ServerFrame frame : frames) {
        assertEquals(frame, codec.decodeServerFrame(codec.encodeServerFrame(frame)));
      }
    }

    @Test
    void theNodeServersMessageHasNoAddress() throws Exception {
      assertEquals(
          new ChatMessage("bob", "hi", 1700000000000L, null),
          codec.decodeServerFrame(
              "{\"messageType\":\"message\",\"data\":\"{\\\"from\\\":\\\"bob\\\",\\\"message\\\":\\\"hi\\\",\\\"time\\\":1700000000000}\"}"));
    }

    @Test
    void aNewerServersUnknownTypeIsReportedAsUnknown() {
      ProtocolException e =
          assertThrows(
              ProtocolException.class,
              () -> codec.decodeServerFrame("{\"messageType\":\"typing\",\"data\":\"bob\"}"));
      assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
    }
  }
}
