// What the page says of its own session, in the first person and in the order the terminal client
// says it: its join or return first (at the register reply), then what it caught up.

/**
 * Said with a return when the server answered the resume token with invalid-token: it no longer
 * knew the session (it expired, or the server restarted without keeping it), so this is a new
 * one. Which of the two is told by the answer to the resume that follows (see expired).
 */
const NEW_SESSION = ' (a new session: the server no longer knew the old one)';

/**
 * Said once after a new session, when the answer to its resume shows the server's log still
 * reaching back: no restart lost the session, it was held only so long after the drop.
 */
export const EXPIRED = 'your session had expired: you were away longer than the server holds one for';

/**
 * This page's own join, the first one or a return after its connection dropped.
 * @param askedFor the name registered for: the one typed ('' for a guest name), or the one held
 * @param newSession whether the server did not know the session the page came back to
 * @param registered whether the name asked for is an account's, which is why another was given:
 *     the account's own notice says so
 */
export function ownJoin(name, askedFor, returning, newSession, registered) {
  const why = registered ? '' : taken(askedFor, name);
  if (!returning) {
    const guest = askedFor === '' ? ', a guest name; /nick NAME picks another' : '';
    return 'you joined as ' + name + guest + why;
  }
  return 'reconnected as ' + name + (newSession ? NEW_SESSION : '') + why;
}

/** This page's own rename, to the name asked for by /nick or another. */
export function ownRename(asked, given) {
  return 'you are now known as ' + given + taken(asked, given);
}

/** The answer to a /nick that left the name as it was: its free variant is the one it has. */
export function sameName(asked, name) {
  return asked === name ? 'you are already ' + name : 'you are still ' + name + taken(asked, name);
}

/** Why the name given is not the one asked for, when it is not. */
function taken(asked, given) {
  const key = (name) => name.trim().replace(/\s+/g, ' ').toLowerCase();
  return asked && key(asked) !== key(given) ? ' (' + asked + ' is taken, or too like a name in use)' : '';
}

/**
 * What the answer to a resume says, as the terminal client says it: whole or not, and how many
 * follow. A gap with none to follow is a position the server cannot place (PROTOCOL.md's resume
 * section): its log started again, as at the restart of a server that keeps it in memory, and
 * the latest of what it has follows as history.
 */
export function caughtUp(complete, options) {
  const count = countOf(options);
  if (!complete) {
    return count > 0
      ? 'some messages said while you were away could not be recovered; the latest ' + count + ' follow'
      : "the server's log started again: what was said before the restart is not there";
  }
  if (count === 0) {
    return 'caught up: you missed nothing';
  }
  return 'caught up: ' + count + (count === 1 ? ' message' : ' messages') + ' you missed';
}

/** Whether the answer to a resume says the server's log started again: a gap with none to follow. */
export function logStartedAgain(complete, options) {
  return !complete && countOf(options) === 0;
}

function countOf(options) {
  const option = options.find((each) => each.startsWith('count='));
  return option ? Number(option.substring('count='.length)) : 0;
}
