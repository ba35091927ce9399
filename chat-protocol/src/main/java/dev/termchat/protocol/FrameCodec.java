package dev.termchat.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON codec for both directions. Thread-safe; one instance can serve a whole process.
 *
 * <p>Decoding is lenient where existing clients differ (null, missing and unknown fields) and
 * strict where a frame is not what it claims to be (wrong field types, duplicate keys, trailing
 * data, nesting deeper than any frame needs). Encoding writes fields in a fixed order and leaves
 * out absent ones, so what the server emits is the same bytes every time.
 */
public final class FrameCodec {
  /** A frame is an object holding at most an array of strings: depth 2. */
  private static final int MAX_NESTING_DEPTH = 8;
  /** The longest number a frame could meaningfully carry is an epoch-millisecond time. */
  private static final int MAX_NUMBER_LENGTH = 32;
  /** How much of a value a client sent is quoted back in an error. */
  private static final int MAX_QUOTED = 32;

  private final ObjectMapper mapper;

  public FrameCodec() {
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build();
    mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  // ---- client to server ----

  /** Decodes what a client sent. */
  public ClientFrame decodeClientFrame(String text) throws ProtocolException {
    JsonNode frame = readFrame(text);
    String type = requiredString(frame, Wire.FIELD_MESSAGE_TYPE);
    List<String> options = stringArray(frame, Wire.FIELD_DATA_ARRAY);
    String clientId = Options.value(options, Wire.OPTION_ID).orElse(null);
    if (clientId != null && clientId.length() > Wire.MAX_CLIENT_ID_CHARS) {
      // The server remembers a session's latest ids and echoes each: they must stay small.
      throw new ProtocolException(
          ErrorCode.INVALID_FRAME, "a line's id is at most " + Wire.MAX_CLIENT_ID_CHARS + " characters");
    }
    switch (type) {
      case Wire.TYPE_REGISTER:
        return new Register(optionalString(frame, Wire.FIELD_DATA), options);
      case Wire.TYPE_MESSAGE:
        return new SendMessage(requiredString(frame, Wire.FIELD_DATA), clientId);
      case Wire.TYPE_ACTION:
        return new SendAction(requiredString(frame, Wire.FIELD_DATA), clientId);
      case Wire.TYPE_PRIVATE:
        String to = Options.value(options, Wire.OPTION_TO)
            .orElseThrow(() -> new ProtocolException(ErrorCode.INVALID_FRAME, "a private message needs \"to=NAME\""));
        return new SendPrivate(to, requiredString(frame, Wire.FIELD_DATA), clientId);
      case Wire.TYPE_NICK:
        return new Nick(requiredString(frame, Wire.FIELD_DATA));
      default:
        throw new ProtocolException(
            ErrorCode.UNKNOWN_TYPE, "a client may not send messageType " + quoted(type));
    }
  }

  /** Encodes what a client sends. */
  public String encodeClientFrame(ClientFrame frame) {
    return frame.accept(
        new ClientFrame.Visitor<String>() {
          @Override
          public String register(Register register) {
            return envelope(Wire.TYPE_REGISTER, register.name(), orNull(register.options()));
          }

          @Override
          public String message(SendMessage message) {
            return envelope(Wire.TYPE_MESSAGE, message.text(), idOption(message.clientId()));
          }

          @Override
          public String action(SendAction action) {
            return envelope(Wire.TYPE_ACTION, action.text(), idOption(action.clientId()));
          }

          @Override
          public String privateMessage(SendPrivate message) {
            List<String> options = new ArrayList<>(List.of(Options.of(Wire.OPTION_TO, message.to())));
            if (message.clientId() != null) {
              options.add(Options.of(Wire.OPTION_ID, message.clientId()));
            }
            return envelope(Wire.TYPE_PRIVATE, message.text(), options);
          }

          @Override
          public String nick(Nick nick) {
            return envelope(Wire.TYPE_NICK, nick.name(), null);
          }
        });
  }

  private static List<String> idOption(String clientId) {
    return clientId == null ? null : List.of(Options.of(Wire.OPTION_ID, clientId));
  }

  private static List<String> orNull(List<String> options) {
    return options.isEmpty() ? null : options;
  }

  // ---- server to client ----

  /** Encodes what the server sends. */
  public String encodeServerFrame(ServerFrame frame) {
    return frame.accept(
        new ServerFrame.Visitor<String>() {
          @Override
          public String register(Register register) {
            return envelope(Wire.TYPE_REGISTER, register.name(), orNull(register.options()));
          }

          @Override
          public String users(Users users) {
            return envelope(Wire.TYPE_USERS, null, users.names());
          }

          @Override
          public String message(ChatMessage message) {
            return envelope(message.messageType(), messageData(message, false), null);
          }

          @Override
          public String welcome(Welcome welcome) {
            return envelope(Wire.TYPE_WELCOME, welcome.protocol(), welcome.capabilities());
          }

          @Override
          public String error(ErrorReply error) {
            return envelope(Wire.TYPE_ERROR, errorData(error), null);
          }

          @Override
          public String presence(Presence presence) {
            return envelope(presence.messageType(), null, presence.names());
          }

          @Override
          public String renamed(Renamed renamed) {
            return envelope(Wire.TYPE_RENAMED, null, List.of(renamed.from(), renamed.to()));
          }

          @Override
          public String privateChat(PrivateChat message) {
            return envelope(Wire.TYPE_PRIVATE, privateData(message), null);
          }

          @Override
          public String history(History history) {
            return envelope(Wire.TYPE_HISTORY, messageData(history.entry(), true), null);
          }

          @Override
          public String resumed(Resumed resumed) {
            return envelope(
                Wire.TYPE_RESUMED,
                resumed.complete() ? Resumed.COMPLETE : Resumed.GAP,
                List.of(Options.of(Wire.OPTION_COUNT, resumed.count())));
          }
        });
  }

  /**
   * Decodes what a server sent.
   *
   * @throws ProtocolException also for a type this client does not know, which a caller that
   *     wants to stay compatible with newer servers ignores
   */
  public ServerFrame decodeServerFrame(String text) throws ProtocolException {
    JsonNode frame = readFrame(text);
    String type = requiredString(frame, Wire.FIELD_MESSAGE_TYPE);
    switch (type) {
      case Wire.TYPE_REGISTER:
        return new Register(optionalString(frame, Wire.FIELD_DATA), stringArray(frame, Wire.FIELD_DATA_ARRAY));
      case Wire.TYPE_USERS:
        return new Users(stringArray(frame, Wire.FIELD_DATA_ARRAY));
      case Wire.TYPE_MESSAGE:
        return chatMessage(false, readFrame(requiredString(frame, Wire.FIELD_DATA)));
      case Wire.TYPE_ACTION:
        return chatMessage(true, readFrame(requiredString(frame, Wire.FIELD_DATA)));
      case Wire.TYPE_HISTORY:
        JsonNode entry = readFrame(requiredString(frame, Wire.FIELD_DATA));
        return new History(chatMessage(Wire.TYPE_ACTION.equals(optionalString(entry, Wire.FIELD_KIND)), entry));
      case Wire.TYPE_PRIVATE:
        JsonNode whisper = readFrame(requiredString(frame, Wire.FIELD_DATA));
        return new PrivateChat(
            requiredString(whisper, Wire.FIELD_FROM),
            requiredString(whisper, Wire.FIELD_TO),
            requiredString(whisper, Wire.FIELD_MESSAGE),
            whisper.path(Wire.FIELD_TIME).asLong(0),
            optionalString(whisper, Wire.FIELD_ID),
            optionalString(whisper, Wire.FIELD_CLIENT_ID));
      case Wire.TYPE_RESUMED:
        return new Resumed(
            Resumed.COMPLETE.equals(requiredString(frame, Wire.FIELD_DATA)),
            Options.number(stringArray(frame, Wire.FIELD_DATA_ARRAY), Wire.OPTION_COUNT).orElse(0));
      case Wire.TYPE_RENAMED:
        List<String> names = stringArray(frame, Wire.FIELD_DATA_ARRAY);
        if (names.size() != 2) {
          throw new ProtocolException(ErrorCode.INVALID_FRAME, "renamed names the old name and the new");
        }
        return new Renamed(names.get(0), names.get(1));
      case Wire.TYPE_WELCOME:
        return new Welcome(
            requiredString(frame, Wire.FIELD_DATA), stringArray(frame, Wire.FIELD_DATA_ARRAY));
      case Wire.TYPE_JOINED:
        return Presence.joined(stringArray(frame, Wire.FIELD_DATA_ARRAY));
      case Wire.TYPE_LEFT:
        return Presence.left(stringArray(frame, Wire.FIELD_DATA_ARRAY));
      case Wire.TYPE_ERROR:
        JsonNode error = readFrame(requiredString(frame, Wire.FIELD_DATA));
        return new ErrorReply(
            requiredString(error, Wire.FIELD_CODE),
            requiredString(error, Wire.FIELD_REASON),
            optionalString(error, Wire.FIELD_CLIENT_ID));
      default:
        throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown messageType " + quoted(type));
    }
  }

  private static ChatMessage chatMessage(boolean action, JsonNode message) throws ProtocolException {
    return new ChatMessage(
        action,
        requiredString(message, Wire.FIELD_FROM),
        requiredString(message, Wire.FIELD_MESSAGE),
        message.path(Wire.FIELD_TIME).asLong(0),
        optionalString(message, Wire.FIELD_ADDRESS),
        optionalString(message, Wire.FIELD_ID),
        optionalString(message, Wire.FIELD_CLIENT_ID));
  }

  // ---- reading ----

  private JsonNode readFrame(String text) throws ProtocolException {
    JsonNode node;
    try {
      node = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "not valid JSON" + where(e));
    }
    if (node == null || node.isMissingNode()) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "invalid JSON: empty frame");
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
  private static String where(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    if (location == null || location.getColumnNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  /** A value the client sent, in quotes, cut short: it is for recognizing, not for reading. */
  private static String quoted(String value) {
    int length = value.codePointCount(0, value.length());
    String shown = length <= MAX_QUOTED ? value : value.substring(0, value.offsetByCodePoints(0, MAX_QUOTED)) + "…";
    return "\"" + shown + "\"";
  }

  private static String requiredString(JsonNode object, String field) throws ProtocolException {
    String value = optionalString(object, field);
    if (value == null) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "\"" + field + "\" is missing");
    }
    return value;
  }

  private static String optionalString(JsonNode object, String field) throws ProtocolException {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "\"" + field + "\" must be a string");
    }
    return wellFormed(field, value.textValue());
  }

  private static List<String> stringArray(JsonNode object, String field)
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

  // ---- writing ----

  private String envelope(String type, String data, List<String> dataArray) {
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

  /** A message's fields, and for a history entry its kind, as the JSON object data carries. */
  private String messageData(ChatMessage message, boolean withKind) {
    return write(
        generator -> {
          generator.writeStartObject();
          if (withKind && message.action()) {
            generator.writeStringField(Wire.FIELD_KIND, Wire.TYPE_ACTION);
          }
          generator.writeStringField(Wire.FIELD_FROM, message.from());
          generator.writeStringField(Wire.FIELD_MESSAGE, message.message());
          generator.writeNumberField(Wire.FIELD_TIME, message.time());
          if (message.address() != null) {
            generator.writeStringField(Wire.FIELD_ADDRESS, message.address());
          }
          if (message.id() != null) {
            generator.writeStringField(Wire.FIELD_ID, message.id());
          }
          if (message.clientId() != null) {
            generator.writeStringField(Wire.FIELD_CLIENT_ID, message.clientId());
          }
          generator.writeEndObject();
        });
  }

  private String privateData(PrivateChat message) {
    return write(
        generator -> {
          generator.writeStartObject();
          generator.writeStringField(Wire.FIELD_FROM, message.from());
          generator.writeStringField(Wire.FIELD_TO, message.to());
          generator.writeStringField(Wire.FIELD_MESSAGE, message.message());
          generator.writeNumberField(Wire.FIELD_TIME, message.time());
          if (message.id() != null) {
            generator.writeStringField(Wire.FIELD_ID, message.id());
          }
          if (message.clientId() != null) {
            generator.writeStringField(Wire.FIELD_CLIENT_ID, message.clientId());
          }
          generator.writeEndObject();
        });
  }

  private String errorData(ErrorReply error) {
    return write(
        generator -> {
          generator.writeStartObject();
          generator.writeStringField(Wire.FIELD_CODE, error.code());
          generator.writeStringField(Wire.FIELD_REASON, error.reason());
          if (error.clientId() != null) {
            generator.writeStringField(Wire.FIELD_CLIENT_ID, error.clientId());
          }
          generator.writeEndObject();
        });
  }

  private interface JsonWriting {
    void writeTo(JsonGenerator generator) throws IOException;
  }

  private String write(JsonWriting writing) {
    StringWriter out = new StringWriter(64);
    try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
      writing.writeTo(generator);
    } catch (IOException e) {
      // A StringWriter does not fail; this would be a bug in the generator itself.
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
