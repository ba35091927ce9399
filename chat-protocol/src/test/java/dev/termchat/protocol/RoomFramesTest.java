package dev.termchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Golden tests for the rooms capability: literal JSON both ways. */
class RoomFramesTest {
  private final FrameCodec codec = new FrameCodec();

  @Nested
  class FromClients {
    @Test
    void join() throws Exception {
      Join join = (Join) codec.decodeClientFrame("{\"messageType\":\"join\",\"data\":\"#dev\",\"dataArray\":[\"history=20\"]}");
      assertEquals(new Join("#dev", List.of("history=20")), join);
      assertEquals(20, join.history().getAsInt());
      assertEquals("{\"messageType\":\"join\",\"data\":\"#dev\"}", codec.encodeClientFrame(new Join("#dev")));
    }

    @Test
    void aRoomFrameWithoutItsDataIsStillThatFrameWithAnEmptyName() throws Exception {
      assertEquals(new Join(""), codec.decodeClientFrame("{\"messageType\":\"join\"}"));
      assertEquals(new Part(""), codec.decodeClientFrame("{\"messageType\":\"part\",\"data\":null}"));
      assertEquals(new SetTopic("#general", ""), codec.decodeClientFrame("{\"messageType\":\"topic\"}"));
      ProtocolException e =
          assertThrows(ProtocolException.class, () -> codec.decodeClientFrame("{\"messageType\":\"join\",\"data\":7}"));
      assertEquals(ErrorCode.INVALID_FRAME, e.code());
    }

    @Test
    void partAndList() throws Exception {
      assertEquals(new Part("#dev"), codec.decodeClientFrame("{\"messageType\":\"part\",\"data\":\"#dev\"}"));
      assertEquals("{\"messageType\":\"part\",\"data\":\"#dev\"}", codec.encodeClientFrame(new Part("#dev")));
      assertEquals(new ListRooms(), codec.decodeClientFrame("{\"messageType\":\"list\"}"));
      assertEquals("{\"messageType\":\"list\"}", codec.encodeClientFrame(new ListRooms()));
    }

    @Test
    void topicNamesItsRoomOrIsTheDefaultRooms() throws Exception {
      String frame = "{\"messageType\":\"topic\",\"data\":\"release on Friday\",\"dataArray\":[\"room=#dev\"]}";
      assertEquals(new SetTopic("#dev", "release on Friday"), codec.decodeClientFrame(frame));
      assertEquals(frame, codec.encodeClientFrame(new SetTopic("#dev", "release on Friday")));
      assertEquals(
          new SetTopic("#general", ""), codec.decodeClientFrame("{\"messageType\":\"topic\",\"data\":\"\"}"));
    }

    @Test
    void aLineNamesItsRoomBeforeItsId() throws Exception {
      String message = "{\"messageType\":\"message\",\"data\":\"hi\",\"dataArray\":[\"room=#dev\",\"id=c7\"]}";
      assertEquals(new SendMessage("hi", "c7", "#dev"), codec.decodeClientFrame(message));
      assertEquals(message, codec.encodeClientFrame(new SendMessage("hi", "c7", "#dev")));
      String action = "{\"messageType\":\"action\",\"data\":\"waves\",\"dataArray\":[\"room=#ops\"]}";
      assertEquals(new SendAction("waves", null, "#ops"), codec.decodeClientFrame(action));
      assertEquals(action, codec.encodeClientFrame(new SendAction("waves", null, "#ops")));
    }

    @Test
    void aLineWithoutARoomIsForTheDefaultRoomAsBefore() throws Exception {
      assertEquals(new SendMessage("hi", null, null), codec.decodeClientFrame("{\"messageType\":\"message\",\"data\":\"hi\"}"));
      assertEquals("{\"messageType\":\"message\",\"data\":\"hi\"}", codec.encodeClientFrame(new SendMessage("hi")));
    }
  }

  @Nested
  class FromTheServer {
    private final ChatMessage hi = new ChatMessage(false, "alice", "hi", 1764151200000L, null, "1-2", "c7");

    private void golden(String json, ServerFrame frame) throws Exception {
      assertEquals(json, codec.encodeServerFrame(frame));
      assertEquals(frame, codec.decodeServerFrame(json));
    }

    @Test
    void aMessageOfARoomNamesItFirst() throws Exception {
      golden(
          "{\"messageType\":\"message\",\"data\":\"{\\\"room\\\":\\\"#dev\\\",\\\"from\\\":\\\"alice\\\",\\\"message\\\":\\\"hi\\\",\\\"time\\\":1764151200000,\\\"id\\\":\\\"1-2\\\",\\\"cid\\\":\\\"c7\\\"}\"}",
          new InRoom("#dev", hi));
    }

    @Test
    void aHistoryActionOfARoom() throws Exception {
      ChatMessage waves = new ChatMessage(true, "alice", "waves", 5L, "127.0.0.1:1", "1-3", null);
      golden(
          "{\"messageType\":\"history\",\"data\":\"{\\\"kind\\\":\\\"action\\\",\\\"room\\\":\\\"#dev\\\",\\\"from\\\":\\\"alice\\\",\\\"message\\\":\\\"waves\\\",\\\"time\\\":5,\\\"address\\\":\\\"127.0.0.1:1\\\",\\\"id\\\":\\\"1-3\\\"}\"}",
          new InRoom("#dev", new History(waves)));
    }

    @Test
    void presenceAndUsersOfARoomCarryItAsData() throws Exception {
      golden("{\"messageType\":\"users\",\"data\":\"#dev\",\"dataArray\":[\"alice\",\"bob\"]}",
          new InRoom("#dev", new Users(List.of("alice", "bob"))));
      golden("{\"messageType\":\"joined\",\"data\":\"#dev\",\"dataArray\":[\"bob\"]}",
          new InRoom("#dev", Presence.joined(List.of("bob"))));
      golden("{\"messageType\":\"left\",\"data\":\"#dev\",\"dataArray\":[\"bob\"]}",
          new InRoom("#dev", Presence.left(List.of("bob"))));
      golden("{\"messageType\":\"renamed\",\"data\":\"#dev\",\"dataArray\":[\"bob\",\"robert\"]}",
          new InRoom("#dev", new Renamed("bob", "robert")));
    }

    @Test
    void resumedOfARoom() throws Exception {
      golden("{\"messageType\":\"resumed\",\"data\":\"gap\",\"dataArray\":[\"count=0\",\"room=#dev\"]}",
          new InRoom("#dev", new Resumed(false, 0)));
    }

    @Test
    void theSameFramesOutsideARoomAreTheBytesOfBefore() throws Exception {
      golden("{\"messageType\":\"users\",\"dataArray\":[\"alice\"]}", new Users(List.of("alice")));
      golden("{\"messageType\":\"resumed\",\"data\":\"complete\",\"dataArray\":[\"count=3\"]}", new Resumed(true, 3));
      golden(
          "{\"messageType\":\"message\",\"data\":\"{\\\"from\\\":\\\"alice\\\",\\\"message\\\":\\\"hi\\\",\\\"time\\\":1764151200000,\\\"id\\\":\\\"1-2\\\",\\\"cid\\\":\\\"c7\\\"}\"}",
          hi);
    }

    @Test
    void joinAndPartReplies() throws Exception {
      golden("{\"messageType\":\"join\",\"data\":\"#dev\",\"dataArray\":[\"at=1-2\"]}", new Join("#dev", List.of("at=1-2")));
      assertEquals("1-2", new Join("#dev", List.of("at=1-2")).joinedAt().orElseThrow());
      golden("{\"messageType\":\"part\",\"data\":\"#dev\"}", new Part("#dev"));
    }

    @Test
    void topic() throws Exception {
      golden(
          "{\"messageType\":\"topic\",\"data\":\"{\\\"room\\\":\\\"#dev\\\",\\\"topic\\\":\\\"release on Friday\\\",\\\"by\\\":\\\"alice\\\",\\\"time\\\":7}\"}",
          new Topic("#dev", "release on Friday", "alice", 7));
    }

    @Test
    void listLeavesOutAnEmptyTopic() throws Exception {
      golden(
          "{\"messageType\":\"list\",\"data\":\"{\\\"count\\\":3,\\\"rooms\\\":[{\\\"room\\\":\\\"#dev\\\",\\\"members\\\":12,\\\"topic\\\":\\\"release\\\"},{\\\"room\\\":\\\"#ops\\\",\\\"members\\\":2}]}\"}",
          new RoomList(List.of(new RoomList.Listed("#dev", 12, "release"), new RoomList.Listed("#ops", 2, "")), 3));
    }

    @Test
    void aListWithoutRoomsIsNotAFrame() {
      ProtocolException e = assertThrows(
          ProtocolException.class,
          () -> codec.decodeServerFrame("{\"messageType\":\"list\",\"data\":\"{\\\"count\\\":3}\"}"));
      assertEquals(ErrorCode.INVALID_FRAME, e.code());
    }

    @Test
    void aFrameInARoomIsNeverForABaseClient() {
      assertTrue(new Users(List.of()).isBase());
      assertFalse(new InRoom("#dev", new Users(List.of())).isBase());
      assertFalse(new Join("#dev").isBase());
    }

    @Test
    void onlyFramesOfARoomGoInOne() {
      assertThrows(IllegalArgumentException.class, () -> new InRoom("#dev", new Welcome("termchat.v1", List.of())));
      assertThrows(IllegalArgumentException.class, () -> new InRoom("#dev", new InRoom("#ops", hi)));
    }
  }
}
