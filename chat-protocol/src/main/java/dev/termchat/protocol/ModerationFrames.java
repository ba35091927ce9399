package dev.termchat.protocol;

import static dev.termchat.protocol.FrameFields.optionalString;
import static dev.termchat.protocol.FrameFields.quoted;
import static dev.termchat.protocol.FrameFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Moderation both ways: a client's request, in options, and the server's notice, a JSON object in data. */
final class ModerationFrames {
  /** The longest reason a request may give, in chars: it is shown to the whole room. */
  static final int MAX_REASON_CHARS = 390;

  private final FrameJson json;

  ModerationFrames(FrameJson json) {
    this.json = json;
  }

  static Moderate request(String act, List<String> options) throws ProtocolException {
    ModerationAct kind = ModerationAct.of(act)
        .orElseThrow(() -> new ProtocolException(ErrorCode.INVALID_FRAME, "no moderation act " + quoted(act)));
    String target = Options.value(options, Wire.OPTION_TARGET).orElse(null);
    if (kind.targeted() && (target == null || target.isEmpty())) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, kind.wireName() + " needs \"target=\"");
    }
    if (target != null && target.length() > NameRules.MAX_RAW_LENGTH) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "a target is at most " + NameRules.MAX_RAW_LENGTH + " characters");
    }
    String reason = Options.value(options, Wire.OPTION_REASON).orElse("");
    if (reason.length() > MAX_REASON_CHARS) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "a reason is at most " + MAX_REASON_CHARS + " characters");
    }
    String seconds = Options.value(options, Wire.OPTION_FOR).orElse("0");
    long duration;
    try {
      duration = Long.parseLong(seconds);
    } catch (NumberFormatException e) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "\"for=\" is a whole number of seconds, not " + quoted(seconds));
    }
    if (duration < 0 || duration > Integer.MAX_VALUE) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "\"for=\" is 0 (no end) to " + Integer.MAX_VALUE + " seconds");
    }
    String room = Options.value(options, Wire.OPTION_ROOM).orElse(RoomNames.DEFAULT_ROOM);
    boolean server = Options.value(options, Wire.OPTION_SERVER).map("1"::equals).orElse(false);
    return new Moderate(kind, room, kind.targeted() ? target : null, duration, reason, server);
  }

  static List<String> requestOptions(Moderate moderate) {
    List<String> options = new ArrayList<>(5);
    options.add(Options.of(Wire.OPTION_ROOM, moderate.room()));
    if (moderate.target() != null) {
      options.add(Options.of(Wire.OPTION_TARGET, moderate.target()));
    }
    if (moderate.seconds() > 0) {
      options.add(Options.of(Wire.OPTION_FOR, moderate.seconds()));
    }
    if (!moderate.reason().isEmpty()) {
      options.add(Options.of(Wire.OPTION_REASON, moderate.reason()));
    }
    if (moderate.server()) {
      options.add(Options.of(Wire.OPTION_SERVER, 1));
    }
    return options;
  }

  String noticeData(Moderation notice) {
    return json.write(
        generator -> {
          generator.writeStartObject();
          generator.writeStringField(Wire.FIELD_ROOM, notice.room());
          generator.writeStringField(Wire.FIELD_ACT, notice.act().wireName());
          generator.writeStringField(Wire.FIELD_BY, notice.by());
          if (notice.target() != null) {
            generator.writeStringField(Wire.FIELD_TARGET, notice.target());
          }
          if (!notice.reason().isEmpty()) {
            generator.writeStringField(Wire.FIELD_REASON, notice.reason());
          }
          if (notice.until() > 0) {
            generator.writeNumberField(Wire.FIELD_UNTIL, notice.until());
          }
          generator.writeNumberField(Wire.FIELD_TIME, notice.time());
          if (notice.server()) {
            generator.writeBooleanField(Wire.FIELD_SERVER, true);
          }
          if (notice.from() != null) {
            generator.writeStringField(Wire.FIELD_FROM, notice.from());
          }
          if (notice.said() > 0) {
            generator.writeNumberField(Wire.FIELD_SAID, notice.said());
          }
          generator.writeEndObject();
        });
  }

  Moderation notice(String data) throws ProtocolException {
    JsonNode notice = json.read(data);
    String act = requiredString(notice, Wire.FIELD_ACT);
    return new Moderation(
        requiredString(notice, Wire.FIELD_ROOM),
        ModerationAct.of(act).orElseThrow(() -> new ProtocolException(ErrorCode.INVALID_FRAME, "no moderation act " + quoted(act))),
        requiredString(notice, Wire.FIELD_BY),
        optionalString(notice, Wire.FIELD_TARGET),
        notice.path(Wire.FIELD_REASON).asText(""),
        notice.path(Wire.FIELD_UNTIL).asLong(0),
        notice.path(Wire.FIELD_TIME).asLong(0),
        notice.path(Wire.FIELD_SERVER).asBoolean(false),
        optionalString(notice, Wire.FIELD_FROM),
        notice.path(Wire.FIELD_SAID).asLong(0));
  }
}
