package dev.termchat.server.room;

import dev.termchat.protocol.Topic;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A room other than the default one: made when someone enters it, with its members in the order
 * they entered and its own history. Only rooms clients are ever in it. Confined to the room
 * thread.
 */
final class MadeRoom implements Room {
  private final String name;
  private final MessageHistory history;
  private final Set<Who> members = new LinkedHashSet<>();
  /** The members as a list, the same object until someone comes or goes; {@code null} when stale. */
  private List<Who> snapshot = List.of();
  /** {@code null} for none. */
  private Topic topic;
  /** The address range it counts in ({@link RoomMakers}); {@code null} for none. */
  private String madeFrom;

  /** @param name as whoever made it spelled it; the room is found by {@code RoomNames.keyOf} */
  MadeRoom(String name, int historySize, HistoryBudget budget) {
    this.name = name;
    this.history = new MessageHistory(historySize, name, budget);
  }

  void madeFrom(String range) {
    madeFrom = range;
  }

  String madeFrom() {
    return madeFrom;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isDefault() {
    return false;
  }

  @Override
  public MessageHistory history() {
    return history;
  }

  @Override
  public boolean contains(Who who) {
    return members.contains(who);
  }

  /** @return whether it was not in the room before */
  boolean enter(Who who) {
    boolean added = members.add(who);
    if (added) {
      snapshot = null;
    }
    return added;
  }

  /** @return whether it was in the room */
  boolean exit(Who who) {
    boolean removed = members.remove(who);
    if (removed) {
      snapshot = null;
    }
    return removed;
  }

  @Override
  public List<Who> members() {
    if (snapshot == null) {
      snapshot = List.copyOf(members);
    }
    return snapshot;
  }

  boolean empty() {
    return members.isEmpty();
  }

  @Override
  public Topic topic() {
    return topic;
  }

  @Override
  public void topic(Topic topic) {
    this.topic = topic;
  }
}
