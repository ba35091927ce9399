// The join form: where a person picks a name, and learns why the page cannot join as asked.
import { visible } from './names.js';

/** Said when the server wants a password, which the page gives in its first frame. */
const PASSWORD_NEEDED = 'This server wants a password: type it as the server password.';
const $ = (id) => document.getElementById(id);

/** What the server tells its page before anyone joins (/settings.json). */
async function serverSettings() {
  try {
    const answer = await fetch('/settings.json', { cache: 'no-store' });
    return answer.ok ? await answer.json() : {};
  } catch (e) {
    return {}; // Out of reach: the WebSocket will tell.
  }
}

/** The name this browser joined with last, offered again on the next visit. */
const NAME_KEY = 'termchat.name';

function remembered() {
  try {
    return localStorage.getItem(NAME_KEY) || '';
  } catch (e) {
    return ''; // Storage refused (a private window, a policy): nothing is remembered.
  }
}

function remember(name) {
  try {
    if (name) {
      localStorage.setItem(NAME_KEY, name);
    } else {
      localStorage.removeItem(NAME_KEY);
    }
  } catch (e) {
    // Storage refused: the name is simply not offered next time.
  }
}

function say(text, canTry) {
  $('join-error').textContent = text;
  $('join').disabled = !canTry;
}

/**
 * Shows the form; joining calls join(name), with '' for a blank name, which asks the server for a
 * guest name as the terminal client makes one up without a name. A server that wants a password
 * says so at once, before anyone types a name in vain.
 */
export async function showJoinForm(join) {
  $('name').value = remembered();
  $('join-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!$('server-password-row').hidden && $('server-password').value === '') {
      // Without it the server takes nothing: asked for here, not found out from a connection.
      askServerPassword();
      $('server-password').focus();
      return;
    }
    say('', false);
    remember($('name').value.trim());
    join($('name').value.trim(), $('password').value, $('register').checked, $('server-password').value);
  });
  if ((await serverSettings()).password) {
    askServerPassword();
  }
}

/** The server wants its own password: a field for it, which the page sends in its first frame. */
function askServerPassword() {
  $('server-password-row').hidden = false;
  say(PASSWORD_NEEDED, true);
}

/** The chat, if shown, gives way to the form: a page that had joined is asked there too. */
function backToForm() {
  $('chat-view').hidden = true;
  $('join-view').hidden = false;
}

/**
 * The server wants its password, and none was given: said at the join form, to type it. A page
 * that had joined (rejoining) learns that the server wants one now, and that typing it rejoins.
 */
export function serverPasswordWanted(rejoining) {
  backToForm();
  askServerPassword();
  if (rejoining) {
    say('The server now wants a password (it was restarted with one): type it as the server password to rejoin.', true);
  }
  $('server-password').focus();
}

/** The server password given was wrong: said at the join form, to type again. */
export function wrongServerPassword(reason) {
  backToForm();
  askServerPassword();
  say('Cannot join: ' + visible(String(reason || 'wrong server password')) + '.', true);
  $('server-password').select();
}

/** The name asked for was refused, with this reason; the person picks another. */
export function nameRefused(wanted, reason) {
  // The server's reason, without what it would do instead (join as a guest).
  const why = String(reason || 'name refused').split(';')[0];
  say('Cannot join as "' + visible(wanted) + '": ' + visible(why) + '. Pick another name.', true);
  $('name').select();
}

/**
 * The connection closed before the page joined. A refused handshake shows only as 1006, so the
 * page asks the server whether it wants a password (it may have been restarted with one).
 */
export async function cannotJoin(event) {
  if (event.code === 1006 && (await serverSettings()).password) {
    askServerPassword();
  } else if (event.code === 1008 || event.code === 1006) {
    say('cannot join this server (' + visible(event.reason || 'connection refused') + ')', true);
  } else {
    say('disconnected: ' + visible(event.reason || 'code ' + event.code), true);
  }
}

/** Joined: the form gives way to the chat. */
export function joined() {
  $('join-view').hidden = true;
  $('chat-view').hidden = false;
  $('line').focus();
}

/**
 * The session is over and only a new login starts another (its account's password was changed
 * elsewhere): the chat gives way to the form, which says why.
 */
export function backToJoinForm(why) {
  backToForm();
  $('password').value = '';
  say(why, true);
  $('password').focus();
}
