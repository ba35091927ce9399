package dev.termchat.server.room;

import dev.termchat.protocol.Topic;
import java.util.List;

/**
 * A room as the rules see it: the default one ({@link DefaultRoom}), where every client but the
 * rooms clients outside it is, or one made by joining it ({@link MadeRoom}). Confined to the room
 * thread.
 */
interface Room {
  /** Its name as shown: the default room's, or as whoever made it spelled it. */
  String name();

  boolean isDefault();

  /** Its members, in the order they came; the same list object until someone comes or goes. */
  List<Who> members();

  boolean contains(Who who);

  MessageHistory history();

  /** Its topic, or {@code null} for none. */
  Topic topic();

  void topic(Topic topic);
}
