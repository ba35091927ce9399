package dev.termchat.server.account;

import dev.termchat.protocol.PrivateChat;
import java.util.List;
import java.util.Optional;

/**
 * Where accounts are kept: in memory ({@link MemoryAccounts}, for {@code --data none}), in the
 * store's SQLite file, or in a cluster's Redis. Accounts are keyed by their name's key ({@code
 * NameKeys.keyOf}), so that look-alike names are one account. Creating one is atomic: of two
 * asking for one key at once, one wins, whichever node each is on. Called off the room's and the
 * I/O threads; may block on its disk or network.
 *
 * @see AccountStoreException for a store that cannot answer now
 */
public interface AccountStore extends AutoCloseable {
  /** An account as kept: its name as registered, and its password's hash (a PHC string). */
  record Stored(String name, String hash) {}

  Optional<Stored> find(String key);

  /** Makes the account, unless one with this key exists; true when this call made it. */
  boolean create(String key, String name, String hash);

  /** The account's new password hash. */
  void changeHash(String key, String hash);

  /** Every account's name, as registered: the names reserved when a server starts. */
  List<String> names();

  /**
   * Keeps a private message for the account's owner, who is offline, after those kept before;
   * past {@code perSender} from its sender (by name) for the account, that sender's oldest go, so
   * that no one sender pushes the others' out; then past {@code max} for the account, the oldest go.
   */
  void keep(String key, PrivateChat message, int max, int perSender);

  /** Takes every message kept for the account, oldest first, and forgets them: each is taken once. */
  List<PrivateChat> take(String key);

  @Override
  void close();
}
