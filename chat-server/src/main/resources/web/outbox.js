// The person's lines on their way to the server, in the order typed.

/** How long a line the server could not take just now waits before it is sent again. */
export const RETRY_MS = 2000;
/** How many settled ids are remembered, to know an echo that comes twice. */
const REMEMBERED = 256;

/**
 * One queue for everything typed that the server must take: lines (messages, actions, private
 * messages) under ids of their own, and renames. Only its oldest entry is ever on its way, and
 * the next goes once the server has answered it: said (its echo), refused for good (an error),
 * or refused for now (unavailable, rate-limited), when the same entry goes again after RETRY_MS
 * and nothing newer goes before it. So lines are said in the order typed, through outages and
 * reconnections alike; a line sent again under its id is said once.
 */
export class Outbox {
  /**
   * @param transmit sends a frame {type, data, options} if a connection is open; true if it did
   * @param onHold told true when the oldest entry waits to be sent again, false once the server
   *     took or refused one again
   */
  constructor(transmit, onHold) {
    this.transmit = transmit;
    this.onHold = onHold;
    /** Entries {cid, frame, item} (lines) or {nick, frame} (renames), oldest first. */
    this.queue = [];
    /** Whether the oldest entry was sent on the current connection and is not answered yet. */
    this.sent = false;
    this.retryTimer = null;
    /** Whether an entry was refused for now and has not been taken since. */
    this.holding = false;
    /** Ids of lines said -> the server's id for them, the latest REMEMBERED. */
    this.said = new Map();
  }

  add(entry) {
    this.queue.push(entry);
    this.pump();
  }

  /** A connection registered as this name: the oldest entry goes (again). */
  open(name) {
    this.sent = false;
    const head = this.queue[0];
    if (head && head.nick === name) {
      this.settle(0); // The rename was done before the connection dropped.
      return;
    }
    this.pump();
  }

  /** The connection is gone; whether the oldest entry was taken is learned when it goes again. */
  closed() {
    this.sent = false;
  }

  /**
   * Whether a line of this page's, echoed, is the echo of one already said: sent again after a
   * reconnect, or said again as the server replays what the page missed.
   */
  echoedBefore(cid, id) {
    return this.said.has(cid) && (id === undefined || id === null || this.said.get(cid) === id);
  }

  /** The line with this id was said; returns its entry, if this page still waited for it. */
  echoed(cid, id) {
    const entry = this.settle(this.queue.findIndex((line) => line.cid === cid));
    if (entry) {
      this.said.set(cid, id);
      if (this.said.size > REMEMBERED) {
        this.said.delete(this.said.keys().next().value);
      }
    }
    return entry;
  }

  /** The server refused the line with this id for good; returns its entry, if any. */
  refused(cid) {
    return this.settle(this.queue.findIndex((line) => line.cid === cid));
  }

  /** Whether the entry on its way is a rename, whose answers carry no id. */
  renameOnItsWay() {
    return this.sent && this.queue[0].nick !== undefined;
  }

  /** Whether a line or rename is on its way and unanswered; this line, if an id is given. */
  onItsWay(cid) {
    return this.sent && (cid === undefined || this.queue[0].cid === cid);
  }

  /** The rename on its way was answered: done, or refused for good. */
  renamed() {
    if (this.renameOnItsWay()) {
      this.settle(0);
    }
  }

  /** The entry on its way could not be taken just now: it goes again later, before anything newer. */
  later() {
    if (!this.sent) {
      return;
    }
    this.sent = false;
    this.holding = true;
    this.onHold(true);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.pump();
    }, RETRY_MS);
  }

  /** Takes the entry at this index out, answered; the next goes if it was the oldest. */
  settle(index) {
    if (index < 0) {
      return null;
    }
    const [entry] = this.queue.splice(index, 1);
    if (index === 0) {
      this.sent = false;
      if (this.holding) {
        this.holding = false;
        this.onHold(false);
      }
      this.pump();
    }
    return entry;
  }

  pump() {
    const head = this.queue[0];
    if (!head || this.sent || this.retryTimer !== null) {
      return;
    }
    this.sent = this.transmit(head.frame);
  }
}
