package dev.termchat.protocol;

import static dev.termchat.protocol.FrameFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The answers to moderation's questions, {@link BanList} and {@link Whois}: a JSON object in data. */
final class ModerationAnswers {
  private final FrameJson json;

  ModerationAnswers(FrameJson json) {
    this.json = json;
  }

  String banListData(BanList list) {
    return json.write(
        generator -> {
          generator.writeStartObject();
          generator.writeStringField(Wire.FIELD_ROOM, list.room());
          if (list.server()) {
            generator.writeBooleanField(Wire.FIELD_SERVER, true);
          }
          generator.writeArrayFieldStart(Wire.FIELD_BANS);
          for (BanList.Entry ban : list.bans()) {
            generator.writeStartObject();
            generator.writeStringField(Wire.FIELD_TARGET, ban.target());
            generator.writeStringField(Wire.FIELD_BY, ban.by());
            if (!ban.reason().isEmpty()) {
              generator.writeStringField(Wire.FIELD_REASON, ban.reason());
            }
            if (ban.until() > 0) {
              generator.writeNumberField(Wire.FIELD_UNTIL, ban.until());
            }
            generator.writeEndObject();
          }
          generator.writeEndArray();
          generator.writeEndObject();
        });
  }

  BanList banList(String data) throws ProtocolException {
    JsonNode list = json.read(data);
    JsonNode bans = list.path(Wire.FIELD_BANS);
    if (!bans.isArray()) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "\"" + Wire.FIELD_BANS + "\" must be an array");
    }
    List<BanList.Entry> entries = new ArrayList<>();
    for (JsonNode ban : bans) {
      entries.add(new BanList.Entry(
          requiredString(ban, Wire.FIELD_TARGET),
          requiredString(ban, Wire.FIELD_BY),
          ban.path(Wire.FIELD_REASON).asText(""),
          ban.path(Wire.FIELD_UNTIL).asLong(0)));
    }
    return new BanList(requiredString(list, Wire.FIELD_ROOM), list.path(Wire.FIELD_SERVER).asBoolean(false), entries);
  }

  String whoisData(Whois whois) {
    return json.write(
        generator -> {
          generator.writeStartObject();
          generator.writeStringField(Wire.FIELD_NAME, whois.name());
          generator.writeStringField(Wire.FIELD_ROOM, whois.room());
          generator.writeBooleanField(Wire.FIELD_ACCOUNT, whois.account());
          generator.writeStringField(Wire.FIELD_RANK, whois.rank());
          if (whois.since() > 0) {
            generator.writeNumberField(Wire.FIELD_SINCE, whois.since());
          }
          generator.writeEndObject();
        });
  }

  Whois whois(String data) throws ProtocolException {
    JsonNode whois = json.read(data);
    return new Whois(
        requiredString(whois, Wire.FIELD_NAME),
        requiredString(whois, Wire.FIELD_ROOM),
        whois.path(Wire.FIELD_ACCOUNT).asBoolean(false),
        requiredString(whois, Wire.FIELD_RANK),
        whois.path(Wire.FIELD_SINCE).asLong(0));
  }
}
