package dev.termchat.server;

/** What a requested name becomes before it is registered. */
final class Names {
  private Names() {}

  /** The name to claim, or {@code null} when the request asks for a guest name. */
  static String normalize(String requested) {
    if (requested == null) {
      return null;
    }
    String trimmed = requested.strip();
    return trimmed.isEmpty() ? null : trimmed;
  }
}
