// The conversation as the page shows it: a bounded list of lines, each put in as text.
import { colourOf, visible } from './names.js';
import { appendRich } from './text.js';

/**
 * The most lines the page keeps: older ones leave the page, so that a tab open through a flood
 * stays small. Scrolling to the top brings them back from the server (scrollback.js).
 */
export const MAX_LINES = 1000;
/** The most characters a message shows before its "show more". */
export const SHOWN_CHARS = 600;
export class Conversation {
  constructor(pane) {
    this.pane = pane;
    /** The person's own name, marked where a message says it. */
    this.ownName = null;
    /** The notice that older lines left the page, once they have. */
    this.trimmed = null;
    /**
     * Whether the person is at the latest line, which then stays in sight as lines come, as the
     * pane is shown again and as it changes size (a phone turned, its keyboard opened). Kept from
     * when the pane was last shown: a hidden one has no size to tell it by.
     */
    this.atEnd = true;
    /** Whether lines came below the place the person reads, since they were last at the end. */
    this.unseen = false;
    /** Told when unseen changes, to show or hide the hint that says so. */
    this.onUnseen = () => {};
    pane.addEventListener('scroll', () => this.notePlace());
    new ResizeObserver(() => this.keepPlace()).observe(pane);
  }

  /** Notes whether the person is at the latest line, while the pane is shown. */
  notePlace() {
    const pane = this.pane;
    if (pane.clientHeight > 0) {
      this.atEnd = pane.scrollHeight - pane.scrollTop - pane.clientHeight < 40;
      this.markUnseen(this.unseen && !this.atEnd);
    }
  }

  /** Takes the person to the latest line: what they do themselves (a line sent, a search) is answered there. */
  toEnd() {
    this.atEnd = true;
    this.keepPlace();
    this.markUnseen(false);
  }

  markUnseen(unseen) {
    if (this.unseen !== unseen) {
      this.unseen = unseen;
      this.onUnseen();
    }
  }

  /** Shows the latest line if the person was at it; else leaves the pane where they scrolled it. */
  keepPlace() {
    if (this.atEnd) {
      this.pane.scrollTop = this.pane.scrollHeight;
    }
  }

  /**
   * One line of the conversation: time, who, text; every part set as text. The name, if any, is
   * shown as the label given (as "bob → you"), in the colour of the name.
   */
  line(time, text, name, label = name) {
    const item = document.createElement('li');
    const when = document.createElement('span');
    when.className = 'time';
    if (time) {
      when.textContent = shownTime(new Date(time), new Date());
      when.title = new Date(time).toLocaleString([], { dateStyle: 'full', timeStyle: 'short' });
    }
    item.append(when);
    if (name !== null) {
      const who = document.createElement('span');
      who.className = 'from ' + colourOf(name);
      who.textContent = visible(label);
      item.append(who);
    }
    appendText(item, text, this.markFor(name));
    return item;
  }

  /** The name to mark in a line from this sender: the person's own, unless the line is theirs. */
  markFor(sender) {
    return sender === this.ownName ? null : this.ownName;
  }

  /**
   * An action, "* bob waves": the name shown as in a message, bold and in its colour, so that a
   * name of several words ("alice quits the") cannot pass for another's action.
   */
  action(time, name, text) {
    const item = this.line(time, '', null);
    const who = document.createElement('span');
    who.className = 'from actor ' + colourOf(name);
    who.textContent = visible(name);
    item.append(document.createTextNode('* '), who, document.createTextNode(' '));
    appendText(item, text, this.markFor(name));
    return item;
  }

  notice(text, className) {
    const item = document.createElement('li');
    item.className = 'notice' + (className ? ' ' + className : '');
    item.textContent = visible(text);
    this.append(item);
    return item;
  }

  /** A command and what it does, as /help lists them: the usages in a column of their own. */
  command(usage, meaning) {
    const item = document.createElement('li');
    item.className = 'notice command';
    const what = document.createElement('span');
    what.className = 'usage';
    what.textContent = usage;
    item.append(what, document.createTextNode(' ' + visible(meaning)));
    this.append(item);
  }

  /**
   * The server closed the connection as it shut down. It tells no one that the others left as
   * it lets them all go, so this one notice is the whole of it.
   */
  serverWentAway() {
    this.notice('the server went away (it is shutting down or restarting)', 'away');
  }

  append(item) {
    this.notePlace();
    this.pane.append(item);
    this.trim();
    this.keepPlace();
    // Not pulled down to it (Slack and Element do not either): told that it is there.
    this.markUnseen(this.unseen || !this.atEnd);
  }

  /** Keeps the latest MAX_LINES lines, under a notice that older ones are gone. */
  trim() {
    const pane = this.pane;
    const kept = () => pane.childElementCount - (this.trimmed ? 1 : 0);
    if (kept() <= MAX_LINES) {
      return;
    }
    if (!this.trimmed) {
      this.trimmed = document.createElement('li');
      this.trimmed.className = 'notice trimmed';
      this.trimmed.textContent = 'older messages are no longer shown: the page keeps the latest ' + MAX_LINES.toLocaleString('en');
      pane.prepend(this.trimmed);
    }
    while (kept() > MAX_LINES) {
      const oldest = this.trimmed.nextElementSibling;
      oldest.remove();
    }
  }
}

/**
 * The "new messages below" button over the room shown, while lines came below where the person
 * is reading back (a line of another's never pulls the pane down): a click takes them there.
 */
export class BelowHint {
  /**
   * @param panes the element the rooms' panes are in, over which it shows
   * @param shown the conversation of the room shown, asked each time; null before any
   */
  constructor(panes, shown) {
    this.shown = shown;
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.id = 'below';
    this.button.textContent = 'new messages below';
    this.button.hidden = true;
    this.button.addEventListener('click', () => this.shown().toEnd());
    panes.append(this.button);
  }

  /** Shown while the room shown has lines below where the person reads. */
  update() {
    const conversation = this.shown();
    this.button.hidden = !(conversation && conversation.unseen);
  }
}

/**
 * The text of a message, its first SHOWN_CHARS characters as shown and a "show more" for the
 * rest: a message of 4,000 invisible characters shows as 32,000, and a thousand of them would
 * weigh on the tab. The rest is made only when asked for.
 */
function appendText(item, text, ownName) {
  const shown = visible(text);
  if (shown.length <= SHOWN_CHARS) {
    appendRich(item, text, ownName);
    return;
  }
  // Not cut inside a <U+XXXX> or a surrogate pair.
  const head = shown.slice(0, SHOWN_CHARS).replace(/<U\+[0-9A-F]*$|[\uD800-\uDBFF]$/, '');
  const part = document.createTextNode(head + '…');
  const more = document.createElement('button');
  more.type = 'button';
  more.className = 'more';
  more.textContent = 'show more (' + (shown.length - head.length).toLocaleString('en') + ' characters)';
  more.addEventListener('click', () => {
    part.remove();
    more.remove();
    appendRich(item, text, ownName);
  });
  item.append(part, more);
}

/**
 * When a line was said, as its pane shows it: the time alone for today's lines; with the day for
 * any other's ("Dec 6, 02:18 AM"), and the year for another year's, so that history from
 * yesterday does not pass for today's (as the terminal's "[6 Dec 02:18]").
 */
export function shownTime(said, now) {
  const clock = { hour: '2-digit', minute: '2-digit' };
  if (said.toDateString() === now.toDateString()) {
    return said.toLocaleTimeString([], clock);
  }
  const year = said.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' };
  return said.toLocaleString([], { day: 'numeric', month: 'short', ...year, ...clock });
}
