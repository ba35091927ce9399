package dev.termchat.server.room;

import dev.termchat.protocol.PrivateChat;

/**
 * Where private messages to a registered user who is offline are kept, and from where they are
 * delivered at the user's next login. The room decides in the log's order that a message is
 * kept, so every node agrees; the sender's node alone keeps it, the recipient's node alone
 * delivers it. Called on the room thread: implementations hand the work to a thread of their own.
 */
public interface OfflineMail {
  /** Keeps nothing: private messages to someone offline are refused, as before accounts. */
  OfflineMail NONE = new OfflineMail() {
    @Override
    public boolean keeps() {
      return false;
    }

    @Override
    public void keep(String account, PrivateChat message, Who sender, PrivateChat echo) {}

    @Override
    public void deliver(String account, Who who) {}

    @Override
    public void deliverThen(String account, Who who, Runnable then) {
      then.run();
    }
  };

  /** Whether messages are kept at all. */
  boolean keeps();

  /**
   * Keeps the message for the account (its name's key), in the order given, and then echoes it
   * to its sender, a connection of this node: an echo means it is kept. One that cannot be kept
   * is refused instead.
   */
  void keep(String account, PrivateChat message, Who sender, PrivateChat echo);

  /** The account's owner is on line as {@code who}, on this node: what was kept goes to it, in order, once. */
  void deliver(String account, Who who);

  /**
   * As {@link #deliver}, for a login not applied yet: what was kept goes to {@code who} first,
   * and only then does {@code then} run (it appends the login, whose answer follows them on the
   * connection), so a client that waits for its login's answer has them all by then. {@code then}
   * runs also when nothing could be taken; on a thread of the implementation's.
   */
  void deliverThen(String account, Who who, Runnable then);
}
