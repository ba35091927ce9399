package dev.termchat.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A frame's fields as either side reads them: lenient where existing clients differ (null,
 * missing and unknown fields), strict where a frame is not what it claims to be (wrong types,
 * strings that are not Unicode).
 */
final class FrameFields {
  /** How much of a value a client sent is quoted back in an error. */
  private static final int MAX_QUOTED = 32;

  private FrameFields() {}

  /** A value the client sent, in quotes, cut short: it is for recognizing, not for reading. */
  static String quoted(String value) {
    int length = value.codePointCount(0, value.length());
    String shown = length <= MAX_QUOTED ? value : value.substring(0, value.offsetByCodePoints(0, MAX_QUOTED)) + "…";
    return "\"" + shown + "\"";
  }

  static String requiredString(JsonNode object, String field) throws ProtocolException {
    String value = optionalString(object, field);
    if (value == null) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "\"" + field + "\" is missing");
    }
    return value;
  }

  static String optionalString(JsonNode object, String field) throws ProtocolException {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "\"" + field + "\" must be a string");
    }
    return wellFormed(field, value.textValue());
  }

  static List<String> stringArray(JsonNode object, String field)
      throws ProtocolException {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new ProtocolException(
          ErrorCode.INVALID_FRAME, "\"" + field + "\" must be an array of strings");
    }
    List<String> strings = new ArrayList<>(value.size());
    for (JsonNode element : value) {
      if (!element.isTextual()) {
        throw new ProtocolException(
            ErrorCode.INVALID_FRAME, "\"" + field + "\" must be an array of strings");
      }
      strings.add(wellFormed(field, element.textValue()));
    }
    return strings;
  }

  /**
   * JSON escapes can smuggle a lone surrogate past the transport's UTF-8 check; such a string
   * cannot be re-encoded faithfully for anyone else, so it is refused here.
   */
  private static String wellFormed(String field, String value) throws ProtocolException {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new ProtocolException(
            ErrorCode.INVALID_FRAME, "\"" + field + "\" is not valid Unicode");
      }
    }
    return value;
  }

  /** An empty list of options as none, which a frame leaves out. */
  static List<String> orNull(List<String> options) {
    return options.isEmpty() ? null : options;
  }
}
