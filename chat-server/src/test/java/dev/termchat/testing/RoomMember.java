package dev.termchat.testing;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.SetTopic;
import dev.termchat.protocol.Topic;
import dev.termchat.protocol.Welcome;
import java.util.List;

/** A rooms client of a test's, over a real socket: it says lines in rooms and waits for those of a room. */
public final class RoomMember {
  private final WebSocketRecorder client;
  private int nextId = 1;

  private RoomMember(WebSocketRecorder client) {
    this.client = client;
  }

  /** Connects, and registers as this name in these rooms ("#general,#dev"). */
  public static RoomMember join(ChatFixture chat, String name, String rooms) throws InterruptedException {
    WebSocketRecorder client = chat.connectExtended();
    client.nextFrame(Welcome.class);
    client.send(new Register(name, List.of("rooms=" + rooms)));
    client.nextFrame(Register.class);
    return new RoomMember(client);
  }

  public WebSocketRecorder client() {
    return client;
  }

  /** Says a line in a room and waits for its echo, so that it is in the room's log. */
  public void say(String room, String text) throws InterruptedException {
    String id = "t" + nextId++;
    client.send(new SendMessage(text, id, room));
    ChatMessage echo = nextMessageIn(room);
    while (!id.equals(echo.clientId())) {
      echo = nextMessageIn(room);
    }
  }

  /** The next frame of this type about this room, skipping others. */
  public <T extends ServerFrame> T next(String room, Class<T> type) throws InterruptedException {
    while (true) {
      ServerFrame frame = client.nextServerFrame();
      if (frame instanceof InRoom inRoom && inRoom.room().equals(room) && type.isInstance(inRoom.frame())) {
        return type.cast(inRoom.frame());
      }
    }
  }

  /** Sets a room's topic and waits for the room to tell it. */
  public void setTopic(String room, String topic) throws InterruptedException {
    client.send(new SetTopic(room, topic));
    while (!topic.equals(nextTopic(room).topic())) {
      // An earlier topic of the room.
    }
  }

  /** The next topic a room is told, skipping other frames. */
  public Topic nextTopic(String room) throws InterruptedException {
    while (true) {
      if (client.nextServerFrame() instanceof Topic topic && topic.room().equals(room)) {
        return topic;
      }
    }
  }

  /** Waits for a room to tell this presence (who joined or left), skipping others. */
  public void awaitPresence(String room, Presence presence) throws InterruptedException {
    while (!presence.equals(next(room, Presence.class))) {
      // Someone else's arrival or leaving.
    }
  }

  /** The next line said in a room by this name, skipping others. */
  public ChatMessage nextFrom(String room, String name) throws InterruptedException {
    ChatMessage message = nextMessageIn(room);
    while (!message.from().equals(name)) {
      message = nextMessageIn(room);
    }
    return message;
  }

  private ChatMessage nextMessageIn(String room) throws InterruptedException {
    return next(room, ChatMessage.class);
  }
}
