package dev.termchat.server.room;

import java.util.List;

/**
 * Where the bans are kept beyond the log, which a store or Redis trims: loaded when the room is
 * made, before the log's replay (which, applying acts already kept, leaves them as they were),
 * and written as each ban or unban is applied. A server without a store keeps them in memory
 * alone ({@link #NONE}). Written by the room thread; an implementation that blocks does so
 * elsewhere.
 */
public interface BanBook extends AutoCloseable {
  BanBook NONE =
      new BanBook() {
        @Override
        public List<Row> load() {
          return List.of();
        }

        @Override
        public void put(Row row) {}

        @Override
        public void remove(String scope, String target) {}
      };

  /**
   * A ban as kept.
   *
   * @param scope {@code *} for the whole server, or the room's name key
   * @param target the name, address or range, as the ban shows it
   * @param until epoch milliseconds, 0 for no end
   */
  record Row(String scope, String target, String by, String reason, long until) {}

  /** The bans kept, those ended included; read once, at start. */
  List<Row> load();

  /** Keeps a ban, in place of one on the same target in the same scope. */
  void put(Row row);

  /** Lets go of the ban on the target in the scope, if there is one. */
  void remove(String scope, String target);

  /** Finishes the writes taken, after the room's last; nothing is written after. */
  @Override
  default void close() {}
}
