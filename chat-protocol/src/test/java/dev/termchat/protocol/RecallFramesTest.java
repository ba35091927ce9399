package dev.termchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden tests for scrollback and search: literal JSON both ways. */
class RecallFramesTest {
  private final FrameCodec codec = new FrameCodec();

  private ErrorCode refusal(String frame) {
    return assertThrows(ProtocolException.class, () -> codec.decodeClientFrame(frame)).code();
  }

  @Nested
  class FromClients {
    @Test
    void scrollbackBeforeAnId() throws Exception {
      String frame = "{\"messageType\":\"scrollback\",\"data\":\"{\\\"room\\\":\\\"#dev\\\",\\\"before\\\":\\\"1-40\\\",\\\"limit\\\":100}\"}";
      assertEquals(new Scrollback("#dev", "1-40", 100), codec.decodeClientFrame(frame));
      assertEquals(frame, codec.encodeClientFrame(new Scrollback("#dev", "1-40", 100)));
    }

    @Test
    void scrollbackWithoutRoomOrIdOrLimitIsTheDefaultRoomsNewestHundred() throws Exception {
      Scrollback asked = (Scrollback) codec.decodeClientFrame("{\"messageType\":\"scrollback\",\"data\":\"{}\"}");
      assertEquals(new Scrollback(null, null, Wire.DEFAULT_SCROLLBACK), asked);
      assertEquals(RoomNames.DEFAULT_ROOM, asked.roomOrDefault());
      assertEquals("{\"messageType\":\"scrollback\",\"data\":\"{\\\"limit\\\":5}\"}", codec.encodeClientFrame(new Scrollback(null, null, 5)));
    }

    @Test
    void aLimitOverTheMostIsTakenAsTheMost() throws Exception {
      assertEquals(new Scrollback(null, null, 1000), codec.decodeClientFrame("{\"messageType\":\"scrollback\",\"data\":\"{\\\"limit\\\":5000}\"}"));
      assertEquals(
          new Scrollback(null, null, 1000),
          codec.decodeClientFrame("{\"messageType\":\"scrollback\",\"data\":\"{\\\"limit\\\":99999999999999999999}\"}"));
      assertEquals(new Search(null, "x", 100), codec.decodeClientFrame("{\"messageType\":\"search\",\"data\":\"{\\\"words\\\":\\\"x\\\",\\\"limit\\\":101}\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "\\\"7\\\"", "true", "-99999999999999999999"})
    void aLimitThatIsNoWholeNumberFromOneUpIsNoFrame(String limit) {
      assertEquals(
          ErrorCode.INVALID_FRAME,
          refusal("{\"messageType\":\"scrollback\",\"data\":\"{\\\"limit\\\":" + limit + "}\"}"));
    }

    @Test
    void scrollbackDataThatIsNoObjectIsNoFrame() {
      assertEquals(ErrorCode.INVALID_FRAME, refusal("{\"messageType\":\"scrollback\",\"data\":\"[]\"}"));
      assertEquals(ErrorCode.INVALID_FRAME, refusal("{\"messageType\":\"scrollback\"}"));
      assertEquals(ErrorCode.INVALID_JSON, refusal("{\"messageType\":\"scrollback\",\"data\":\"{\"}"));
      assertEquals(ErrorCode.INVALID_FRAME, refusal("{\"messageType\":\"scrollback\",\"data\":\"{\\\"before\\\":7}\"}"));
    }

    @Test
    void search() throws Exception {
      String frame = "{\"messageType\":\"search\",\"data\":\"{\\\"room\\\":\\\"#dev\\\",\\\"words\\\":\\\"deploy friday\\\",\\\"limit\\\":20}\"}";
      assertEquals(new Search("#dev", "deploy friday", 20), codec.decodeClientFrame(frame));
      assertEquals(frame, codec.encodeClientFrame(new Search("#dev", "deploy friday", 20)));
      assertEquals(
          new Search(null, "\"NEAR(a b)\" OR *", Wire.DEFAULT_SEARCH_HITS),
          codec.decodeClientFrame("{\"messageType\":\"search\",\"data\":\"{\\\"words\\\":\\\"\\\\\\\"NEAR(a b)\\\\\\\" OR *\\\"}\"}"));
    }

    @Test
    void aSearchWithoutWordsOrWithTooManyIsNoFrame() {
      assertEquals(ErrorCode.INVALID_FRAME, refusal("{\"messageType\":\"search\",\"data\":\"{}\"}"));
      assertEquals(ErrorCode.INVALID_FRAME, refusal("{\"messageType\":\"search\",\"data\":\"{\\\"words\\\":\\\"  \\\"}\"}"));
      String huge = "w".repeat(Wire.MAX_SEARCH_CHARS + 1);
      assertEquals(ErrorCode.INVALID_FRAME, refusal("{\"messageType\":\"search\",\"data\":\"{\\\"words\\\":\\\"" + huge + "\\\"}\"}"));
    }
  }

  @Nested
  class FromTheServer {
    private void golden(String json, ServerFrame frame) throws Exception {
      assertEquals(json, codec.encodeServerFrame(frame));
      assertEquals(frame, codec.decodeServerFrame(json));
    }

    @Test
    void aPageHoldsItsMessagesAsHistoryEntriesOldestFirst() throws Exception {
      ChatMessage hi = new ChatMessage(false, "alice", "hi", 5L, "127.0.0.1:1", "1-2", null);
      ChatMessage waves = new ChatMessage(true, "bob", "waves", 6L, null, "1-3", null);
      golden(
          "{\"messageType\":\"scrollback\",\"data\":\"{\\\"room\\\":\\\"#dev\\\",\\\"more\\\":true,\\\"messages\\\":["
              + "{\\\"from\\\":\\\"alice\\\",\\\"message\\\":\\\"hi\\\",\\\"time\\\":5,\\\"address\\\":\\\"127.0.0.1:1\\\",\\\"id\\\":\\\"1-2\\\"},"
              + "{\\\"kind\\\":\\\"action\\\",\\\"from\\\":\\\"bob\\\",\\\"message\\\":\\\"waves\\\",\\\"time\\\":6,\\\"id\\\":\\\"1-3\\\"}]}\"}",
          new ScrollbackPage("#dev", List.of(hi, waves), true));
      golden(
          "{\"messageType\":\"scrollback\",\"data\":\"{\\\"room\\\":\\\"#general\\\",\\\"more\\\":false,\\\"messages\\\":[]}\"}",
          new ScrollbackPage("#general", List.of(), false));
    }

    @Test
    void hitsCarryTheirMarks() throws Exception {
      ChatMessage deploy = new ChatMessage(false, "alice", "deploy on friday", 7L, null, "1-9", null);
      golden(
          "{\"messageType\":\"search\",\"data\":\"{\\\"room\\\":\\\"#dev\\\",\\\"words\\\":\\\"deploy friday\\\",\\\"hits\\\":["
              + "{\\\"room\\\":\\\"#Dev\\\",\\\"id\\\":\\\"1-9\\\",\\\"time\\\":7,\\\"from\\\":\\\"alice\\\",\\\"text\\\":\\\"deploy on friday\\\",\\\"marks\\\":[[0,6],[10,16]]}]}\"}",
          new SearchHits(
              "#dev",
              "deploy friday",
              List.of(new SearchHits.Hit("#Dev", deploy, List.of(new SearchHits.Mark(0, 6), new SearchHits.Mark(10, 16))))));
    }

    @Test
    void aMarkBeyondItsTextIsNoFrame() {
      ProtocolException e = assertThrows(
          ProtocolException.class,
          () -> codec.decodeServerFrame(
              "{\"messageType\":\"search\",\"data\":\"{\\\"room\\\":\\\"#dev\\\",\\\"words\\\":\\\"x\\\",\\\"hits\\\":["
                  + "{\\\"room\\\":\\\"#dev\\\",\\\"time\\\":7,\\\"from\\\":\\\"a\\\",\\\"text\\\":\\\"ab\\\",\\\"marks\\\":[[0,3]]}]}\"}"));
      assertEquals(ErrorCode.INVALID_FRAME, e.code());
    }

    @Test
    void neitherIsForABaseClient() {
      assertFalse(new ScrollbackPage("#general", List.of(), false).isBase());
      assertFalse(new SearchHits("#general", "x", List.of()).isBase());
    }
  }
}
