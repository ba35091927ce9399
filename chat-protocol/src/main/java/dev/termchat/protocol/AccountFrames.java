package dev.termchat.protocol;

import static dev.termchat.protocol.FrameFields.optionalString;
import static dev.termchat.protocol.FrameFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The data of account frames, both ways: a JSON object carried as a string in {@code data}, as
 * scrollback's is. A password is bounded here, before anything hashes it.
 */
final class AccountFrames {
  private static final Set<String> OPS = Set.of(AccountRequest.LOGIN, AccountRequest.REGISTER, AccountRequest.PASSWORD, AccountRequest.ACCESS);

  private final FrameJson json;

  AccountFrames(FrameJson json) {
    this.json = json;
  }

  AccountRequest request(String data) throws ProtocolException {
    JsonNode asked = object(data);
    String op = requiredString(asked, Wire.FIELD_OP);
    if (!OPS.contains(op)) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "an account's \"op\" is login, register, password or access");
    }
    String name = optionalString(asked, Wire.FIELD_NAME);
    if (op.equals(AccountRequest.LOGIN) && name == null) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "a login needs a \"name\"");
    }
    String newPassword = optionalString(asked, Wire.FIELD_NEW);
    if (op.equals(AccountRequest.PASSWORD) && newPassword == null) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "a change of password needs the \"new\" one");
    }
    String password = bounded(requiredString(asked, Wire.FIELD_PASSWORD));
    return new AccountRequest(op, name, password, newPassword == null ? null : bounded(newPassword));
  }

  String requestData(AccountRequest request) {
    return json.write(
        generator -> {
          generator.writeStartObject();
          generator.writeStringField(Wire.FIELD_OP, request.op());
          if (request.name() != null) {
            generator.writeStringField(Wire.FIELD_NAME, request.name());
          }
          generator.writeStringField(Wire.FIELD_PASSWORD, request.password());
          if (request.newPassword() != null) {
            generator.writeStringField(Wire.FIELD_NEW, request.newPassword());
          }
          generator.writeEndObject();
        });
  }

  AccountReply reply(String data) throws ProtocolException {
    JsonNode answer = object(data);
    return new AccountReply(
        requiredString(answer, Wire.FIELD_OP), optionalString(answer, Wire.FIELD_NAME), optionalString(answer, Wire.FIELD_TOKEN));
  }

  String replyData(AccountReply reply) {
    return json.write(
        generator -> {
          generator.writeStartObject();
          generator.writeStringField(Wire.FIELD_OP, reply.op());
          if (reply.name() != null) {
            generator.writeStringField(Wire.FIELD_NAME, reply.name());
          }
          if (reply.token() != null) {
            generator.writeStringField(Wire.FIELD_TOKEN, reply.token());
          }
          generator.writeEndObject();
        });
  }

  private static String bounded(String password) throws ProtocolException {
    if (password.length() > Wire.MAX_PASSWORD_CHARS) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "a password is at most " + Wire.MAX_PASSWORD_CHARS + " characters");
    }
    return password;
  }

  private JsonNode object(String data) throws ProtocolException {
    JsonNode node = json.read(data);
    if (!node.isObject()) {
      throw new ProtocolException(ErrorCode.INVALID_FRAME, "the data of an account frame is a JSON object");
    }
    return node;
  }
}
