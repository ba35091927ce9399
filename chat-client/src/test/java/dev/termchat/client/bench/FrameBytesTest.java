package dev.termchat.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameBytesTest {
  @Test
  void theNumbersOfTheRoundsOwnNamesAreReadInOrder() {
    byte[] frame = "{\"messageType\":\"joined\",\"data\":\"#r1\",\"dataArray\":[\"b12\",\"w3\",\"bob\",\"b0\",\"b7x\",\"b04\",\"b007\",\"b4\"]}"
        .getBytes(StandardCharsets.UTF_8);
    List<Integer> numbers = new ArrayList<>();
    FrameBytes.forEachNumberedName(frame, 0, frame.length, (byte) 'b', numbers::add);
    assertEquals(List.of(12, 0, 4), numbers);
  }

  @Test
  void aRoomNamedLikeANameIsNoName() {
    // The data of a room's frame is its name, never an element of dataArray.
    byte[] frame = "{\"messageType\":\"users\",\"data\":\"b9\",\"dataArray\":[]}".getBytes(StandardCharsets.UTF_8);
    List<Integer> numbers = new ArrayList<>();
    FrameBytes.forEachNumberedName(frame, 0, frame.length, (byte) 'b', numbers::add);
    assertEquals(List.of(), numbers);
    assertEquals(0, FrameBytes.countNames(frame, 0, frame.length, (byte) 'b'));
  }

  @Test
  void theStringsOfTheArrayAreCountedAndNothingBeforeIt() {
    byte[] frame = "{\"messageType\":\"users\",\"data\":\"#a,\\\"[b\",\"dataArray\":[\"c0\",\"carol\",\"x,y\"]}".getBytes(StandardCharsets.UTF_8);
    assertEquals(3, FrameBytes.countStrings(frame, 0, frame.length));
    byte[] empty = "{\"messageType\":\"users\",\"dataArray\":[]}".getBytes(StandardCharsets.UTF_8);
    assertEquals(0, FrameBytes.countStrings(empty, 0, empty.length));
  }
}
