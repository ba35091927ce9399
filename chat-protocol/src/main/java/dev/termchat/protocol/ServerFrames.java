package dev.termchat.protocol;

import static dev.termchat.protocol.FrameFields.optionalString;
import static dev.termchat.protocol.FrameFields.orNull;
import static dev.termchat.protocol.FrameFields.quoted;
import static dev.termchat.protocol.FrameFields.requiredString;
import static dev.termchat.protocol.FrameFields.stringArray;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames from the server to a client, both ways: what the server writes, the same bytes every
 * time (fields in a fixed order, absent ones left out), and what the client reads.
 */
final class ServerFrames {
  private final FrameJson json;
  private final RoomFrames rooms;
  private final RecallFrames recall;
  private final ModerationFrames moderationFrames;
  private final ModerationAnswers moderationAnswers;
  private final AccountFrames accounts;

  ServerFrames(FrameJson json) {
    this.json = json;
    this.rooms = new RoomFrames(json);
    this.recall = new RecallFrames(json);
    this.moderationFrames = new ModerationFrames(json);
    this.moderationAnswers = new ModerationAnswers(json);
    this.accounts = new AccountFrames(json);
  }

  String encode(ServerFrame frame) {
    return frame.accept(new Encoder(null));
  }

  /** Writes a frame; for a rooms client, with the room it is of where the frame has room for it. */
  private final class Encoder implements ServerFrame.Visitor<String> {
    private final String room;

    Encoder(String room) {
      this.room = room;
    }

    @Override
    public String register(Register register) {
      return json.envelope(Wire.TYPE_REGISTER, register.name(), orNull(register.options()));
    }

    @Override
    public String users(Users users) {
      return json.envelope(Wire.TYPE_USERS, room, users.names());
    }

    @Override
    public String message(ChatMessage message) {
      return json.envelope(message.messageType(), messageData(message, false, room), null);
    }

    @Override
    public String welcome(Welcome welcome) {
      return json.envelope(Wire.TYPE_WELCOME, welcome.protocol(), welcome.capabilities());
    }

    @Override
    public String error(ErrorReply error) {
      return json.envelope(Wire.TYPE_ERROR, errorData(error), null);
    }

    @Override
    public String presence(Presence presence) {
      return json.envelope(presence.messageType(), room, presence.names());
    }

    @Override
    public String renamed(Renamed renamed) {
      return json.envelope(Wire.TYPE_RENAMED, room, List.of(renamed.from(), renamed.to()));
    }

    @Override
    public String privateChat(PrivateChat message) {
      return json.envelope(Wire.TYPE_PRIVATE, privateData(message), null);
    }

    @Override
    public String history(History history) {
      return json.envelope(Wire.TYPE_HISTORY, messageData(history.entry(), true, room), null);
    }

    @Override
    public String resumed(Resumed resumed) {
      List<String> options = new ArrayList<>(List.of(Options.of(Wire.OPTION_COUNT, resumed.count())));
      if (room != null) {
        options.add(Options.of(Wire.OPTION_ROOM, room));
      }
      return json.envelope(Wire.TYPE_RESUMED, resumed.complete() ? Resumed.COMPLETE : Resumed.GAP, options);
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
    public String roomList(RoomList list) {
      return json.envelope(Wire.TYPE_LIST, rooms.listData(list), null);
    }

    @Override
    public String topic(Topic topic) {
      return json.envelope(Wire.TYPE_TOPIC, rooms.topicData(topic), null);
    }

    @Override
    public String inRoom(InRoom frame) {
      return frame.frame().accept(new Encoder(frame.room()));
    }

    @Override
    public String scrollbackPage(ScrollbackPage page) {
      return json.envelope(Wire.TYPE_SCROLLBACK, recall.pageData(page), null);
    }

    @Override
    public String searchHits(SearchHits hits) {
      return json.envelope(Wire.TYPE_SEARCH, recall.hitsData(hits), null);
    }

    @Override
    public String moderation(Moderation moderation) {
      return json.envelope(Wire.TYPE_MODERATION, moderationFrames.noticeData(moderation), null);
    }

    @Override
    public String account(AccountReply reply) {
      return json.envelope(Wire.TYPE_ACCOUNT, accounts.replyData(reply), null);
    }

    @Override
    public String banList(BanList list) {
      return json.envelope(Wire.TYPE_BANLIST, moderationAnswers.banListData(list), null);
    }

    @Override
    public String whois(Whois whois) {
      return json.envelope(Wire.TYPE_WHOIS, moderationAnswers.whoisData(whois), null);
    }
  }

  /** What a server sent; a type this client does not know is a {@link ProtocolException} too. */
  ServerFrame decode(String text) throws ProtocolException {
    JsonNode frame = json.read(text);
    String type = requiredString(frame, Wire.FIELD_MESSAGE_TYPE);
    switch (type) {
      case Wire.TYPE_REGISTER:
        return new Register(optionalString(frame, Wire.FIELD_DATA), stringArray(frame, Wire.FIELD_DATA_ARRAY));
      case Wire.TYPE_USERS:
        return inRoom(optionalString(frame, Wire.FIELD_DATA), new Users(stringArray(frame, Wire.FIELD_DATA_ARRAY)));
      case Wire.TYPE_MESSAGE:
      case Wire.TYPE_ACTION:
        JsonNode message = json.read(requiredString(frame, Wire.FIELD_DATA));
        return inRoom(optionalString(message, Wire.FIELD_ROOM), chatMessage(Wire.TYPE_ACTION.equals(type), message));
      case Wire.TYPE_HISTORY:
        JsonNode entry = json.read(requiredString(frame, Wire.FIELD_DATA));
        boolean action = Wire.TYPE_ACTION.equals(optionalString(entry, Wire.FIELD_KIND));
        return inRoom(optionalString(entry, Wire.FIELD_ROOM), new History(chatMessage(action, entry)));
      case Wire.TYPE_PRIVATE:
        JsonNode whisper = json.read(requiredString(frame, Wire.FIELD_DATA));
        return new PrivateChat(
            requiredString(whisper, Wire.FIELD_FROM),
            requiredString(whisper, Wire.FIELD_TO),
            requiredString(whisper, Wire.FIELD_MESSAGE),
            whisper.path(Wire.FIELD_TIME).asLong(0),
            optionalString(whisper, Wire.FIELD_ID),
            optionalString(whisper, Wire.FIELD_CLIENT_ID),
            whisper.path(Wire.FIELD_KEPT).asBoolean(false));
      case Wire.TYPE_RESUMED:
        List<String> options = stringArray(frame, Wire.FIELD_DATA_ARRAY);
        Resumed resumed = new Resumed(
            Resumed.COMPLETE.equals(requiredString(frame, Wire.FIELD_DATA)),
            Options.number(options, Wire.OPTION_COUNT).orElse(0));
        return inRoom(Options.value(options, Wire.OPTION_ROOM).orElse(null), resumed);
      case Wire.TYPE_RENAMED:
        List<String> names = stringArray(frame, Wire.FIELD_DATA_ARRAY);
        if (names.size() != 2) {
          throw new ProtocolException(ErrorCode.INVALID_FRAME, "renamed names the old name and the new");
        }
        return inRoom(optionalString(frame, Wire.FIELD_DATA), new Renamed(names.get(0), names.get(1)));
      case Wire.TYPE_WELCOME:
        return new Welcome(
            requiredString(frame, Wire.FIELD_DATA), stringArray(frame, Wire.FIELD_DATA_ARRAY));
      case Wire.TYPE_JOINED:
        return inRoom(optionalString(frame, Wire.FIELD_DATA), Presence.joined(stringArray(frame, Wire.FIELD_DATA_ARRAY)));
      case Wire.TYPE_LEFT:
        return inRoom(optionalString(frame, Wire.FIELD_DATA), Presence.left(stringArray(frame, Wire.FIELD_DATA_ARRAY)));
      case Wire.TYPE_JOIN:
        return new Join(requiredString(frame, Wire.FIELD_DATA), stringArray(frame, Wire.FIELD_DATA_ARRAY));
      case Wire.TYPE_PART:
        return new Part(requiredString(frame, Wire.FIELD_DATA));
      case Wire.TYPE_LIST:
        return rooms.list(requiredString(frame, Wire.FIELD_DATA));
      case Wire.TYPE_TOPIC:
        return rooms.topic(requiredString(frame, Wire.FIELD_DATA));
      case Wire.TYPE_SCROLLBACK:
        return recall.page(requiredString(frame, Wire.FIELD_DATA));
      case Wire.TYPE_SEARCH:
        return recall.hits(requiredString(frame, Wire.FIELD_DATA));
      case Wire.TYPE_MODERATION:
        return moderationFrames.notice(requiredString(frame, Wire.FIELD_DATA));
      case Wire.TYPE_ACCOUNT:
        return accounts.reply(requiredString(frame, Wire.FIELD_DATA));
      case Wire.TYPE_BANLIST:
        return moderationAnswers.banList(requiredString(frame, Wire.FIELD_DATA));
      case Wire.TYPE_WHOIS:
        return moderationAnswers.whois(requiredString(frame, Wire.FIELD_DATA));
      case Wire.TYPE_ERROR:
        JsonNode error = json.read(requiredString(frame, Wire.FIELD_DATA));
        return new ErrorReply(
            requiredString(error, Wire.FIELD_CODE),
            requiredString(error, Wire.FIELD_REASON),
            optionalString(error, Wire.FIELD_CLIENT_ID));
      default:
        throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown messageType " + quoted(type));
    }
  }

  /** The frame as a rooms client gets it when it names a room, else as it is. */
  private static ServerFrame inRoom(String room, ServerFrame frame) {
    return room == null ? frame : new InRoom(room, frame);
  }

  static ChatMessage chatMessage(boolean action, JsonNode message) throws ProtocolException {
    return new ChatMessage(
        action,
        requiredString(message, Wire.FIELD_FROM),
        requiredString(message, Wire.FIELD_MESSAGE),
        message.path(Wire.FIELD_TIME).asLong(0),
        optionalString(message, Wire.FIELD_ADDRESS),
        optionalString(message, Wire.FIELD_ID),
        optionalString(message, Wire.FIELD_CLIENT_ID));
  }

  /** A message's fields, for a history entry its kind, for a rooms client its room, as the JSON object data carries. */
  private String messageData(ChatMessage message, boolean withKind, String room) {
    return json.write(generator -> writeMessage(generator, message, withKind, room));
  }

  /** A message as one JSON object: in a frame's data, or in a scrollback page. */
  static void writeMessage(JsonGenerator generator, ChatMessage message, boolean withKind, String room) throws IOException {
    generator.writeStartObject();
    if (withKind && message.action()) {
      generator.writeStringField(Wire.FIELD_KIND, Wire.TYPE_ACTION);
    }
    if (room != null) {
      generator.writeStringField(Wire.FIELD_ROOM, room);
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
  }

  private String privateData(PrivateChat message) {
    return json.write(
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
          if (message.kept()) {
            generator.writeBooleanField(Wire.FIELD_KEPT, true);
          }
          generator.writeEndObject();
        });
  }

  private String errorData(ErrorReply error) {
    return json.write(
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
}
