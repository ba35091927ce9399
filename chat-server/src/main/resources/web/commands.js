// What a person types in the chat: a line to say, or a command, read as the terminal client
// reads them (chat-client's ConsoleReader), so that the two take the same commands.

import { MODERATION_COMMANDS, moderationCommand } from './moderation.js';

/** The commands, as /help lists them: usage, and what it does ({name}: the person's own name). */
const COMMANDS = [
  ['/users, /names, /who', 'who is in the room you type in'],
  ['/join #ROOM...', 'join rooms (each made if no one is in it; apart by spaces or commas) and type in the last'],
  ['/part [#ROOM...]', 'leave rooms, the one you type in unless named'],
  ['/switch #ROOM', 'type in another of your rooms (or click it in the list)'],
  ['/topic [TEXT]', 'the topic of the room you type in; with TEXT, set it'],
  ['/list', 'the rooms, the most people first'],
  ['/search WORDS', 'the messages of the room you type in that hold all the words, best first, the words marked'],
  ['/history [N]', 'the N messages (50 unless given, 1 to 1000) before the oldest shown in the room you type in (so does scrolling to the top)'],
  ...MODERATION_COMMANDS,
  ['/me TEXT', 'an action: /me waves shows as * {name} waves'],
  ['/msg NAME TEXT', 'a private message, which NAME alone sees'],
  ['/nick NAME', 'take a new name'],
  ['/help', 'these commands'],
  ['//text', 'send text that starts with a slash'],
];

/** The commands for this person, [usage, meaning] each. */
export function commands(name) {
  return COMMANDS.map(([usage, meaning]) => [usage, meaning.replace('{name}', name)]);
}

/**
 * What a typed line (not blank) asks for, one of:
 * {say: {type, data, options}}, a frame to send: a message, an action or a private message;
 * {nick: NAME}; {users: true}; {help: true}; {join: [#ROOM...]}; {part: [#ROOM...], none for the
 * room typed in}; {switchTo: #ROOM}; {topic: TEXT}; {list: true}; {search: WORDS}; {history: N};
 * {moderate: {act, options}} (moderation.js); {notice: TEXT}, said to the person alone.
 * online: the names online, to tell a name of several words after /msg.
 */
export function read(line, online) {
  if (line.startsWith('//')) {
    return say('message', line.substring(1));
  }
  if (!line.startsWith('/')) {
    return say('message', line);
  }
  const words = line.trim().match(/^(\S+)\s*([\s\S]*)$/);
  const command = words[1].toLowerCase();
  const rest = words[2];
  switch (command) {
    case '/me':
      return rest ? say('action', rest) : { notice: 'usage: /me TEXT, e.g. /me waves' };
    case '/msg': {
      const to = recipientAndText(rest, online);
      if (to.candidates) {
        return { notice: whichOne(to.candidates) };
      }
      return to.name && to.text ? say('private', to.text, ['to=' + to.name]) : { notice: 'usage: /msg NAME TEXT' };
    }
    case '/nick':
      return rest ? { nick: rest } : { notice: 'usage: /nick NAME' };
    case '/users':
    case '/names':
    case '/who':
      return { users: true };
    case '/help':
      return { help: true };
    case '/join':
      return rest ? { join: roomNames(rest) } : { notice: 'usage: /join #ROOM, e.g. /join #dev' };
    case '/part':
    case '/leave':
      return { part: rest ? roomNames(rest) : [] };
    case '/switch':
      return rest ? { switchTo: roomNames(rest)[0] } : { notice: 'usage: /switch #ROOM' };
    case '/topic':
      return { topic: rest };
    case '/list':
      return { list: true };
    case '/search':
      return rest.trim() ? { search: rest.trim() } : { notice: 'usage: /search WORDS, e.g. /search deploy friday' };
    case '/history':
      return history(rest.trim());
    default:
      return moderationCommand(command, rest) || { notice: 'unknown command ' + command + '; /help lists the commands' };
  }
}

/** The most messages one /history asks for, as the server gives at most and the terminal client asks. */
const MAX_HISTORY = 1000;

/** /history [N]: N from 1 to 1000, 50 when not given. */
function history(count) {
  if (count === '') {
    return { history: 50 };
  }
  const n = /^[0-9]{1,4}$/.test(count) ? Number(count) : 0;
  return n >= 1 && n <= MAX_HISTORY ? { history: n } : { notice: 'usage: /history [N], N from 1 to ' + MAX_HISTORY };
}

/** Room names typed, apart by spaces or commas, each with its # (added when left out). */
function roomNames(rest) {
  return rest.split(/[\s,]+/).filter((name) => name).map((name) => (name.startsWith('#') ? name : '#' + name));
}

function say(type, data, options = []) {
  return { say: { type: type, data: data, options: options } };
}

/**
 * Whom /msg NAME TEXT is for, as the terminal client's Addressee finds it: {name, text}, or
 * {candidates} when several names online could be meant. NAME is the name online, in any case,
 * that the line starts with before a space, since names may hold spaces (/msg mary jane hi);
 * with none, the first word. With bob and "bob I" online, /msg bob I think... is for neither:
 * whoever took "bob I" would get what was meant for bob. The name in double quotes says which;
 * a name may hold a quote, so a quoted name that could be several people is refused too.
 */
function recipientAndText(rest, online) {
  const quoted = online.filter((name) => startsWith(rest, '"' + name + '"'));
  const plain = online.filter((name) => startsWith(rest, name) && rest.length > name.length);
  const meant = quoted.length > 0 ? quoted : plain;
  if (meant.length > 1) {
    return { candidates: meant };
  }
  if (meant.length === 1) {
    const length = meant[0].length + (quoted.length > 0 ? 2 : 0);
    return { name: meant[0], text: rest.substring(length).trim() };
  }
  const quotedName = rest.match(/^"([^"]+)"(?:\s+([\s\S]*))?$/);
  if (quotedName) {
    return { name: quotedName[1], text: (quotedName[2] || '').trim() };
  }
  const words = rest.trim().match(/^(\S*)\s*([\s\S]*)$/);
  return { name: words[1], text: words[2].trim() };
}

/** Whether the line starts with this, in any case, followed by white space or nothing. */
function startsWith(rest, start) {
  return rest.substring(0, start.length).toLowerCase() === start.toLowerCase()
    && (rest.length === start.length || /\s/.test(rest.charAt(start.length)));
}

/** What to tell a person whose line could be for several: who they are, and how to say which. */
function whichOne(candidates) {
  return 'not sent: that could be for ' + candidates.map((name) => '"' + name + '"').join(' or ')
    + '; put the name in quotes: ' + candidates.map((name) => '/msg "' + name + '" TEXT').join(' or ');
}
