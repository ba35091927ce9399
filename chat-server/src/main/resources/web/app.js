// The chat in a browser: the termchat.v1 extension over the page's own WebSocket. Everything a
// remote party sends (names, messages, reasons) goes into the page as text, never as HTML.
'use strict';

const SUBPROTOCOL = 'termchat.v1';
const MAX_RETRY_MS = 8000;
const $ = (id) => document.getElementById(id);
// Control and format characters (bidi marks and overrides, zero-width ones), line and paragraph
// separators, private-use and unassigned code points, shown as <U+XXXX> as the terminal client
// shows them, so that no name or message can reverse, hide or forge the text around it. The
// joiners that emoji and some scripts need stay.
const INVISIBLE = /(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/gu;

function visible(text) {
  return String(text === undefined || text === null ? '' : text).replace(
    INVISIBLE, (c) => '<U+' + c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0') + '>');
}

const state = {
  ws: null,
  wanted: '',        // the name typed at the join form
  name: null,        // the name the server gave
  token: null,       // the session's resume token
  lastId: null,      // the id of the last message seen, to resume after
  extended: false,
  nextCid: 1,
  pending: new Map(), // cid -> {frame, item}: lines sent or to send, until their echo
  retryMs: 1000,
  reconnectTimer: null,
  users: [],
};

function wsUrl() {
  return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/';
}

function connect() {
  setStatus('connecting…');
  const ws = new WebSocket(wsUrl(), [SUBPROTOCOL]);
  state.ws = ws;
  state.extended = false;
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
  if (state.ws && state.ws.readyState === WebSocket.OPEN) {
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
  if (state.lastId) {
    options.push('resume=' + state.lastId);
  }
  send('register', state.name || state.wanted, options);
}

function receive(text) {
  let frame;
  try {
    frame = JSON.parse(text);
  } catch (e) {
    notice(text);
    return;
  }
  const type = frame.messageType;
  const list = Array.isArray(frame.dataArray) ? frame.dataArray : [];
  switch (type) {
    case 'welcome':
      state.extended = true;
      register();
      break;
    case 'register':
      registered(frame.data, list);
      break;
    case 'users':
      showUsers(list);
      break;
    case 'joined':
      list.forEach((who) => notice(who + ' joined'));
      break;
    case 'left':
      list.forEach((who) => notice(who + ' left'));
      break;
    case 'renamed':
      notice(list[0] + ' is now known as ' + list[1]);
      break;
    case 'message':
    case 'action':
    case 'history':
      chat(type, parseData(frame.data));
      break;
    case 'private':
      privateChat(parseData(frame.data));
      break;
    case 'resumed':
      notice(frame.data === 'complete' ? 'reconnected; nothing was missed' : 'reconnected; some messages could not be recovered');
      break;
    case 'error':
      error(parseData(frame.data));
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
  state.name = name;
  const token = options.find((option) => option.startsWith('token='));
  if (token) {
    state.token = token.substring('token='.length);
  }
  $('me').textContent = visible(name);
  state.retryMs = 1000;
  setStatus('');
  if (first) {
    $('join-view').hidden = true;
    $('chat-view').hidden = false;
    $('line').focus();
  }
  resendPending();
}

function showUsers(names) {
  state.users = names;
  const list = $('users');
  list.replaceChildren(...names.map((who) => {
    const item = document.createElement('li');
    item.textContent = visible(who);
    item.style.color = colorOf(who, true);
    return item;
  }));
  $('user-count').textContent = '(' + names.length + ')';
}

function chat(type, message) {
  if (message.id) {
    state.lastId = message.id;
  }
  const own = message.from === state.name && message.cid && state.pending.has(message.cid);
  if (own) {
    const line = state.pending.get(message.cid);
    state.pending.delete(message.cid);
    line.item.remove();
  }
  const action = type === 'action' || message.kind === 'action';
  const item = line_(message.time, message.from, action ? '* ' + message.from + ' ' + message.message : message.message, !action);
  if (type === 'history') {
    item.classList.add('history');
  }
  append(item);
}

function privateChat(message) {
  if (message.from === state.name && message.cid && state.pending.has(message.cid)) {
    state.pending.get(message.cid).item.remove();
    state.pending.delete(message.cid);
  }
  const label = message.from === state.name ? '→ ' + message.to : message.from + ' → you';
  const item = line_(message.time, label, message.message, true);
  item.classList.add('private');
  append(item);
}

function error(reply) {
  const line = reply.cid ? state.pending.get(reply.cid) : null;
  if (line && reply.code === 'unavailable') {
    // Not taken just now: kept, and sent again a little later.
    setStatus('the server cannot take messages just now; they will be sent again');
    setTimeout(() => sendLine(reply.cid), 2000);
    return;
  }
  if (line) {
    state.pending.delete(reply.cid);
    line.item.classList.remove('pending');
    line.item.classList.add('failed');
  }
  const item = document.createElement('li');
  item.className = 'notice failed';
  item.textContent = 'server: ' + visible(reply.reason || reply.code || 'refused');
  append(item);
}

/** One line of the conversation: time, who, text; every part set as text. */
function line_(time, from, text, showFrom) {
  const item = document.createElement('li');
  const when = document.createElement('span');
  when.className = 'time';
  when.textContent = time ? new Date(time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
  item.append(when);
  if (showFrom) {
    const who = document.createElement('span');
    who.className = 'from';
    who.textContent = visible(from);
    who.style.color = colorOf(from, false);
    item.append(who);
  }
  item.append(document.createTextNode(visible(text)));
  return item;
}

function notice(text) {
  const item = document.createElement('li');
  item.className = 'notice';
  item.textContent = visible(text);
  append(item);
}

function append(item) {
  const pane = $('messages');
  const atBottom = pane.scrollHeight - pane.scrollTop - pane.clientHeight < 40;
  pane.append(item);
  if (atBottom) {
    pane.scrollTop = pane.scrollHeight;
  }
}

function colorOf(name, light) {
  let hash = 0;
  for (const c of String(name)) {
    hash = (hash * 31 + c.codePointAt(0)) >>> 0;
  }
  return 'hsl(' + (hash % 360) + ', 60%, ' + (light ? '72%' : '38%') + ')';
}

function setStatus(text) {
  $('status').textContent = text;
}

/** What the user typed: a command or a message, kept until the server echoes it. */
function say(text) {
  let frame;
  if (text.startsWith('/me ')) {
    frame = { type: 'action', data: text.substring(4), options: [] };
  } else if (text.startsWith('/msg ')) {
    const rest = text.substring(5).trim();
    const space = rest.indexOf(' ');
    if (space < 0) {
      notice('usage: /msg NAME TEXT');
      return;
    }
    frame = { type: 'private', data: rest.substring(space + 1), options: ['to=' + rest.substring(0, space)] };
  } else if (text.startsWith('/nick ')) {
    send('nick', text.substring(6).trim());
    return;
  } else if (text.startsWith('/')) {
    notice('commands: /me ACTION, /msg NAME TEXT, /nick NAME');
    return;
  } else {
    frame = { type: 'message', data: text, options: [] };
  }
  const cid = 'w' + state.nextCid++;
  frame.options.push('id=' + cid);
  const item = frame.type === 'private'
    ? line_(Date.now(), '→ ' + frame.options[0].substring(3), frame.data, true)
    : line_(Date.now(), state.name, frame.type === 'action' ? '* ' + state.name + ' ' + frame.data : frame.data, frame.type !== 'action');
  item.classList.add('pending');
  append(item);
  state.pending.set(cid, { frame: frame, item: item });
  sendLine(cid);
}

function sendLine(cid) {
  const line = state.pending.get(cid);
  if (line) {
    send(line.frame.type, line.frame.data, line.frame.options);
  }
}

function resendPending() {
  for (const cid of state.pending.keys()) {
    sendLine(cid);
  }
}

function closed(event) {
  state.ws = null;
  if (state.name === null) {
    $('join-error').textContent = event.code === 1008 || event.code === 1006
      ? 'cannot join this server (' + (event.reason || 'connection refused') + ')'
      : 'disconnected: ' + visible(event.reason || 'code ' + event.code);
    $('join').disabled = false;
    return;
  }
  const seconds = Math.round(state.retryMs / 1000);
  setStatus('disconnected' + (event.reason ? ' (' + visible(event.reason) + ')' : '') + '; reconnecting in ' + seconds + ' s');
  state.reconnectTimer = setTimeout(connect, state.retryMs);
  state.retryMs = Math.min(MAX_RETRY_MS, state.retryMs * 2);
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

document.addEventListener('DOMContentLoaded', () => {
  $('join-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.wanted = $('name').value.trim();
    if (!state.wanted) {
      return;
    }
    $('join-error').textContent = '';
    $('join').disabled = true;
    connect();
  });
  $('say-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('line').value;
    if (text.trim()) {
      say(text);
    }
    $('line').value = '';
  });
});
