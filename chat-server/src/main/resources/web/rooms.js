// The rooms of the page, on a server that has them: one conversation pane a room, the room list
// with unread lines and mentions, the members and topic of each, and the room typed in. The
// server names a room in every frame as whoever made it spelled it, which may not be how the
// page asked for it (#Dev for #dev), so rooms are kept under a key (roomKey) and shown as the
// server spells them.
import { BelowHint, Conversation } from './conversation.js';
import { visible } from './names.js';

export const DEFAULT_ROOM = '#general';
const WANTED_KEY = 'termchat.rooms';

export class Rooms {
  /**
   * @param panes where the rooms' panes go; the current one has the id "messages"
   * @param list the room list's element
   * @param onSwitch told the room now typed in
   */
  constructor(panes, list, onSwitch) {
    this.panes = panes;
    this.list = list;
    this.onSwitch = onSwitch;
    /** roomKey(name) -> {name (as the server spells it), conversation, pane, members, unread, mentions, topic, lastId, at} */
    this.rooms = new Map();
    this.current = null;
    /** The page's own name, marked where others' lines say it. */
    this.ownName = null;
    /** The room typed in before a drop, typed in again once the server puts the page back in it. */
    this.preferred = null;
    /** The key of the room asked for last, typed in once the server puts the page in it. */
    this.switchOnEntry = null;
    /** Rooms the page asks for on every connection, kept in the browser, one entry a key. */
    this.wanted = loadWanted();
    this.below = new BelowHint(panes, () => this.current && this.current.conversation);
    /** A pane for what comes before any room: the join, notices of the page's own. */
    this.lobby = this.room(DEFAULT_ROOM);
  }

  /** The room, made (with its pane) if the page has none of that name yet. */
  room(name) {
    let room = this.rooms.get(roomKey(name));
    if (!room) {
      const pane = document.createElement('ol');
      pane.className = 'messages';
      pane.dataset.room = name;
      pane.setAttribute('aria-live', 'polite');
      pane.hidden = true;
      this.panes.append(pane);
      room = { name: name, pane: pane, conversation: new Conversation(pane), members: [], marks: new Map(), unread: 0, mentions: 0, topic: null, lastId: null, at: null, in: false };
      room.conversation.ownName = this.ownName;
      room.conversation.onUnseen = () => this.below.update();
      this.rooms.set(roomKey(name), room);
      if (!this.current) {
        this.show(room);
      }
    }
    return room;
  }

  /** The conversation lines go to now: the current room's. */
  conversation() {
    return this.show(this.current || this.lobby).conversation;
  }

  /**
   * The room typed in, or null before the page is in any; while it comes back after a drop, the
   * room it typed in, which it asks for again.
   */
  currentName() {
    return this.current && (this.current.in || this.wants(this.current.name)) ? this.current.name : null;
  }

  /** The register's options for the rooms: those wanted, each resumed after where it was left. */
  registerOptions(resuming) {
    const options = ['rooms=' + this.wanted.join(',')];
    if (resuming) {
      for (const name of this.wanted) {
        const room = this.rooms.get(roomKey(name));
        const after = room && (room.lastId || room.at);
        if (after) {
          options.push('resume=' + name + ':' + after);
        }
      }
    }
    return options;
  }

  /** A new connection: the rooms are entered again as the server says so; the one typed in stays so. */
  opened() {
    this.preferred = this.current && this.current.in ? this.current.name : this.preferred;
    this.rooms.forEach((room) => {
      room.in = false;
    });
  }

  /** The server put the page in a room. */
  entered(name, at) {
    const key = roomKey(name);
    const room = this.room(name);
    const news = !room.in && !(this.wanted.length === 1 && key === roomKey(DEFAULT_ROOM)) && room.at === null;
    room.in = true;
    // Shown, and asked for from now on, as the server spells it.
    room.name = name;
    room.pane.dataset.room = name;
    if (at && !room.lastId && !room.at) {
      room.at = at;
    }
    if (!this.wanted.includes(name)) {
      // In place of the spelling it was asked for in, if it was: one entry a key.
      const asked = this.wanted.findIndex((wanted) => roomKey(wanted) === key);
      this.wanted.splice(asked < 0 ? this.wanted.length : asked, 1, name);
      saveWanted(this.wanted);
    }
    if (news) {
      room.conversation.notice('you joined ' + name);
    }
    const preferred = this.preferred && roomKey(this.preferred) === key;
    const backInPreferred = this.preferred && this.wants(this.preferred);
    if (this.switchOnEntry === key || preferred || (!this.current.in && !backInPreferred)) {
      // From no room the first room entered is typed in until the one asked for last comes.
      if (this.switchOnEntry === key) {
        this.switchOnEntry = null;
      }
      if (preferred) {
        this.preferred = null;
      }
      this.switchTo(name);
    } else if (this.current === room) {
      // The room shown before the page was in it (the first one): its name, members and topic.
      this.onSwitch(room);
    }
    this.render();
  }

  /** The server took the page out of a room. */
  parted(name) {
    const room = this.rooms.get(roomKey(name));
    if (!room) {
      return;
    }
    room.in = false;
    // No longer told of: who is there and the topic are not known.
    room.members = [];
    room.topic = null;
    this.wanted = this.wanted.filter((wanted) => roomKey(wanted) !== roomKey(name));
    saveWanted(this.wanted);
    room.conversation.notice('you left ' + name);
    if (this.current === room) {
      const other = [...this.rooms.values()].find((any) => any.in);
      if (other) {
        this.switchTo(other.name);
      } else {
        this.onSwitch(room); // In no room: the header names none, the users list is empty.
      }
    }
    this.render();
  }

  /** Asks to be in a room from now on; typed in once the server puts the page in it. */
  asked(name) {
    this.switchOnEntry = roomKey(name);
  }

  /** Whether the page asks for this room (in any spelling) on every connection. */
  wants(name) {
    const key = roomKey(name);
    return this.wanted.some((wanted) => roomKey(wanted) === key);
  }

  switchTo(name) {
    const room = this.rooms.get(roomKey(name));
    if (!room || !(room.in || this.wants(name))) {
      return false; // Never in it, or left: its pane stays, but it is no room to type in.
    }
    room.unread = 0;
    room.mentions = 0;
    this.show(room);
    this.onSwitch(room);
    this.render();
    // In sight in the list, which scrolls when the page is in more rooms than it shows (on a phone).
    this.list.querySelector('li.current').scrollIntoView({ block: 'nearest', inline: 'nearest' });
    return true;
  }

  /** Shows the room's pane, the only one with the id the page's "messages" is. */
  show(room) {
    if (this.current !== room) {
      if (this.current) {
        this.current.pane.hidden = true;
        this.current.pane.removeAttribute('id');
      }
      this.current = room;
    }
    const wasHidden = room.pane.hidden;
    room.pane.hidden = false;
    room.pane.id = 'messages';
    if (wasHidden) {
      // At once, not when the browser next notices the size: a room switched to opens at its latest line.
      room.conversation.keepPlace();
    }
    this.below.update();
    return room;
  }

  /** A line of another's in a room: unread there, and a mention, unless the room is the current one. */
  said(name, mentioned) {
    const room = this.rooms.get(roomKey(name));
    if (room && room !== this.current) {
      room.unread++;
      room.mentions += mentioned ? 1 : 0;
      this.render();
    }
  }

  /** The room list: the rooms the page is in, each with what it has not seen there. */
  render() {
    const items = [];
    for (const room of this.rooms.values()) {
      if (!room.in) {
        continue;
      }
      const item = document.createElement('li');
      item.className = 'room' + (room === this.current ? ' current' : '') + (room.mentions > 0 ? ' mentioned' : '');
      const name = document.createElement('button');
      name.type = 'button';
      name.textContent = visible(room.name);
      name.addEventListener('click', () => this.switchTo(room.name));
      item.append(name);
      if (room.unread > 0) {
        item.append(badge('unread', String(room.unread), room.unread + (room.unread === 1 ? ' line' : ' lines') + ' not seen'));
      }
      if (room.mentions > 0) {
        item.append(badge('mentions', '@' + room.mentions, room.mentions + (room.mentions === 1 ? ' line mentions you' : ' lines mention you')));
      }
      items.push(item);
    }
    this.list.replaceChildren(...items);
  }
}

/**
 * The key under which the page keeps a room, so that #Dev, #DEV and #ｄｅｖ are one room as on
 * the server (RoomNames.keyOf): compatibility forms as what they stand for (NFKC) and lower case.
 * It is near the server's key, not it: the server also folds case fully (ß is ss), takes
 * look-alike letters as one (Unicode's confusable skeletons: a Cyrillic а for an a, a capital I
 * for an l), small capitals as their letters, every dash as a hyphen, and drops invisible
 * characters and marks that only decorate. Names that differ only in those are two rooms here
 * while the server has one: a room kept in one of them and answered in another is kept twice,
 * and parted, comes back at the next load under the spelling not parted.
 */
export function roomKey(name) {
  return String(name).normalize('NFKC').toLowerCase().normalize('NFKC');
}

/** The names, the first of each key kept. */
function unique(names) {
  const seen = new Set();
  return names.filter((name) => {
    const key = roomKey(name);
    const first = !seen.has(key);
    seen.add(key);
    return first;
  });
}

/** A count beside a room's name, with what it counts said in words (a tooltip, and for screen readers). */
function badge(className, text, said) {
  const count = document.createElement('span');
  count.className = className;
  count.textContent = text;
  count.title = said;
  count.setAttribute('aria-label', said);
  return count;
}

function loadWanted() {
  try {
    const saved = JSON.parse(localStorage.getItem(WANTED_KEY) || 'null');
    if (Array.isArray(saved) && saved.every((name) => typeof name === 'string')) {
      // Kept by an older page, a room may be there twice, in two spellings.
      return saved.length > 0 ? unique(saved) : [DEFAULT_ROOM];
    }
  } catch (e) {
    // Storage refused, or not ours: the default room.
  }
  return [DEFAULT_ROOM];
}

function saveWanted(wanted) {
  try {
    localStorage.setItem(WANTED_KEY, JSON.stringify(wanted));
  } catch (e) {
    // Storage refused: the rooms are asked for again on this visit only.
  }
}
