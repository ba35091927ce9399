package dev.termchat.client;

import dev.termchat.protocol.Options;
import dev.termchat.protocol.Wire;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What it takes to pick a session up where a dropped connection left it: the server's resume
 * token, the id of the last message shown, and, on a connection that resumes, how much of what
 * was missed is still to come before lines typed meanwhile may go out. It also remembers the ids
 * of the latest messages shown, so that none is shown twice.
 *
 * <p>Not thread-safe: confined to the session thread.
 */
final class Resumption {
  /** Ids remembered to show no message twice: more than a resume or a history brings. */
  private static final int REMEMBERED_IDS = 1000;

  private String token;
  /**
   * Where to resume after: the id of the last message shown, or, before any, the position the
   * session joined at, so that a client that saw nothing before its connection dropped (it asked
   * for no history, or the room was quiet) still gets what was said while it was away.
   */
  private String lastSeenId;
  /** Whether the server of the last connection keeps history, and so can fill a gap. */
  private boolean historyKept;
  private final LinkedHashSet<String> shownIds = new LinkedHashSet<>();
  /** Whether this connection asked to resume and the answer has not come yet. */
  private boolean awaitingAnswer;
  /** Missed messages still to come on this connection. */
  private int replayLeft;

  /**
   * The options of the register frame of a new connection: the token, and where to resume, when
   * the server takes them.
   */
  List<String> registerOptions(boolean serverResumes) {
    awaitingAnswer = false;
    replayLeft = 0;
    List<String> options = new ArrayList<>();
    if (!serverResumes) {
      return options;
    }
    if (token != null) {
      options.add(Options.of(Wire.OPTION_TOKEN, token));
    }
    if (lastSeenId != null && historyKept) {
      options.add(Options.of(Wire.OPTION_RESUME, lastSeenId));
      awaitingAnswer = true;
    }
    return options;
  }

  /**
   * The server's register reply, which carries a new token at each join, and the position of the
   * join: the place to resume after until a message is shown. A later join's position is not: the
   * messages missed before it may not have come yet.
   */
  void registered(List<String> options) {
    Options.value(options, Wire.OPTION_TOKEN).ifPresent(value -> token = value);
    if (lastSeenId == null) {
      Options.value(options, Wire.OPTION_JOINED_AT).ifPresent(value -> lastSeenId = value);
    }
  }

  boolean hasToken() {
    return token != null;
  }

  /** What this connection's server said it can do: whether it keeps history. */
  void welcomed(boolean keepsHistory) {
    historyKept = keepsHistory;
  }

  /** This connection's server does not resume; nothing missed will come. */
  void notResuming() {
    awaitingAnswer = false;
    replayLeft = 0;
  }

  /** The server's answer to a resume: so many missed messages follow. */
  void resumed(int count) {
    awaitingAnswer = false;
    replayLeft = count;
  }

  /**
   * A message with a server id arrived; false when it was shown already and must not be again.
   * A missed message counts towards the end of the catching up.
   */
  boolean arrived(String id) {
    if (replayLeft > 0) {
      replayLeft--;
    }
    if (id == null) {
      return true;
    }
    lastSeenId = id;
    if (!shownIds.add(id)) {
      return false;
    }
    if (shownIds.size() > REMEMBERED_IDS) {
      Iterator<String> oldest = shownIds.iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  /** Whether what was missed is still coming: lines typed meanwhile wait until it has. */
  boolean catchingUp() {
    return awaitingAnswer || replayLeft > 0;
  }
}
