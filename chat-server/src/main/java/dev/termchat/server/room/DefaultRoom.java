package dev.termchat.server.room;

import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.Topic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The default room, {@code #general}: everyone registered but the rooms clients that are not in
 * it. Base, plain and extended clients are in it and in no other room, so its members are the
 * registry's, in join order, less those outside; while no rooms client stays out, the very list
 * the registry keeps, the same object until someone comes or goes, so that a broadcast to an
 * unchanged room looks up no one ({@link Delivery}). Confined to the room thread.
 */
final class DefaultRoom implements Room {
  private final UserRegistry registry;
  private final MessageHistory history;
  /** Registered rooms clients that are not in the room. */
  private final Set<Who> outside = new HashSet<>();
  /** The registry's lists the filtered ones were made from. */
  private List<Who> fromMembers;
  private List<String> fromNames;
  private List<Who> members = List.of();
  private List<String> names = List.of();
  /** {@code null} for none. */
  private Topic topic;

  DefaultRoom(UserRegistry registry, MessageHistory history) {
    this.registry = registry;
    this.history = history;
  }

  @Override
  public String name() {
    return RoomNames.DEFAULT_ROOM;
  }

  @Override
  public boolean isDefault() {
    return true;
  }

  @Override
  public MessageHistory history() {
    return history;
  }

  /** Its members, in join order (a rename counts as a new join). */
  @Override
  public List<Who> members() {
    refresh();
    return members;
  }

  /** Its members' names, in the order of {@link #members}. */
  List<String> names() {
    refresh();
    return names;
  }

  /**
   * How many are in it, without the lists of them: those are made anew after each join, and a
   * room of 100,000 asked for them at each newcomer's list would spend its time making them.
   */
  int size() {
    return registry.count() - outside.size();
  }

  /** Whether someone in it goes by this name. */
  boolean hasName(String name) {
    return registry.whoIs(name).filter(who -> !outside.contains(who)).isPresent();
  }

  @Override
  public boolean contains(Who who) {
    return !outside.contains(who) && registry.entryOf(who) != null;
  }

  /** A registered rooms client is not, or no longer, in the room. */
  void keepOut(Who who) {
    if (outside.add(who)) {
      fromMembers = null;
    }
  }

  /** A rooms client is in the room from now on; or a client that left is forgotten. */
  void letIn(Who who) {
    if (outside.remove(who)) {
      fromMembers = null;
    }
  }

  private void refresh() {
    List<Who> all = registry.members();
    List<String> allNames = registry.names();
    if (all == fromMembers && allNames == fromNames) {
      return;
    }
    fromMembers = all;
    fromNames = allNames;
    if (outside.isEmpty()) {
      members = all;
      names = allNames;
      return;
    }
    List<Who> in = new ArrayList<>(all.size());
    List<String> inNames = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      if (!outside.contains(all.get(i))) {
        in.add(all.get(i));
        inNames.add(allNames.get(i));
      }
    }
    members = List.copyOf(in);
    names = List.copyOf(inNames);
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
