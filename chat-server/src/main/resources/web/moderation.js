// Moderation on the page: the commands, read as the terminal client's ModerationCommands reads
// them, and the notice of an act, in the words the terminal client shows (Moderation.described).

/** The moderation commands, as /help lists them. */
export const MODERATION_COMMANDS = [
  ['/op NAME, /deop NAME', 'make someone an operator of the room you type in, or no longer (operators only)'],
  ['/kick NAME [WHY]', 'take someone out of the room you type in'],
  ['/ban WHO [TIME] [WHY]', 'keep a name, address or range (203.0.113.0/24) out of the room, for a TIME (90s, 30m, 2h, 7d) or for good; /unban WHO; /serverban, /serverunban for the whole server'],
  ['/delete [ID|@NAME]', 'delete your latest line in the room you type in, or as an operator any by its id, or NAME\'s latest'],
  ['/mute, /unmute', 'only operators and voiced members speak in the room, or all again; /voice NAME, /devoice NAME'],
  ['/whois NAME, /banlist', 'registered or guest, role in the room, online since; the room\'s bans (operators; /serverbanlist: the server\'s)'],
];

const ACTS = ['op', 'deop', 'voice', 'devoice', 'kick', 'ban', 'unban', 'mute', 'unmute', 'delete', 'banlist', 'whois'];
/** The acts that name no one: a room's own state, or a question of it. */
const UNTARGETED = ['mute', 'unmute', 'banlist'];
const SECONDS = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/**
 * What a moderation command asks: {moderate: {act, options}} with the options but the room's,
 * or {notice: usage}; null for a command that is no moderation command.
 */
export function moderationCommand(command, rest) {
  const server = command.startsWith('/server');
  const act = command.substring(server ? '/server'.length : 1);
  if (!ACTS.includes(act) || (server && act !== 'ban' && act !== 'unban' && act !== 'banlist')) {
    return null;
  }
  const targeted = !UNTARGETED.includes(act);
  const words = rest.trim().match(/^(\S*)\s*([\s\S]*)$/);
  const target = words[1];
  let reason = words[2].trim();
  if (act === 'delete' && !target) {
    return { moderate: { act: act, options: [], own: true } }; // One's latest line in the room, which the page knows.
  }
  if (targeted !== (target !== '')) {
    return { notice: 'usage: ' + usage(command, act) };
  }
  const options = targeted ? ['target=' + target] : [];
  if (act === 'ban') {
    const time = reason.match(/^([0-9]{1,9})([smhd]?)(?:\s+([\s\S]*))?$/);
    if (time) {
      options.push('for=' + Number(time[1]) * SECONDS[time[2]]);
      reason = (time[3] || '').trim();
    }
  }
  if (reason && (act === 'kick' || act === 'ban')) {
    options.push('reason=' + reason);
  }
  if (server) {
    options.push('server=1');
  }
  return { moderate: { act: act, options: options } };
}

function usage(command, act) {
  if (act === 'ban') {
    return command + ' NAME|ADDRESS|RANGE [TIME] [WHY]';
  }
  return UNTARGETED.includes(act) ? command : command + ' NAME' + (act === 'kick' ? ' [WHY]' : '');
}

/** An act in words after its operator's name, as the terminal client shows it. */
export function described(notice) {
  const target = notice.target;
  const room = notice.room;
  const said = {
    op: () => 'made ' + target + ' an operator of ' + room,
    deop: () => 'took operator from ' + target + ' in ' + room,
    voice: () => 'gave ' + target + ' voice in ' + room,
    devoice: () => 'took voice from ' + target + ' in ' + room,
    kick: () => 'kicked ' + target + ' from ' + room,
    ban: () => 'banned ' + target + ' from ' + (notice.server ? 'the server' : room) + (notice.until ? ' until ' + shownTime(notice.until) : ''),
    unban: () => 'lifted the ban on ' + target + (notice.server ? ' from the server' : ' in ' + room),
    mute: () => 'muted ' + room + ': only operators and voiced members speak',
    unmute: () => 'unmuted ' + room,
    // Whose message and when, never its words: it may have been a password said by mistake.
    delete: () => 'deleted ' + (!notice.from ? 'a message' : notice.from === notice.by ? 'their message' : notice.from + '\'s message')
      + (notice.said ? ' said at ' + shownSecond(notice.said) : '') + ' in ' + room,
  }[notice.act];
  const text = said ? said() : notice.act;
  return notice.by + ' ' + (notice.reason ? text + ': ' + notice.reason : text);
}

/** The bans in force the server answered /banlist with, a line each, as the terminal client shows them. */
export function banList(list) {
  const of = list.server ? 'the server' : list.room;
  const bans = Array.isArray(list.bans) ? list.bans : [];
  if (bans.length === 0) {
    return ['no bans of ' + of];
  }
  return ['bans of ' + of + ' (' + bans.length + '):', ...bans.map((ban) => '  ' + ban.target + ', by ' + ban.by
    + (ban.until ? ' until ' + shownTime(ban.until) : ', no end') + (ban.reason ? ': ' + ban.reason : ''))];
}

const ROLES = { 'server-operator': () => 'a server operator', owner: (room) => 'the owner of ' + room,
  operator: (room) => 'an operator of ' + room, voice: (room) => 'voiced in ' + room };

/** The server's answer to /whois, as the terminal client shows it. */
export function whois(who) {
  const role = (ROLES[who.rank] || ((room) => 'no role in ' + room))(who.room);
  return who.name + ': ' + (who.account ? 'registered' : 'a guest (no account)') + ', ' + role + ', '
    + (who.since ? 'online since ' + shownTime(who.since) : 'not online');
}

/** 2026-12-07 08:01 UTC, as the server and the terminal client write a ban's end. */
function shownTime(millis) {
  return new Date(millis).toISOString().substring(0, 16).replace('T', ' ') + ' UTC';
}

/** 2026-12-07 08:00:00 UTC, as the terminal client writes when a deleted message was said. */
function shownSecond(millis) {
  return new Date(millis).toISOString().substring(0, 19).replace('T', ' ') + ' UTC';
}
