package dev.termchat.protocol;

import static dev.termchat.protocol.FrameFields.optionalString;
import static dev.termchat.protocol.FrameFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The data of the server's room frames that carry a JSON object: a topic, the list of rooms. */
final class RoomFrames {
  private final FrameJson json;

  RoomFrames(FrameJson json) {
    this.json = json;
  }

  String topicData(Topic topic) {
    return json.write(
        generator -> {
          generator.writeStartObject();
          generator.writeStringField(Wire.FIELD_ROOM, topic.room());
          generator.writeStringField(Wire.FIELD_TOPIC, topic.topic());
          generator.writeStringField(Wire.FIELD_BY, topic.by());
          generator.writeNumberField(Wire.FIELD_TIME, topic.time());
          generator.writeEndObject();
        });
  }

  Topic topic(String data) throws ProtocolException {
    JsonNode topic = json.read(data);
    return new Topic(
        requiredString(topic, Wire.FIELD_ROOM),
        requiredString(topic, Wire.FIELD_TOPIC),
        requiredString(topic, Wire.FIELD_BY),
        topic.path(Wire.FIELD_TIME).asLong(0));
  }

  String listData(RoomList list) {
    return json.write(
        generator -> {
          generator.writeStartObject();
          generator.writeNumberField(Wire.FIELD_COUNT, list.count());
          generator.writeArrayFieldStart(Wire.FIELD_ROOMS);
          for (RoomList.Listed room : list.rooms()) {
            generator.writeStartObject();
            generator.writeStringField(Wire.FIELD_ROOM, room.room());
            generator.writeNumberField(Wire.FIELD_MEMBERS, room.members());
            if (!room.topic().isEmpty()) {
              generator.writeStringField(Wire.FIELD_TOPIC, room.topic());
            }
            generator.writeEndObject();
          }
          generator.writeEndArray();
          generator.writeEndObject();
        });
  }

  RoomList list(String data) throws ProtocolException {
    JsonNode list = json.read(data);
    JsonNode rooms = list.path(Wire.FIELD_ROOMS);
    if (!rooms.isArray()) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "a list of rooms needs \"rooms\", an array");
    }
    List<RoomList.Listed> listed = new ArrayList<>(rooms.size());
    for (JsonNode room : rooms) {
      if (!room.isObject()) {
        throw new ProtocolException(ErrorCode.INVALID_FRAME, "each listed room is an object");
      }
      String topic = optionalString(room, Wire.FIELD_TOPIC);
      listed.add(
          new RoomList.Listed(
              requiredString(room, Wire.FIELD_ROOM),
              room.path(Wire.FIELD_MEMBERS).asInt(0),
              topic == null ? "" : topic));
    }
    return new RoomList(listed, list.path(Wire.FIELD_COUNT).asInt(listed.size()));
  }
}
