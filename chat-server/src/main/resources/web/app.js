// The chat in a browser: the termchat.v1 extension over the page's own WebSocket. Everything a
// remote party sends (names, messages, reasons) goes into the page as text, never as HTML.
import { Account } from './account.js';
import { commands, read } from './commands.js';
import { banList, described, whois } from './moderation.js';
import { backToJoinForm, cannotJoin, joined, nameRefused, serverPasswordWanted, showJoinForm, wrongServerPassword } from './join.js';
import { visible } from './names.js';
import { Outbox } from './outbox.js';
import { EXPIRED, caughtUp, logStartedAgain, ownJoin, ownRename, sameName } from './session.js';
import { mentions } from './text.js';
import { sendAndRecall } from './recall.js';
import { DEFAULT_ROOM, Rooms } from './rooms.js';
import { RoomView } from './roomview.js';
import { Scrollback } from './scrollback.js';

const SUBPROTOCOL = 'termchat.v1';
/** Said when a person in no room does what needs one, as the terminal client says it. */
const NO_ROOM = 'you are in no room; /join #ROOM joins one';
const MAX_RETRY_MS = 8000;
/** Close codes of an operator's kick and ban (PROTOCOL.md): the page does not come back on its own. */
const KICKED = 4001;
const BANNED = 4002;
/** The close code of a sign-out: the account's password was changed on another connection. */
const SIGNED_OUT = 4003;
const $ = (id) => document.getElementById(id);

const state = {
  ws: null,
  wanted: '',        // the name typed at the join form; blank for a guest name
  name: null,        // the name the server gave
  registered: false, // whether the server answered the register on this connection
  token: null,       // the session's resume token
  lastId: null,      // the id of the last message seen (or, before any, where it joined), to resume after
  nextCid: 1,
  retryMs: 1000,
  reconnectTimer: null,
  asked: null,       // the name last asked for by /nick, until answered
  newSession: false, // whether the server did not know the session this connection resumed
  expiryUntold: false, // whether that is still to be explained by the answer to the resume
  roomsServed: false, // whether this connection's server has rooms (its welcome said so)
  lastRename: null,  // the last rename shown, which each room the renamed one is in tells again
  serverPassword: '', // the server's own password, given in the first frame; kept in memory alone
  locked: false,     // whether this connection waits for the server to take its password
};
const rooms = new Rooms($('panes'), $('rooms'), (room) => view.switched(room));
const view = new RoomView(rooms, () => state.roomsServed);
const scrollback = new Scrollback(send, rooms, () => state.roomsServed, $('panes'));
/** The conversation lines go to now: the room typed in. */
const conversation = { notice: (...a) => rooms.conversation().notice(...a), command: (...a) => rooms.conversation().command(...a),
  line: (...a) => rooms.conversation().line(...a), action: (...a) => rooms.conversation().action(...a),
  append: (...a) => rooms.conversation().append(...a), toEnd: () => rooms.conversation().toEnd(),
  serverWentAway: () => rooms.conversation().serverWentAway() };
const account = new Account(send, (text) => conversation.notice(text));
const outbox = new Outbox(
  (frame) => send(frame.type, frame.data, frame.options),
  (holding) => setStatus(holding ? 'the server cannot take messages just now; they will be sent again, in order' : ''));

function wsUrl() {
  return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/';
}

function connect() {
  setStatus('connecting…');
  const ws = new WebSocket(wsUrl(), [SUBPROTOCOL]);
  state.ws = ws;
  state.locked = false;
  state.registered = false;
  state.newSession = false;
  state.expiryUntold = false;
  ws.onmessage = (event) => {
    if (ws === state.ws) {
      receive(event.data);
    }
  };
  ws.onclose = (event) => {
    if (ws === state.ws) {
      closed(event);
    }
  };
}

function send(type, data, options) {
  const frame = { messageType: type, data: data };
  if (options && options.length) {
    frame.dataArray = options;
  }
  if (state.ws && state.ws.readyState === WebSocket.OPEN && state.registered) {
    state.ws.send(JSON.stringify(frame));
    return true;
  }
  return false;
}

function register() {
  const options = ['history=50'];
  if (state.token) {
    options.push('token=' + state.token);
  }
  // Rooms are asked for of every server (one without them ignores the option); one that had
  // them resumes each room after its own position, another after the last message seen.
  if (state.roomsServed) {
    options.push(...rooms.registerOptions(state.token !== null));
  } else {
    if (state.lastId) {
      options.push('resume=' + state.lastId);
    }
    options.push(...rooms.registerOptions(false));
  }
  rooms.opened();
  const frame = { messageType: 'register', data: state.name || state.wanted, dataArray: options };
  state.ws.send(JSON.stringify(frame));
}

function receive(text) {
  let frame;
  try {
    frame = JSON.parse(text);
  } catch (e) {
    conversation.notice(text);
    return;
  }
  const type = frame.messageType;
  const list = Array.isArray(frame.dataArray) ? frame.dataArray : [];
  // A frame of a room names it as its data, where it has no other (users, joined, left, renamed).
  const room = typeof frame.data === 'string' && frame.data.startsWith('#') ? frame.data : DEFAULT_ROOM;
  switch (type) {
    case 'welcome':
      state.roomsServed = list.includes('rooms');
      scrollback.welcomed(list);
      if (state.serverPassword) {
        // The server's password first: a browser cannot send it as a header.
        state.locked = true;
        state.ws.send(JSON.stringify({ messageType: 'account', data: JSON.stringify({ op: 'access', password: state.serverPassword }) }));
      } else {
        register();
      }
      break;
    case 'join':
      view.ranks(String(frame.data), list);
      rooms.entered(String(frame.data), (list.find((option) => option.startsWith('at=')) || '').substring(3) || null);
      break;
    case 'part':
      rooms.parted(String(frame.data));
      break;
    case 'topic':
      view.topic(parseData(frame.data));
      break;
    case 'list':
      view.list(parseData(frame.data), conversation);
      break;
    case 'account':
      if (state.locked && parseData(frame.data).op === 'access') {
        state.locked = false;
        register();
      } else {
        const reply = parseData(frame.data);
        if (reply.token) {
          state.token = reply.token; // A login renews the session's token: the one before resumes nothing.
        }
        account.answered(reply);
      }
      break;
    case 'register':
      registered(frame.data, list);
      break;
    case 'users':
      view.members(room, state.roomsServed && !list.includes(state.name) ? [...list, state.name] : list);
      break;
    case 'joined':
      // This page's own join was said at the register reply, before what it caught up.
      list.filter((who) => who !== state.name).forEach((who) => {
        rooms.room(room).conversation.notice(who + ' joined');
        view.change(room, (members) => (members.includes(who) ? members : [...members, who]));
      });
      break;
    case 'left':
      // This page's own name leaving is an earlier connection of its own, let go after the page
      // came back on another (a node that died, a connection that went silent): no news to it.
      list.filter((who) => who !== state.name).forEach((who) => {
        rooms.room(room).conversation.notice(who + ' left');
        view.change(room, (members) => members.filter((member) => member !== who));
      });
      break;
    case 'renamed':
      view.renamed(room, list[0], list[1]);
      view.change(room, (members) => members.map((member) => (member === list[0] ? list[1] : member)));
      if (state.lastRename === list[0] + '\n' + list[1]) {
        break; // Told by another room already.
      }
      state.lastRename = list[0] + '\n' + list[1];
      // Its own, by the new name or, where a room tells it before the register reply, the old.
      if (list[1] === state.name || list[0] === state.name) {
        conversation.notice(ownRename(state.asked, list[1]));
        state.asked = null;
      } else {
        rooms.room(room).conversation.notice(list[0] + ' is now known as ' + list[1]);
      }
      break;
    case 'message':
    case 'action':
    case 'history':
      chat(type, parseData(frame.data));
      break;
    case 'private':
      privateChat(parseData(frame.data));
      break;
    case 'resumed': {
      const of = (list.find((option) => option.startsWith('room=')) || '').substring(5) || null;
      // Said in the room's own pane, which needs no room's name before it.
      const pane = of ? rooms.room(of).conversation : rooms.conversation();
      const complete = frame.data === 'complete';
      if (state.expiryUntold && !logStartedAgain(complete, list)) {
        pane.notice(EXPIRED); // The log reaches back: no restart, the session was let go.
      }
      state.expiryUntold = false;
      pane.notice(caughtUp(complete, list));
      break;
    }
    case 'error':
      error(parseData(frame.data));
      break;
    case 'scrollback':
      scrollback.page(parseData(frame.data));
      break;
    case 'moderation': {
      const notice = parseData(frame.data);
      const pane = rooms.room(notice.room || DEFAULT_ROOM);
      if (notice.act === 'delete') {
        // Taken from view: a line deleted by its sender or an operator.
        pane.pane.querySelectorAll('li[data-id]').forEach((item) => {
          if (item.dataset.id === notice.target) {
            item.remove();
          }
        });
      }
      view.ranked(notice);
      pane.conversation.notice(described(notice));
      break;
    }
    case 'banlist':
      banList(parseData(frame.data)).forEach((line) => conversation.notice(line));
      break;
    case 'whois':
      conversation.notice(whois(parseData(frame.data)));
      break;
    case 'search':
      scrollback.found(parseData(frame.data), conversation);
      break;
    default:
      break; // A frame this page does not know: ignored, as the protocol asks.
  }
}

function parseData(data) {
  try {
    return typeof data === 'string' ? JSON.parse(data) : {};
  } catch (e) {
    return {};
  }
}

function registered(name, options) {
  const first = state.name === null;
  // The account's name, which the server gives once the page logged in to it: no return.
  const loggedIn = !first && account.takeLoginRename();
  const renaming = state.registered && outbox.renameOnItsWay();
  const askedFor = first ? state.wanted : state.name;
  state.name = name;
  state.registered = true;
  const token = options.find((option) => option.startsWith('token='));
  if (token) {
    state.token = token.substring('token='.length);
  }
  // Where this session joined: the place to resume after until a message is seen, so that a page
  // that saw none before its connection dropped still gets what was said meanwhile.
  const at = options.find((option) => option.startsWith('at='));
  if (at && !state.lastId) {
    state.lastId = at.substring('at='.length);
  }
  $('me').textContent = visible(name);
  rooms.ownName = name;
  rooms.rooms.forEach((room) => {
    room.conversation.ownName = name;
  });
  state.retryMs = 1000;
  setStatus('');
  if (first || !$('join-view').hidden) {
    joined(); // The first time, or back from the form that asked for the server's password.
  }
  if (loggedIn) {
    // Said by the rename that every room of the page tells ("you are now known as").
  } else if (renaming) {
    if (name === askedFor && state.asked !== null) {
      // No "renamed" follows: the name did not change.
      conversation.notice(sameName(state.asked, name));
      state.asked = null;
    }
    outbox.renamed(); // The answer to a rename.
  } else {
    conversation.notice(ownJoin(name, askedFor, !first, state.newSession, options.some((option) => option.startsWith('registered='))));
    outbox.open(name); // The answer to a register: what waits may go.
    account.registered(name, options, askedFor);
  }
}

/** A line of this page's own, echoed, is settled in the outbox, and shown as said. */
function ownEcho(message) {
  const line = message.cid && message.from === state.name ? outbox.echoed(message.cid, message.id) : null;
  if (line) {
    line.item.remove();
  }
}

function chat(type, message) {
  const room = rooms.room(typeof message.room === 'string' ? message.room : DEFAULT_ROOM);
  if (message.id) {
    state.lastId = message.id;
    room.lastId = message.id;
  }
  if (message.cid && outbox.echoedBefore(message.cid, message.id)) {
    return; // Said already, and shown: the echo of a line sent again.
  }
  ownEcho(message);
  const action = type === 'action' || message.kind === 'action';
  const item = action
    ? room.conversation.action(message.time, message.from, message.message)
    : room.conversation.line(message.time, message.message, message.from);
  if (message.id) {
    item.dataset.id = message.id; // Where scrolling back asks from.
    if (type !== 'history' && message.from === state.name) {
      room.lastOwnId = message.id; // What /delete alone deletes.
    }
  }
  if (type === 'history') {
    item.classList.add('history');
  } else if (message.from !== state.name) {
    const mentioned = mentions(message.message, state.name);
    rooms.said(room.name, mentioned);
    if (mentioned) {
      notify(message.from, message.message);
    }
  }
  room.conversation.append(item);
}

/**
 * A line that mentions the person while the tab is hidden: a notification from the browser, if
 * they allowed them when they joined; its text as text, made visible.
 */
function notify(from, text) {
  if (document.hidden && 'Notification' in window && Notification.permission === 'granted') {
    new Notification(visible(from) + ' mentioned you', { body: visible(text).slice(0, 200), tag: 'termchat-mention' });
  }
}

function privateChat(message) {
  if (message.cid && outbox.echoedBefore(message.cid, message.id)) {
    return;
  }
  ownEcho(message);
  const item = message.from === state.name
    ? conversation.line(message.time, message.message, message.to, '→ ' + message.to)
    : conversation.line(message.time, message.message, message.from, message.from + ' → you');
  item.classList.add('private');
  conversation.append(item);
  if (message.kept && message.from === state.name) {
    conversation.notice(message.to + ' is offline: the message is kept until they log in');
  }
}

function error(reply) {
  if (state.locked && !state.registered) {
    // The server's password was not taken: the page leaves, and asks for it again.
    state.locked = false;
    const ws = state.ws;
    state.ws = null;
    ws.close(1000, 'wrong server password');
    setStatus('');
    wrongServerPassword(reply.reason);
    return;
  }
  if (!state.registered && reply.code === 'login-failed') {
    // Before the register reply no account login is sent: the server wants its own password
    // (restarted with one since the page joined, when it had a name), which it would otherwise
    // wait for until it closes the connection, again at every reconnection. Asked at the form;
    // the name and the session's token are kept, to rejoin as before once it is given.
    const ws = state.ws;
    state.ws = null;
    ws.close(1000, 'server password wanted');
    setStatus('');
    serverPasswordWanted(state.name !== null);
    return;
  }
  if (state.name === null && reply.code === 'invalid-name') {
    leaveForAnotherName(reply.reason);
    return;
  }
  if (reply.code === 'invalid-token') {
    state.newSession = true; // Said with the return, which the register reply brings next.
    state.expiryUntold = true;
    return;
  }
  const forNow = reply.code === 'unavailable' || reply.code === 'rate-limited';
  if (forNow && aboutTheOutbox(reply)) {
    outbox.later(); // Kept, and sent again a little later, before anything newer.
    return;
  }
  if (!reply.cid && scrollback.refused(reply) && reply.code === 'rate-limited') {
    return; // A page scrolled to too soon: asked again in a moment, nothing to tell.
  }
  if (reply.cid) {
    const line = outbox.refused(reply.cid);
    if (line) {
      line.item.classList.remove('pending');
      line.item.classList.add('failed');
    }
  } else if (outbox.renameOnItsWay()) {
    outbox.renamed(); // Refused for good: the name stays, as the reason says.
    state.asked = null;
  }
  conversation.notice('server: ' + (reply.reason || reply.code || 'refused'), 'failed');
}

/**
 * Whether an error is about what the outbox has on its way: a line names it by id, a rename
 * cannot; a frame dropped for its rate was not read, so its id is unknown, and it is most likely
 * the line on its way (sent again under its id, it is said once either way).
 */
function aboutTheOutbox(reply) {
  if (reply.cid) {
    return outbox.onItsWay(reply.cid);
  }
  return outbox.renameOnItsWay() || (reply.code === 'rate-limited' && outbox.onItsWay());
}

/**
 * The name typed cannot be had (reserved, a guest's, or held for someone coming back): the
 * server would join as a guest instead, so the page leaves and asks for another.
 */
function leaveForAnotherName(reason) {
  const ws = state.ws;
  state.ws = null;
  state.token = null;
  state.lastId = null;
  ws.close(1000, 'name refused');
  setStatus('');
  nameRefused(state.wanted, reason);
}

function setStatus(text) {
  $('status').textContent = text;
}

/** What the user typed: a command, or a line kept until the server echoes it. */
function say(text) {
  const asked = read(text, view.users());
  if (asked.notice) {
    conversation.notice(asked.notice);
  } else if (asked.help) {
    conversation.notice('commands:');
    commands(state.name).forEach(([usage, meaning]) => conversation.command(usage, meaning));
  } else if (asked.users) {
    conversation.notice(members());
  } else if (asked.join) {
    roomsOnly(() => asked.join.forEach((name) => {
      rooms.asked(name);
      send('join', name, []);
    }));
  } else if (asked.part !== undefined) {
    roomsOnly(() => (asked.part.length ? asked.part.forEach((name) => send('part', name, [])) : inARoom((now) => send('part', now, []))));
  } else if (asked.switchTo) {
    if (!rooms.switchTo(asked.switchTo)) {
      conversation.notice('not in ' + asked.switchTo + '; /join ' + asked.switchTo + ' joins it');
    }
  } else if (asked.topic !== undefined) {
    roomsOnly(() => inARoom((now) => {
      if (asked.topic) {
        send('topic', asked.topic, ['room=' + now]);
      } else {
        const room = rooms.current;
        conversation.notice(room.topic ? 'topic of ' + now + ': ' + room.topic : 'no topic; /topic TEXT sets one');
      }
    }));
  } else if (asked.list) {
    roomsOnly(() => send('list', null, []));
  } else if (asked.moderate) {
    roomsOnly(() => inARoom((now) => {
      const options = asked.moderate.own ? (rooms.current.lastOwnId ? ['target=' + rooms.current.lastOwnId] : null) : asked.moderate.options;
      if (options) {
        send('moderate', asked.moderate.act, ['room=' + now, ...options]);
      } else {
        conversation.notice('no line of yours in ' + now + ' to delete; /delete ID deletes one by its id');
      }
    }));
  } else if (asked.search !== undefined) {
    inARoomOrTheOne((now) => scrollback.search(asked.search, conversation, now));
  } else if (asked.history) {
    inARoomOrTheOne(() => scrollback.older(rooms.current, asked.history));
  } else if (asked.nick) {
    state.asked = asked.nick;
    outbox.add({ nick: asked.nick, frame: { type: 'nick', data: asked.nick, options: [] } });
  } else {
    sayLine(asked.say);
  }
}

/** What only a server with rooms can do, when connected to one. */
function roomsOnly(action) {
  if (!state.registered) {
    conversation.notice('not connected');
  } else if (!state.roomsServed) {
    conversation.notice('this server has one room, ' + DEFAULT_ROOM);
  } else {
    action();
  }
}

/** Who is in the room typed in, as the terminal client's /names says it. */
function members() {
  const names = view.users();
  if (!state.registered) {
    return 'not connected';
  }
  if (!state.roomsServed) {
    return 'online (' + names.length + '): ' + names.join(', ');
  }
  return rooms.currentName() ? 'in ' + rooms.currentName() + ' (' + names.length + '): ' + view.usersMarked().join(', ') : NO_ROOM;
}

/** What asks of the room typed in, or of the one room of a server without rooms. */
function inARoomOrTheOne(action) {
  if (!state.registered) {
    conversation.notice('not connected');
  } else if (state.roomsServed) {
    inARoom(action);
  } else {
    action(DEFAULT_ROOM);
  }
}

/** What needs the room typed in (told its name), when the page is in one. */
function inARoom(action) {
  const now = rooms.currentName();
  if (now) {
    action(now);
  } else {
    conversation.notice(NO_ROOM);
  }
}

function sayLine(frame) {
  if (state.roomsServed && frame.type !== 'private' && !rooms.currentName()) {
    // In no room, on a server with rooms: the line would go nowhere, so it is not sent.
    conversation.notice(NO_ROOM);
    return;
  }
  const cid = 'w' + state.nextCid++;
  if (state.roomsServed && frame.type !== 'private' && rooms.currentName()) {
    frame.options.push('room=' + rooms.currentName());
  }
  frame.options.push('id=' + cid);
  const to = frame.type === 'private' ? frame.options[0].substring('to='.length) : null;
  const item = frame.type === 'private' ? conversation.line(Date.now(), frame.data, to, '→ ' + to)
    : frame.type === 'action' ? conversation.action(Date.now(), state.name, frame.data)
      : conversation.line(Date.now(), frame.data, state.name);
  item.classList.add('pending');
  // Sent from wherever the person was reading: they are taken to it, as Slack and Element do.
  conversation.toEnd();
  conversation.append(item);
  outbox.add({ cid: cid, frame: frame, item: item });
}

function closed(event) {
  state.ws = null;
  outbox.closed();
  if (state.name === null) {
    setStatus('');
    cannotJoin(event);
    return;
  }
  if (event.code === 1001) {
    conversation.serverWentAway();
  }
  if (event.code === KICKED || event.code === BANNED) {
    // Coming back at once would be turned away again: the person reads why, and reloads to try.
    conversation.notice(visible(event.reason || 'removed by an operator'));
    setStatus(visible(event.reason || 'removed by an operator'));
    return;
  }
  if (event.code === SIGNED_OUT) {
    // The session's token resumes nothing now, and the password the page joined with is the old
    // one: a new login, with the new password, starts a new session.
    state.name = null;
    state.token = null;
    state.lastId = null;
    $('me').textContent = '';
    setStatus('');
    backToJoinForm('Signed out: the account\'s password was changed on another connection; log in again.');
    return;
  }
  reconnectIn(state.retryMs, 'disconnected' + (event.reason ? ' (' + visible(event.reason) + ')' : ''));
  state.retryMs = Math.min(MAX_RETRY_MS, state.retryMs * 2);
}

/** Connects again after this wait, the status counting the seconds down as the terminal client does. */
function reconnectIn(ms, said) {
  const at = Date.now() + ms;
  const tick = () => {
    const left = at - Date.now();
    if (left <= 0) {
      state.reconnectTimer = null;
      connect();
      return;
    }
    setStatus(said + '; reconnecting in ' + Math.ceil(left / 1000) + ' s');
    // The next tick when the figure shown changes.
    state.reconnectTimer = setTimeout(tick, left % 1000 || 1000);
  };
  tick();
}

// A page left for another is closed, not kept alive in the browser's back-forward cache with its
// user still listed; coming back to it starts afresh.
window.addEventListener('pagehide', () => {
  if (state.ws) {
    state.ws.close(1000, 'page closed');
  }
});
window.addEventListener('pageshow', (event) => {
  if (event.persisted) {
    location.reload();
  }
});

showJoinForm((name, password, register, serverPassword) => {
  state.wanted = name;
  state.serverPassword = serverPassword || '';
  account.joining(password, register);
  // Asked once, at the click that joins (browsers ask only in answer to one): mentions while the
  // tab is hidden are told by a notification, if the person allows them.
  if ('Notification' in window && Notification.permission === 'default') {
    Notification.requestPermission().catch(() => {});
  }
  connect();
});
sendAndRecall($('say-form'), $('line'), say);
