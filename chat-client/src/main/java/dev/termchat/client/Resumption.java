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
  /** How many answers to this connection's resumes have not come yet: one a room resumed. */
  private int awaitingAnswers;
  /** Missed messages still to come on this connection. */
  private int replayLeft;

  /**
   * The options of the register frame of a new connection: the token, and where to resume, when
   * the server takes them.
   */
  List<String> registerOptions(boolean serverResumes) {
    awaitingAnswers = 0;
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
      awaitingAnswers = 1;
    }
    return options;
  }

  /**
   * The register options of a new connection to a server with rooms, which resumes each room
   * after its own position ({@link ChatRooms}): the token alone, when the server takes it.
   *
   * @param roomResumes how many rooms the register resumes: as many answers follow
   */
  List<String> tokenOptions(boolean serverResumes, int roomResumes) {
    awaitingAnswers = serverResumes && historyKept ? roomResumes : 0;
    replayLeft = 0;
    return serverResumes && token != null ? List.of(Options.of(Wire.OPTION_TOKEN, token)) : List.of();
  }

  /** Whether the server of the last connection keeps history, and so can fill a gap. */
  boolean historyKept() {
    return historyKept;
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

  /**
   * A login or an account's register renewed the session's token: the one before resumes
   * nothing now, so a drop must come back with this one.
   */
  void renewed(String newToken) {
    token = newToken;
  }

  /** What this connection's server said it can do: whether it keeps history. */
  void welcomed(boolean keepsHistory) {
    historyKept = keepsHistory;
  }

  /** This connection's server does not resume; nothing missed will come. */
  void notResuming() {
    awaitingAnswers = 0;
    replayLeft = 0;
  }

  /**
   * The server refused a room the register listed, which will not answer its resume; the refusal
   * names no room (and one may refuse all the rooms past a limit), so no answer is waited for
   * any more: lines typed meanwhile go rather than wait for answers that may never come.
   */
  void roomRefused() {
    awaitingAnswers = 0;
  }

  /** The server's answer to a resume: so many missed messages follow. */
  void resumed(int count) {
    awaitingAnswers = Math.max(0, awaitingAnswers - 1);
    replayLeft += count;
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

  /** Whether answers to this connection's resumes have not all come yet. */
  boolean awaitingResumes() {
    return awaitingAnswers > 0;
  }

  /** Whether what was missed is still coming: lines typed meanwhile wait until it has. */
  boolean catchingUp() {
    return awaitingAnswers > 0 || replayLeft > 0;
  }
}
