// Scrollback and search on the page (capabilities "scrollback" and "search"): scrolling up to the
// top of a room's pane asks for the messages before the oldest it shows, which come in at the
// top, above all that is newer, with the view kept where it was; /search shows the hits in the
// pane typed in, the words marked, and brings them into view.
// Every part of a remote text is put in as text, never as HTML.
import { colourOf, visible } from './names.js';

/** The messages one scroll to the top asks for. */
const PAGE = 50;
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
    /** The rooms (by pane) whose earlier messages were asked for and have not come. */
    this.asking = new Set();
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
    this.asking.clear();
  }

  scrolled(pane) {
    if (pane instanceof HTMLElement && pane.matches('ol.messages') && pane.scrollTop <= NEAR_TOP) {
      this.older(this.rooms.room(pane.dataset.room));
    }
  }

  /** Asks for the messages of a room before the oldest its pane shows, unless asked or all shown. */
  older(room) {
    if (!this.capabilities.includes('scrollback') || room.allShown || this.asking.has(room.pane)) {
      return;
    }
    const oldest = room.pane.querySelector('li[data-id]');
    const asked = { limit: PAGE };
    if (this.roomsServed()) {
      asked.room = room.name;
    }
    if (oldest) {
      asked.before = oldest.dataset.id;
    }
    if (this.send('scrollback', JSON.stringify(asked), [])) {
      this.asking.add(room.pane);
    }
  }

  /**
   * An error came while pages were asked for: they will not come, so nothing is waited for any
   * more; a page refused for its rate is asked again a moment later, as the reason says.
   * @returns whether a page was asked for
   */
  refused(reply) {
    const waiting = [...this.asking];
    this.asking.clear();
    if (reply.code === 'rate-limited') {
      for (const pane of waiting) {
        setTimeout(() => this.older(this.rooms.room(pane.dataset.room)), RETRY_MS);
      }
    }
    return waiting.length > 0;
  }

  /** A page of earlier messages: put in at the top of the pane, the view kept where it was. */
  page(page) {
    const room = this.rooms.room(typeof page.room === 'string' ? page.room : this.rooms.lobby.name);
    this.asking.delete(room.pane);
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
  }

  /** Whether /search is served; if not, the person is told so in the pane typed in. */
  search(words, conversation, room) {
    if (!this.capabilities.includes('search')) {
      conversation.notice('this server does not search its messages: it keeps none');
      return;
    }
    const asked = { words: words, limit: 20 };
    if (this.roomsServed()) {
      asked.room = room;
    }
    if (!this.send('search', JSON.stringify(asked), [])) {
      conversation.notice('not connected');
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
    heading.scrollIntoView({ block: 'start' });
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
