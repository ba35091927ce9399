package dev.termchat.server.web;

/** Whether the server serves its chat page, and what the page must know before anyone joins. */
public enum PageMode {
  /** No page ({@code --no-web}). */
  NONE,
  /** The page, for a server anyone may join. */
  OPEN,
  /**
   * The page, for a server that wants a password, which the page cannot give: a browser sends no
   * {@code Authorization} header on a WebSocket. The page says so instead of trying to join.
   */
  PASSWORD;

  public static PageMode of(boolean served, boolean password) {
    if (!served) {
      return NONE;
    }
    return password ? PASSWORD : OPEN;
  }

  /** What {@code /settings.json} tells the page. */
  String settingsJson() {
    return "{\"password\":" + (this == PASSWORD) + "}";
  }
}
