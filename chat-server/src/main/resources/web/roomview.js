// What the page shows of the room typed in, beside its pane: its name and topic in the header,
// its members in the users list; and the server's word on rooms (a topic set, the room list).
import { colourOf, visible } from './names.js';

export class RoomView {
  /**
   * @param rooms the page's rooms
   * @param roomsServed whether the server has rooms, asked each time (it may change at a reconnect)
   */
  constructor(rooms, roomsServed) {
    this.rooms = rooms;
    this.roomsServed = roomsServed;
    this.$ = (id) => document.getElementById(id);
  }

  /** The members of the room typed in, as the users list shows them. */
  users() {
    return this.rooms.current.members;
  }

  /** The members of the room typed in as /names says them: @ before operators, + before voiced members. */
  usersMarked() {
    const marks = this.rooms.current.marks;
    return this.users().map((who) => (marks.get(who) || '') + who);
  }

  /** A room's members, listed when it is the room typed in. */
  members(name, names) {
    const room = this.rooms.room(name);
    room.members = names;
    if (this.rooms.current === room) {
      this.showMembers(names);
    }
  }

  /** Who joined, left or was renamed in a room: only a server with rooms tells these alone. */
  change(name, change) {
    if (this.roomsServed()) {
      this.members(name, change(this.rooms.room(name).members));
    }
  }

  /**
   * Who has a rank in a room, as the answer to its join names them (op=NAME for its owner and
   * operators, voice=NAME for voiced members): marked in the users list as IRC's NAMES does.
   */
  ranks(name, options) {
    const room = this.rooms.room(name);
    room.marks = new Map();
    options.filter((option) => option.startsWith('voice=')).forEach((option) => room.marks.set(option.substring(6), '+'));
    options.filter((option) => option.startsWith('op=')).forEach((option) => room.marks.set(option.substring(3), '@'));
    this.members(name, room.members);
  }

  /** A rank given or taken in a room, as its moderation notice tells; a rename takes the mark along. */
  ranked(notice) {
    if (!notice.room || !notice.target || !['op', 'deop', 'voice', 'devoice'].includes(notice.act)) {
      return;
    }
    const room = this.rooms.room(notice.room);
    if (notice.act === 'op' || notice.act === 'voice') {
      room.marks.set(notice.target, notice.act === 'op' ? '@' : '+');
    } else {
      room.marks.delete(notice.target);
    }
    this.members(notice.room, room.members);
  }

  /** Someone in a room took a new name: its mark goes with it. */
  renamed(name, from, to) {
    const marks = this.rooms.room(name).marks;
    if (marks.has(from)) {
      marks.set(to, marks.get(from));
      marks.delete(from);
    }
  }

  /** The room typed in changed: its name, its members, its topic. */
  switched(room) {
    this.showMembers(room.members);
    this.showTopic(room);
    this.$('room-now').textContent = this.roomsServed() && room.in ? visible(room.name) : '';
  }

  /** A room's topic, set or cleared (by whom), said in its pane and shown if it is the room typed in. */
  topic(set) {
    if (!set.room) {
      return;
    }
    const room = this.rooms.room(set.room);
    room.topic = set.topic || null;
    room.conversation.notice(set.topic ? 'topic of ' + set.room + ': ' + set.topic + ' (set by ' + set.by + ')' : set.by + ' cleared the topic of ' + set.room);
    if (this.rooms.current === room) {
      this.showTopic(room);
    }
  }

  /** The server's answer to /list, in the pane shown. */
  list(list, conversation) {
    const listed = Array.isArray(list.rooms) ? list.rooms : [];
    conversation.notice('rooms (' + (list.count || listed.length) + '):');
    listed.forEach((one) => conversation.notice('  ' + one.room + ' (' + one.members + ')' + (one.topic ? ': ' + one.topic : '')));
  }

  showMembers(names) {
    const marks = this.rooms.current.marks;
    this.$('users').replaceChildren(...names.map((who) => {
      const item = document.createElement('li');
      item.textContent = visible(who);
      item.className = colourOf(who);
      const mark = marks.get(who);
      if (mark) {
        // Shown before the name by the style sheet, so the name stays the item's text.
        item.dataset.rank = mark;
        item.title = mark === '@' ? 'operator' : 'voiced';
      }
      return item;
    }));
    this.$('user-count').textContent = '(' + names.length + ')';
  }

  showTopic(room) {
    this.$('topic').textContent = room.topic ? visible(room.topic) : '';
  }
}
