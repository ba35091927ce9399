// How a remote party's text is shown: as text, its invisible characters made visible, and each
// name in a colour of its own.

// Control and format characters (bidi marks and overrides, zero-width ones), line and paragraph
// separators, private-use and unassigned code points, shown as <U+XXXX> as the terminal client
// shows them, so that no name or message can reverse, hide or forge the text around it. The
// joiners that emoji and some scripts need stay.
const INVISIBLE = /(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/gu;

export function visible(text) {
  return String(text === undefined || text === null ? '' : text).replace(
    INVISIBLE, (c) => '<U+' + c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0') + '>');
}

/**
 * How many colours names take: style.css gives each of .name-0 … .name-7 one hue, dark on the
 * conversation's light background and light on the users list's dark one. Eight hues far apart
 * are told apart at a glance, which a wheel of 360 is not; two names may share one.
 */
const COLOURS = 8;

/** The class that gives this name its colour, the same wherever it is shown. */
export function colourOf(name) {
  let hash = 0;
  for (const c of String(name)) {
    hash = (hash * 31 + c.codePointAt(0)) >>> 0;
  }
  return 'name-' + (hash % COLOURS);
}
