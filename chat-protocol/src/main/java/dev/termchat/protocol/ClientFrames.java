package dev.termchat.protocol;

import static dev.termchat.protocol.FrameFields.optionalString;
import static dev.termchat.protocol.FrameFields.orNull;
import static dev.termchat.protocol.FrameFields.quoted;
import static dev.termchat.protocol.FrameFields.requiredString;
import static dev.termchat.protocol.FrameFields.stringArray;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Frames from a client to the server, both ways: what the server reads, what the client writes. */
final class ClientFrames {
  private final FrameJson json;
  private final RecallFrames recall;
  private final AccountFrames accounts;

  ClientFrames(FrameJson json) {
    this.json = json;
    this.recall = new RecallFrames(json);
    this.accounts = new AccountFrames(json);
  }

  ClientFrame decode(String text) throws ProtocolException {
    JsonNode frame = json.read(text);
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
        return new SendMessage(requiredString(frame, Wire.FIELD_DATA), clientId, room(options));
      case Wire.TYPE_ACTION:
        return new SendAction(requiredString(frame, Wire.FIELD_DATA), clientId, room(options));
      case Wire.TYPE_PRIVATE:
        String to = Options.value(options, Wire.OPTION_TO)
            .orElseThrow(() -> new ProtocolException(ErrorCode.INVALID_FRAME, "a private message needs \"to=NAME\""));
        return new SendPrivate(to, requiredString(frame, Wire.FIELD_DATA), clientId);
      case Wire.TYPE_NICK:
        return new Nick(requiredString(frame, Wire.FIELD_DATA));
      // A room frame without its data is still that frame: a server answers it as it answers
      // the client's kind (a client without rooms: unknown-type), and an empty name is no room's.
      case Wire.TYPE_JOIN:
        return new Join(orEmpty(optionalString(frame, Wire.FIELD_DATA)), options);
      case Wire.TYPE_PART:
        return new Part(orEmpty(optionalString(frame, Wire.FIELD_DATA)));
      case Wire.TYPE_LIST:
        return new ListRooms();
      case Wire.TYPE_TOPIC:
        String room = room(options);
        return new SetTopic(room == null ? RoomNames.DEFAULT_ROOM : room, orEmpty(optionalString(frame, Wire.FIELD_DATA)));
      case Wire.TYPE_SCROLLBACK:
        return recall.scrollback(requiredString(frame, Wire.FIELD_DATA));
      case Wire.TYPE_SEARCH:
        return recall.search(requiredString(frame, Wire.FIELD_DATA));
      case Wire.TYPE_MODERATE:
        return ModerationFrames.request(requiredString(frame, Wire.FIELD_DATA), options);
      case Wire.TYPE_ACCOUNT:
        return accounts.request(requiredString(frame, Wire.FIELD_DATA));
      default:
        throw new ProtocolException(
            ErrorCode.UNKNOWN_TYPE, "a client may not send messageType " + quoted(type));
    }
  }

  String encode(ClientFrame frame) {
    return frame.accept(
        new ClientFrame.Visitor<String>() {
          @Override
          public String register(Register register) {
            return json.envelope(Wire.TYPE_REGISTER, register.name(), orNull(register.options()));
          }

          @Override
          public String message(SendMessage message) {
            return json.envelope(Wire.TYPE_MESSAGE, message.text(), lineOptions(message.room(), message.clientId()));
          }

          @Override
          public String action(SendAction action) {
            return json.envelope(Wire.TYPE_ACTION, action.text(), lineOptions(action.room(), action.clientId()));
          }

          @Override
          public String privateMessage(SendPrivate message) {
            List<String> options = new ArrayList<>(List.of(Options.of(Wire.OPTION_TO, message.to())));
            if (message.clientId() != null) {
              options.add(Options.of(Wire.OPTION_ID, message.clientId()));
            }
            return json.envelope(Wire.TYPE_PRIVATE, message.text(), options);
          }

          @Override
          public String nick(Nick nick) {
            return json.envelope(Wire.TYPE_NICK, nick.name(), null);
          }

          @Override
          public String join(Join join) {
            return json.envelope(Wire.TYPE_JOIN, join.room(), orNull(join.options()));
          }

          @Override
          public String part(Part part) {
            return json.envelope(Wire.TYPE_PART, part.room(), null);
          }

          @Override
          public String list(ListRooms list) {
            return json.envelope(Wire.TYPE_LIST, null, null);
          }

          @Override
          public String topic(SetTopic topic) {
            return json.envelope(Wire.TYPE_TOPIC, topic.topic(), List.of(Options.of(Wire.OPTION_ROOM, topic.room())));
          }

          @Override
          public String scrollback(Scrollback scrollback) {
            return json.envelope(Wire.TYPE_SCROLLBACK, recall.scrollbackData(scrollback), null);
          }

          @Override
          public String search(Search search) {
            return json.envelope(Wire.TYPE_SEARCH, recall.searchData(search), null);
          }

          @Override
          public String moderate(Moderate moderate) {
            return json.envelope(Wire.TYPE_MODERATE, moderate.act().wireName(), ModerationFrames.requestOptions(moderate));
          }

          @Override
          public String account(AccountRequest request) {
            return json.envelope(Wire.TYPE_ACCOUNT, accounts.requestData(request), null);
          }
        });
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String room(List<String> options) {
    return Options.value(options, Wire.OPTION_ROOM).orElse(null);
  }

  /** A line's room and id, those it has, or none: a base client's line carries neither. */
  private static List<String> lineOptions(String room, String clientId) {
    List<String> options = new ArrayList<>(2);
    if (room != null) {
      options.add(Options.of(Wire.OPTION_ROOM, room));
    }
    if (clientId != null) {
      options.add(Options.of(Wire.OPTION_ID, clientId));
    }
    return orNull(options);
  }
}
