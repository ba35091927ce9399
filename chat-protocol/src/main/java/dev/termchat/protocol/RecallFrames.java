package dev.termchat.protocol;

import static dev.termchat.protocol.FrameFields.optionalString;
import static dev.termchat.protocol.FrameFields.requiredString;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of the frames that recall what was said, both ways: scrollback and search, the asking
 * and the answer. Each is a JSON object carried as a string in {@code data}, as a message is.
 */
final class RecallFrames {
  private final FrameJson json;

  RecallFrames(FrameJson json) {
    this.json = json;
  }

  Scrollback scrollback(String data) throws ProtocolException {
    JsonNode asked = object(data, "scrollback");
    return new Scrollback(
        optionalString(asked, Wire.FIELD_ROOM),
        optionalString(asked, Wire.FIELD_BEFORE),
        limit(asked, Wire.DEFAULT_SCROLLBACK, Wire.MAX_SCROLLBACK));
  }

  String scrollbackData(Scrollback scrollback) {
    return json.write(
        generator -> {
          generator.writeStartObject();
          if (scrollback.room() != null) {
            generator.writeStringField(Wire.FIELD_ROOM, scrollback.room());
          }
          if (scrollback.before() != null) {
            generator.writeStringField(Wire.FIELD_BEFORE, scrollback.before());
          }
          generator.writeNumberField(Wire.FIELD_LIMIT, scrollback.limit());
          generator.writeEndObject();
        });
  }

  Search search(String data) throws ProtocolException {
    JsonNode asked = object(data, "search");
    String words = requiredString(asked, Wire.FIELD_WORDS);
    if (words.isBlank()) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "a search needs words");
    }
    if (words.length() > Wire.MAX_SEARCH_CHARS) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "a search is at most " + Wire.MAX_SEARCH_CHARS + " characters");
    }
    return new Search(optionalString(asked, Wire.FIELD_ROOM), words, limit(asked, Wire.DEFAULT_SEARCH_HITS, Wire.MAX_SEARCH_HITS));
  }

  String searchData(Search search) {
    return json.write(
        generator -> {
          generator.writeStartObject();
          if (search.room() != null) {
            generator.writeStringField(Wire.FIELD_ROOM, search.room());
          }
          generator.writeStringField(Wire.FIELD_WORDS, search.words());
          generator.writeNumberField(Wire.FIELD_LIMIT, search.limit());
          generator.writeEndObject();
        });
  }

  String pageData(ScrollbackPage page) {
    return json.write(
        generator -> {
          generator.writeStartObject();
          generator.writeStringField(Wire.FIELD_ROOM, page.room());
          generator.writeBooleanField(Wire.FIELD_MORE, page.more());
          generator.writeArrayFieldStart(Wire.FIELD_MESSAGES);
          for (ChatMessage message : page.messages()) {
            ServerFrames.writeMessage(generator, message, true, null);
          }
          generator.writeEndArray();
          generator.writeEndObject();
        });
  }

  ScrollbackPage page(String data) throws ProtocolException {
    JsonNode page = object(data, "scrollback page");
    List<ChatMessage> messages = new ArrayList<>();
    for (JsonNode entry : array(page, Wire.FIELD_MESSAGES)) {
      messages.add(ServerFrames.chatMessage(Wire.TYPE_ACTION.equals(optionalString(entry, Wire.FIELD_KIND)), entry));
    }
    return new ScrollbackPage(requiredString(page, Wire.FIELD_ROOM), messages, page.path(Wire.FIELD_MORE).asBoolean(false));
  }

  String hitsData(SearchHits hits) {
    return json.write(
        generator -> {
          generator.writeStartObject();
          generator.writeStringField(Wire.FIELD_ROOM, hits.room());
          generator.writeStringField(Wire.FIELD_WORDS, hits.words());
          generator.writeArrayFieldStart(Wire.FIELD_HITS);
          for (SearchHits.Hit hit : hits.hits()) {
            writeHit(generator, hit);
          }
          generator.writeEndArray();
          generator.writeEndObject();
        });
  }

  private static void writeHit(JsonGenerator generator, SearchHits.Hit hit) throws IOException {
    ChatMessage message = hit.message();
    generator.writeStartObject();
    if (message.action()) {
      generator.writeStringField(Wire.FIELD_KIND, Wire.TYPE_ACTION);
    }
    generator.writeStringField(Wire.FIELD_ROOM, hit.room());
    if (message.id() != null) {
      generator.writeStringField(Wire.FIELD_ID, message.id());
    }
    generator.writeNumberField(Wire.FIELD_TIME, message.time());
    generator.writeStringField(Wire.FIELD_FROM, message.from());
    generator.writeStringField(Wire.FIELD_TEXT, message.message());
    generator.writeArrayFieldStart(Wire.FIELD_MARKS);
    for (SearchHits.Mark mark : hit.marks()) {
      generator.writeStartArray();
      generator.writeNumber(mark.start());
      generator.writeNumber(mark.end());
      generator.writeEndArray();
    }
    generator.writeEndArray();
    generator.writeEndObject();
  }

  SearchHits hits(String data) throws ProtocolException {
    JsonNode found = object(data, "search answer");
    List<SearchHits.Hit> hits = new ArrayList<>();
    for (JsonNode hit : array(found, Wire.FIELD_HITS)) {
      String text = requiredString(hit, Wire.FIELD_TEXT);
      ChatMessage message = new ChatMessage(
          Wire.TYPE_ACTION.equals(optionalString(hit, Wire.FIELD_KIND)),
          requiredString(hit, Wire.FIELD_FROM),
          text,
          hit.path(Wire.FIELD_TIME).asLong(0),
          null,
          optionalString(hit, Wire.FIELD_ID),
          null);
      hits.add(new SearchHits.Hit(requiredString(hit, Wire.FIELD_ROOM), message, marks(hit, text.length())));
    }
    return new SearchHits(requiredString(found, Wire.FIELD_ROOM), requiredString(found, Wire.FIELD_WORDS), hits);
  }

  /** A hit's marks, each within its text: a client highlights them, and must not run past it. */
  private static List<SearchHits.Mark> marks(JsonNode hit, int textLength) throws ProtocolException {
    List<SearchHits.Mark> marks = new ArrayList<>();
    for (JsonNode mark : array(hit, Wire.FIELD_MARKS)) {
      if (!mark.isArray() || mark.size() != 2 || !mark.get(0).canConvertToInt() || !mark.get(1).canConvertToInt()) {
        throw new ProtocolException(ErrorCode.INVALID_FRAME, "a mark is [start, end]");
      }
      int start = mark.get(0).intValue();
      int end = mark.get(1).intValue();
      if (start < 0 || end < start || end > textLength) {
        throw new ProtocolException(ErrorCode.INVALID_FRAME, "a mark lies within its text");
      }
      marks.add(new SearchHits.Mark(start, end));
    }
    return marks;
  }

  private JsonNode object(String data, String what) throws ProtocolException {
    JsonNode node = json.read(data);
    if (!node.isObject()) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "the data of a " + what + " is a JSON object");
    }
    return node;
  }

  private static Iterable<JsonNode> array(JsonNode object, String field) throws ProtocolException {
    JsonNode array = object.path(field);
    if (!array.isArray()) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "\"" + field + "\" must be an array");
    }
    for (JsonNode element : array) {
      if (field.equals(Wire.FIELD_MARKS) ? !element.isArray() : !element.isObject()) {
        throw new ProtocolException(ErrorCode.INVALID_FRAME, "\"" + field + "\" holds the wrong kind of element");
      }
    }
    return array;
  }

  /**
   * The limit a client asked for: the default when it names none, at most {@code max} (a larger
   * one is taken as {@code max}, as IRC servers take CHATHISTORY's); not a whole number, or less
   * than 1, is no frame.
   */
  private static int limit(JsonNode asked, int byDefault, int max) throws ProtocolException {
    JsonNode limit = asked.get(Wire.FIELD_LIMIT);
    if (limit == null || limit.isNull()) {
      return byDefault;
    }
    if (!limit.isIntegralNumber()) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "\"limit\" must be a whole number");
    }
    if (limit.canConvertToLong() && limit.longValue() < 1 || !limit.canConvertToLong() && limit.bigIntegerValue().signum() < 0) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "\"limit\" is at least 1");
    }
    return limit.canConvertToInt() ? Math.min(limit.intValue(), max) : max;
  }
}
