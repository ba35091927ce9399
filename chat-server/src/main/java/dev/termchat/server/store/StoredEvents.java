package dev.termchat.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomEventCodec;
import dev.termchat.server.room.RoomSettings;
import java.util.Map;

/**
 * Events as the store keeps them: the fields a Redis stream entry would carry ({@link
 * RoomEventCodec}, so one encoding of events exists), as a JSON object. Stateless apart from
 * this start's node name; thread-safe.
 *
 * <p>A server on its own names its connections under {@link RoomSettings#LOCAL_NODE}, and numbers
 * them anew at each start. Kept under that name, a connection of an earlier start would be taken
 * for one of this start's when replayed; so each start's events are kept under a node of their
 * own, {@code local~RUN}, which a later start replays as another node's, as a cluster node's
 * events are read by the node that replaced it.
 */
final class StoredEvents {
  /** The field of the codec that names the node; see RoomEventEncoder. */
  private static final String NODE_FIELD = "node";
  private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {};
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

  private final RoomEventCodec codec = new RoomEventCodec();
  private final String storedNode;

  /** @param run this start's number: its events are kept under {@code local~RUN} */
  StoredEvents(long run) {
    this.storedNode = RoomSettings.LOCAL_NODE + "~" + run;
  }

  String encode(RoomEvent event) {
    Map<String, String> fields = codec.encode(event);
    if (RoomSettings.LOCAL_NODE.equals(fields.get(NODE_FIELD))) {
      fields.put(NODE_FIELD, storedNode);
    }
    // Written by hand rather than through an ObjectMapper: a mapper's generator, its buffers and
    // contexts were most of what an append allocated on the connection's thread.
    StringBuilder json = new StringBuilder(64 + 16 * fields.size());
    json.append('{');
    for (Map.Entry<String, String> field : fields.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      quoted(json, field.getKey()).append(':');
      if (field.getValue() == null) {
        json.append("null");
      } else {
        quoted(json, field.getValue());
      }
    }
    return json.append('}').toString();
  }

  private static StringBuilder quoted(StringBuilder json, String text) {
    json.append('"');
    QUOTE.quoteAsString(text, json);
    return json.append('"');
  }

  /** @throws IllegalArgumentException for a body that is no event this server writes */
  RoomEvent decode(String body) {
    try {
      return codec.decode(JSON.readValue(body, FIELDS));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an event's fields: " + e.getOriginalMessage(), e);
    }
  }

  /** The key of the room a line is kept apart under; {@code null} for a node-wide event. */
  static String roomKey(RoomEvent event, RoomKeys keys) {
    return event instanceof RoomEvent.Line line ? keys.keyOf(line.room()) : null;
  }
}
