package dev.termchat.server.room;

/**
 * Whether a name is an account's: the seam between moderation and accounts. A role held under
 * an account's name is the account's and is kept; one held under any other name lasts only while
 * that connection is in the room, as IRC channel operators without services. Until accounts are
 * part of the server, no name is an account's.
 */
@FunctionalInterface
public interface AccountNames {
  AccountNames NONE = nameKey -> false;

  /** @param nameKey the name's {@link dev.termchat.protocol.NameKeys#keyOf key} */
  boolean isAccount(String nameKey);
}
