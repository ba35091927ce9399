package dev.termchat.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * JSON in and out for both directions of frames: strict reading of a frame (duplicate keys,
 * trailing data and nesting deeper than any frame needs are refused), and writing with fields in
 * a fixed order. Thread-safe.
 */
final class FrameJson {
  /** A frame is an object holding at most an array of strings: depth 2. */
  private static final int MAX_NESTING_DEPTH = 8;
  /** The longest number a frame could meaningfully carry is an epoch-millisecond time. */
  private static final int MAX_NUMBER_LENGTH = 32;

  private final JsonFactory factory;

  FrameJson() {
    factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build();
  }

  /** A frame, or a JSON object a frame's data carries: a JSON object, or refused. */
  JsonNode read(String text) throws ProtocolException {
    JsonNode node;
    try (JsonParser parser = factory.createParser(text)) {
      if (parser.nextToken() == null) {
        throw new ProtocolException(ErrorCode.INVALID_JSON, "not valid JSON: an empty frame");
      }
      node = JsonTrees.value(parser);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new ProtocolException(
            ErrorCode.INVALID_JSON, "not valid JSON: more after the frame" + where(parser.currentTokenLocation()));
      }
    } catch (JsonProcessingException e) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "not valid JSON" + where(e.getLocation()));
    } catch (IOException e) {
      // A parser over a String reads no device: this would be a bug in the parser itself.
      throw new UncheckedIOException(e);
    }
    if (!node.isObject()) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "a frame must be a JSON object");
    }
    return node;
  }

  /**
   * Where the JSON went wrong, for a person: the parser's own message quotes the input at length
   * and names its internals, neither of which belongs in a reply or a log line.
   */
  private static String where(JsonLocation location) {
    if (location == null || location.getColumnNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  /** A frame of either direction: its type, and data and dataArray where present. */
  String envelope(String type, String data, List<String> dataArray) {
    return write(
        generator -> {
          generator.writeStartObject();
          generator.writeStringField(Wire.FIELD_MESSAGE_TYPE, type);
          if (data != null) {
            generator.writeStringField(Wire.FIELD_DATA, data);
          }
          if (dataArray != null) {
            generator.writeArrayFieldStart(Wire.FIELD_DATA_ARRAY);
            for (String element : dataArray) {
              generator.writeString(element);
            }
            generator.writeEndArray();
          }
          generator.writeEndObject();
        });
  }

  /** What a frame's fields are written with. */
  interface JsonWriting {
    void writeTo(JsonGenerator generator) throws IOException;
  }

  String write(JsonWriting writing) {
    StringWriter out = new StringWriter(64);
    try (JsonGenerator generator = factory.createGenerator(out)) {
      writing.writeTo(generator);
    } catch (IOException e) {
      // A StringWriter does not fail; this would be a bug in the generator itself.
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
