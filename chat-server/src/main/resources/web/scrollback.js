// Scrollback and search on the page (capabilities "scrollback" and "search"): scrolling up to the
// top of a room's pane asks for the messages before the oldest it shows, which come in at the
// top, above all that is newer, with the view kept where it was; /search shows the hits in the
// pane typed in, the words marked, and brings them into view. One page or search is out at a
// time, as a server with a store allows (it refuses a client's next while its last is
// unanswered): what is asked meanwhile waits its turn.
// Every part of a remote text is put in as text, never as HTML.
import { colourOf, visible } from './names.js';

/** The messages one scroll to the top asks for. */
const PAGE = 50;
/** The hits a search asks for: the most it shows, and a full answer says more may match. */
const SEARCH_HITS = 20;
/** How long after a page refused for its rate it is asked for again: the server allows one a second. */
const RETRY_MS = 1100;
/** How near the top, in pixels, counts as at it. */
const NEAR_TOP = 8;

export class Scrollback {
  /**
   * @param send sends a frame (type, data, options); false when not connected
   * @param rooms the page's rooms
   * @param roomsServed whether the server has rooms, asked each time
   * @param panes the element the rooms' panes are in, watched for a scroll to the top
   */
  constructor(send, rooms, roomsServed, panes) {
    this.send = send;
    this.rooms = rooms;
    this.roomsServed = roomsServed;
    /** What this connection's server said it can do. */
    this.capabilities = [];
    /** The request sent and not yet answered, {pane} or {words}; null when none. */
    this.out = null;
    /** Requests waiting for it to be answered, oldest first, each as out is. */
    this.held = [];
    // Scroll events do not bubble: caught on their way down. A pane too short to scroll still
    // takes the wheel turned up.
    panes.addEventListener('scroll', (event) => this.scrolled(event.target), true);
    panes.addEventListener('wheel', (event) => {
      const pane = event.target.closest('ol.messages');
      if (pane && event.deltaY < 0) {
        this.scrolled(pane);
      }
    }, { passive: true });
  }

  /** A new connection's welcome: what it serves; nothing asked is on its way any more. */
  welcomed(capabilities) {
    this.capabilities = capabilities;
    this.out = null;
    this.held = [];
  }

  scrolled(pane) {
    if (pane instanceof HTMLElement && pane.matches('ol.messages') && pane.scrollTop <= NEAR_TOP) {
      this.older(this.rooms.room(pane.dataset.room));
    }
  }

  /**
   * Asks for the messages of a room before the oldest its pane shows, unless all are shown: a
   * scroll to the top, unless one is asked already; /history N, N of them (one waiting to go is
   * made larger, as the terminal client makes PageUps pressed meanwhile one page).
   */
  older(room, limit) {
    const pane = room.pane;
    if (!this.capabilities.includes('scrollback') || room.allShown) {
      return;
    }
    const waiting = this.held.find((asked) => asked.pane === pane);
    if (limit && waiting) {
      waiting.limit = Math.max(waiting.limit || PAGE, limit);
    } else if (limit || !(waiting || (this.out && this.out.pane === pane))) {
      this.ask({ pane, limit });
    }
  }

  /** Sends the request now if none is out; else holds it until the one out is answered. */
  ask(request) {
    if (this.out) {
      this.held.push(request);
      return;
    }
    if (request.pane) {
      this.sendPage(this.rooms.room(request.pane.dataset.room), request.limit || PAGE);
    } else {
      this.sendSearch(request);
    }
  }

  /** The one out was answered or refused: the next held goes. */
  next() {
    this.out = null;
    while (!this.out && this.held.length) {
      const request = this.held.shift();
      if (request.pane && this.rooms.room(request.pane.dataset.room).allShown) {
        continue;
      }
      this.ask(request);
    }
  }

  sendPage(room, limit) {
    const oldest = room.pane.querySelector('li[data-id]');
    const asked = { limit };
    if (this.roomsServed()) {
      asked.room = room.name;
    }
    if (oldest) {
      asked.before = oldest.dataset.id;
    }
    if (this.send('scrollback', JSON.stringify(asked), [])) {
      this.out = { pane: room.pane, limit };
    }
  }

  /**
   * An error without an id came while a request was out: its refusal (one is out at a time). One
   * refused for the rate is asked again a moment later, as the reason says, and nothing else goes
   * meanwhile; after any other, the next held goes.
   * @returns whether a request was out
   */
  refused(reply) {
    const refused = this.out;
    if (!refused || refused.retrying) {
      return false;
    }
    if (reply.code === 'rate-limited') {
      this.out = { retrying: true };
      setTimeout(() => {
        this.held.unshift(refused);
        this.next();
      }, RETRY_MS);
    } else {
      this.next();
    }
    return true;
  }

  /** A page of earlier messages: put in at the top of the pane, the view kept where it was. */
  page(page) {
    const room = this.rooms.room(typeof page.room === 'string' ? page.room : this.rooms.lobby.name);
    const pane = room.pane;
    const items = (Array.isArray(page.messages) ? page.messages : []).map((message) => {
      const action = message.kind === 'action';
      const item = action
        ? room.conversation.action(message.time, message.from, message.message)
        : room.conversation.line(message.time, message.message, message.from);
      item.classList.add('history', 'earlier');
      if (message.id) {
        item.dataset.id = message.id;
      }
      return item;
    });
    if (!page.more) {
      room.allShown = true;
      const end = document.createElement('li');
      end.className = 'notice earlier';
      end.textContent = 'that is all the server keeps of ' + visible(room.name);
      items.unshift(end);
    }
    const before = pane.scrollHeight;
    // At the very top, above everything newer, notices ("you joined") included: in the order said.
    // Only the notice that the page let older lines go stays above, as it heads the whole pane.
    const trimmed = room.conversation.trimmed;
    const first = trimmed ? trimmed.nextElementSibling : pane.firstElementChild;
    items.forEach((item) => pane.insertBefore(item, first));
    // The lines the person was reading stay under their eyes.
    pane.scrollTop += pane.scrollHeight - before;
    this.next();
  }

  /** Whether /search is served; if not, the person is told so in the pane typed in. */
  search(words, conversation, room) {
    if (!this.capabilities.includes('search')) {
      conversation.notice('this server does not search its messages: it keeps none');
      return;
    }
    this.ask({ words, conversation, room });
  }

  sendSearch(request) {
    const asked = { words: request.words, limit: SEARCH_HITS };
    if (this.roomsServed()) {
      asked.room = request.room;
    }
    if (this.send('search', JSON.stringify(asked), [])) {
      this.out = request;
    } else {
      request.conversation.notice('not connected');
    }
  }

  /**
   * The hits of a search, best first, in the pane typed in: date, room, sender, the words marked;
   * the pane goes to its end and shows them from their heading down.
   */
  found(found, conversation) {
    const hits = Array.isArray(found.hits) ? found.hits : [];
    const searched = '"' + found.words + '" in ' + found.room;
    // The answer to what the person asked: where they look, however far back they were reading.
    conversation.toEnd();
    const heading = conversation.notice(hits.length ? 'found for ' + searched + ', best first:' : 'nothing found for ' + searched);
    hits.forEach((hit) => conversation.append(hitLine(hit)));
    if (hits.length >= SEARCH_HITS) {
      // A full answer says nothing of what it left out.
      conversation.notice('the best ' + hits.length + ' shown; more may hold those words: add a word to narrow the search');
    }
    heading.scrollIntoView({ block: 'start' });
    this.next();
  }
}

/** One hit: its date and time, its room, its sender, its text with each mark in a <mark>. */
function hitLine(hit) {
  const item = document.createElement('li');
  item.className = 'hit';
  const when = document.createElement('span');
  when.className = 'time';
  when.textContent = hit.time ? new Date(hit.time).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) : '';
  const where = document.createElement('span');
  where.className = 'room';
  where.textContent = visible(String(hit.room));
  const who = document.createElement('span');
  who.className = 'from ' + colourOf(String(hit.from));
  who.textContent = visible(String(hit.from));
  item.append(when, where, who);
  const text = String(hit.text);
  let at = 0;
  for (const mark of Array.isArray(hit.marks) ? hit.marks : []) {
    const [start, end] = mark;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < at || end < start || end > text.length) {
      continue; // Overlapping, or beyond the text: not marked.
    }
    item.append(document.createTextNode(visible(text.slice(at, start))));
    const marked = document.createElement('mark');
    marked.className = 'found';
    marked.textContent = visible(text.slice(start, end));
    item.append(marked);
    at = end;
  }
  item.append(document.createTextNode(visible(text.slice(at))));
  return item;
}
