package dev.termchat.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomSettings;
import dev.termchat.server.room.Who;
import org.junit.jupiter.api.Test;

/** Events as the store's {@code entries.body} holds them: literal JSON, and back. */
class StoredEventsTest {
  private final StoredEvents events = new StoredEvents(7);

  @Test
  void aLineOfThisStartIsKeptUnderItsRunsNode() {
    RoomEvent say = new RoomEvent.Say(new Who(RoomSettings.LOCAL_NODE, 3), "hi", false, "c1", null);

    String body = events.encode(say);

    assertEquals("{\"type\":\"say\",\"node\":\"local~7\",\"conn\":\"3\",\"text\":\"hi\",\"cid\":\"c1\"}", body);
    assertEquals(new RoomEvent.Say(new Who("local~7", 3), "hi", false, "c1", null), events.decode(body));
  }

  @Test
  void quotesBackslashesControlsAndNonAsciiSurviveTheRoundTrip() {
    String text = "say \"hi\" \\ to\tme\n\u0001 \u00e9\u00e8 \ud83d\ude00 \u2028";
    RoomEvent line = new RoomEvent.Line(new Who("node-b", 9), "#dev", "zo\u00eb", "10.0.0.1", text, true, null, "5-1");

    String body = events.encode(line);

    assertEquals(line, events.decode(body));
    assertEquals(true, body.contains("\"text\":\"say \\\"hi\\\" \\\\ to\\tme\\n\\u0001 "), body);
  }
}
