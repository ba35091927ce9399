package dev.termchat.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Extension only, capability {@value Wire#CAPABILITY_ROOMS}: the answer to {@link ListRooms},
 * the rooms with the most members first,
 * {@code {"messageType":"list","data":"{\"count\":1,\"rooms\":[{\"room\":\"#dev\",\"members\":3,\"topic\":\"release\"}]}"}}.
 *
 * @param rooms the rooms listed, at most as many as fit in one frame
 * @param count how many rooms there are in all, listed or not
 */
public record RoomList(List<Listed> rooms, int count) implements ServerFrame {
  public RoomList {
    rooms = List.copyOf(rooms);
  }

  /** One room of the list; {@code topic} empty for none. */
  public record Listed(String room, int members, String topic) {
    public Listed {
      Objects.requireNonNull(room, "room");
      Objects.requireNonNull(topic, "topic");
    }
  }

  @Override
  public String messageType() {
    return Wire.TYPE_LIST;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.roomList(this);
  }
}
