// A message's text as the page puts it in: as text, its invisible characters made visible (as
// names.js shows them), web links clickable, and the person's own name marked where it is said.
import { visible } from './names.js';

/** Web links, http and https alone: no javascript:, data: or other scheme becomes a link. */
const LINK = /\bhttps?:\/\/[^\s<>"]+/giu;
/** Punctuation that ends a sentence after a link rather than the link itself. */
const TRAILING = /[.,;:!?)\]'}]+$/u;

/** Whether a name is mentioned in a text: as a word of its own, in any case. */
export function mentions(text, name) {
  return name ? mentionSpans(String(text), name).length > 0 : false;
}

/** Where the name is said in the text, as [from, to) pairs: not inside another word. */
function mentionSpans(text, name) {
  const spans = [];
  const lower = text.toLowerCase();
  const wanted = String(name).toLowerCase();
  if (!wanted) {
    return spans;
  }
  for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + wanted.length)) {
    const before = at === 0 ? '' : text[at - 1];
    const after = text[at + wanted.length] || '';
    if (!/[\p{L}\p{N}_]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after)) {
      spans.push([at, at + wanted.length]);
    }
  }
  return spans;
}

/**
 * Appends the text to the element: links as links that open apart from the page (noopener,
 * noreferrer), the own name marked, everything else as text. Only a link that shows as it is
 * (no invisible character in it) becomes one.
 */
export function appendRich(element, text, ownName) {
  const shown = visible(text);
  let from = 0;
  for (const match of shown.matchAll(LINK)) {
    const url = match[0].replace(TRAILING, '');
    appendMarked(element, shown.slice(from, match.index), ownName);
    const link = document.createElement('a');
    link.href = url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.textContent = url;
    element.append(link);
    from = match.index + url.length;
  }
  appendMarked(element, shown.slice(from), ownName);
}

function appendMarked(element, text, ownName) {
  let from = 0;
  for (const [start, end] of ownName ? mentionSpans(text, visible(ownName)) : []) {
    element.append(document.createTextNode(text.slice(from, start)));
    const mark = document.createElement('mark');
    mark.className = 'mention';
    mark.textContent = text.slice(start, end);
    element.append(mark);
    from = end;
  }
  element.append(document.createTextNode(text.slice(from)));
}
