package dev.termchat.server.room;

import dev.termchat.protocol.Register;

/**
 * What a rooms client asks of rooms: to enter one (made if no one is in it), to leave one, to
 * set a topic, to be told which rooms there are. Each request becomes an event for the log, or a
 * refusal decided on this node before the log sees it (a name that is no room's). Any thread.
 */
public final class RoomDoor {
  private final RoomAccess room;
  private final int maxRoomsPerConnection;

  RoomDoor(RoomAccess room, int maxRoomsPerConnection) {
    this.room = room;
    this.maxRoomsPerConnection = maxRoomsPerConnection;
  }

  /** The most rooms one connection may be in, the default one included. */
  public int maxRoomsPerConnection() {
    return maxRoomsPerConnection;
  }

  /**
   * A rooms client asks to enter a room.
   *
   * @param history how many of its latest messages to be sent, from the join frame
   */
  public void enter(Member member, String name, int history) {
    if (!room.draining()) {
      int count = Math.max(0, Math.min(RoomSettings.JOIN_HISTORY, history));
      request(member, RoomRequests.enter(member.who(), name, count, null, false));
    }
  }

  /** A rooms client asks to leave a room. */
  public void part(Member member, String name) {
    if (!room.draining()) {
      request(member, RoomRequests.exit(member.who(), name));
    }
  }

  /** A rooms client sets the topic of a room it is in; empty clears it. */
  public void topic(Member member, String name, String topic) {
    if (!room.draining()) {
      request(member, RoomRequests.topic(member.who(), name, topic));
    }
  }

  /** A rooms client asks which rooms there are: answered on this node, in the order of its frames. */
  public void list(Member member) {
    room.reply(member, new RoomEvent.ListRooms(member.who()));
  }

  /** The rooms a register lists ({@code rooms=}), entered right behind its join in the log. */
  void enterAll(Member member, Register register, int history) {
    RoomRequests.enterAll(member.who(), register, history, maxRoomsPerConnection).forEach(request -> request(member, request));
  }

  private void request(Member member, RoomRequests.Request request) {
    if (request.event() != null) {
      room.append(request.event());
    } else {
      room.reject(member, request.refusal().code(), request.refusal().reason(), null);
    }
  }
}
