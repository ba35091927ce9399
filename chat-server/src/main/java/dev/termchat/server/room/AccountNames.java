package dev.termchat.server.room;

import dev.termchat.protocol.NameKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names registered as accounts, each reserved for whoever is logged in to it, compared as
 * names are ({@link NameKeys}: case and look-alikes aside); and which connection is logged in to
 * which account. What the room applies of the log decides both, so every node holds the same.
 * Thread-safe: the room writes, any thread may read.
 */
final class AccountNames {
  /** The keys of the accounts' names, each to the name as registered. Guarded by {@code this}. */
  private final Map<String, String> keys = new HashMap<>();
  /** Their shapes, which catch a look-alike that only case makes, each to its name. Guarded by {@code this}. */
  private final Map<String, String> shapes = new HashMap<>();
  /** The account (its key) each connection is logged in to. Guarded by {@code this}. */
  private final Map<Who, String> logins = new HashMap<>();
  /** Where private messages to an account's owner who is offline go; set before the room starts. */
  private volatile OfflineMail mail = OfflineMail.NONE;

  void mail(OfflineMail mail) {
    this.mail = mail;
  }

  OfflineMail mail() {
    return mail;
  }

  /** Whether a private message to this name, with no one online under it, is kept for its account. */
  boolean keepsFor(String name) {
    return mail.keeps() && reserved(name);
  }

  /** The account's name is reserved from now on. */
  synchronized void reserve(String name) {
    keys.put(NameKeys.keyOf(name), name);
    shapes.put(NameKeys.shapeOf(name), name);
  }

  /**
   * A name reserved before the start, whose register the log replays: reserved again when that
   * entry is applied, and not before.
   */
  synchronized void registeredLater(String name) {
    keys.remove(NameKeys.keyOf(name));
    shapes.remove(NameKeys.shapeOf(name));
  }

  /** Whether the name is an account's, or looks like one. */
  synchronized boolean reserved(String name) {
    return accountNamed(name) != null;
  }

  /**
   * The name, as its account registered it, that this name is or looks like; {@code null} when
   * it is no account's. What a client is told, never the look-alike it asked for.
   */
  synchronized String accountNamed(String name) {
    String key = NameKeys.keyOf(name);
    String shape = NameKeys.shapeOf(name);
    for (String found : new String[] {keys.get(key), keys.get(shape), shapes.get(key), shapes.get(shape)}) {
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Whether the name is an account's other than the one given ({@code null}: none). */
  boolean reservedAgainst(String name, String account) {
    return reserved(name) && (account == null || !account.equals(NameKeys.keyOf(name)));
  }

  /** The connection is logged in to the account of this name. */
  synchronized void loggedIn(Who who, String name) {
    logins.put(who, NameKeys.keyOf(name));
  }

  /** The connection is gone, or logged out. */
  synchronized void loggedOut(Who who) {
    logins.remove(who);
  }

  /**
   * Whether the name key is an account's: a role held under it is the account's, and kept
   * (Roles); one held under any other name lasts only while its holder is in the room.
   */
  synchronized boolean isAccount(String nameKey) {
    return keys.containsKey(nameKey);
  }

  /** The connections logged in to the account, in one order on every node. */
  synchronized List<Who> loggedInTo(String key) {
    List<Who> found = new ArrayList<>();
    logins.forEach((who, account) -> {
      if (account.equals(key)) {
        found.add(who);
      }
    });
    found.sort(Comparator.comparing(Who::node).thenComparingLong(Who::connection));
    return found;
  }

  /** The key of the account the connection is logged in to, or {@code null}. */
  synchronized String of(Who who) {
    return logins.get(who);
  }
}
