package dev.termchat.server.edge;

import dev.termchat.protocol.Wire;

/**
 * A line's own id ({@code "id=c7"} in its options), found in the frame's text without decoding
 * it: a frame dropped for its rate is refused before any JSON is read (a flood must stay cheap),
 * yet the refusal names the line, as every error about a line does. Only a plain id is found:
 * one with an escape in it, or longer than any id, names nothing. Stateless.
 */
final class LineIdPeek {
  private static final String MARK = "\"" + Wire.OPTION_ID + "=";

  private LineIdPeek() {}

  /** The id the frame's options give its line, or {@code null}. */
  static String of(String text) {
    int start = text.indexOf(MARK);
    if (start < 0) {
      return null;
    }
    start += MARK.length();
    int end = text.indexOf('"', start);
    if (end < 0 || end - start > Wire.MAX_CLIENT_ID_CHARS || end == start) {
      return null;
    }
    String id = text.substring(start, end);
    return id.indexOf('\\') < 0 ? id : null;
  }
}
