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

  ClientFrames(FrameJson json) {
    this.json = json;
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

  String encode(ClientFrame frame) {
    return frame.accept(
        new ClientFrame.Visitor<String>() {
          @Override
          public String register(Register register) {
            return json.envelope(Wire.TYPE_REGISTER, register.name(), orNull(register.options()));
          }

          @Override
          public String message(SendMessage message) {
            return json.envelope(Wire.TYPE_MESSAGE, message.text(), idOption(message.clientId()));
          }

          @Override
          public String action(SendAction action) {
            return json.envelope(Wire.TYPE_ACTION, action.text(), idOption(action.clientId()));
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
        });
  }

  private static List<String> idOption(String clientId) {
    return clientId == null ? null : List.of(Options.of(Wire.OPTION_ID, clientId));
  }
}
