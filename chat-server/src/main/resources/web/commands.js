// What a person types in the chat: a line to say, or a command, read as the terminal client
// reads them (chat-client's ConsoleReader), so that the two take the same commands.

/** The commands, as /help lists them: usage, and what it does ({name}: the person's own name). */
const COMMANDS = [
  ['/users, /who', 'who is online'],
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
 * {nick: NAME}; {users: true}; {help: true}; {notice: TEXT}, said to the person alone.
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
      const [to, text] = recipientAndText(rest, online);
      return to && text && text.trim() ? say('private', text, ['to=' + to]) : { notice: 'usage: /msg NAME TEXT' };
    }
    case '/nick':
      return rest ? { nick: rest } : { notice: 'usage: /nick NAME' };
    case '/users':
    case '/who':
      return { users: true };
    case '/help':
      return { help: true };
    default:
      return { notice: 'unknown command ' + command + '; /help lists the commands' };
  }
}

function say(type, data, options = []) {
  return { say: { type: type, data: data, options: options } };
}

/**
 * NAME TEXT split in two: NAME is the longest name online that the line starts with, in any
 * case, since names may hold spaces (/msg mary jane hi); otherwise the first word.
 */
function recipientAndText(rest, online) {
  let best = null;
  for (const name of online) {
    const starts = rest.length > name.length && rest.charAt(name.length) === ' '
      && rest.substring(0, name.length).toLowerCase() === name.toLowerCase();
    if (starts && (best === null || name.length > best.length)) {
      best = name;
    }
  }
  if (best !== null) {
    return [best, rest.substring(best.length + 1).trim()];
  }
  const space = rest.search(/\s/);
  return space < 0 ? [rest, ''] : [rest.substring(0, space), rest.substring(space).trim()];
}
