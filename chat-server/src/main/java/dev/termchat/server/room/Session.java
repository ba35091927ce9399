package dev.termchat.server.room;

import java.util.Optional;

/** A client's session, on or off line. */
final class Session {
  private ResumeToken token;
  private String name;
  private final String host;
  private final String range;
  /** The connection on line with it, or {@code null}. */
  private Who online;
  /** The connection the last resume took it from, still on line then, or {@code null}. */
  private Who takenFrom;
  /** When its name stops being held, once its connection dropped. */
  private long heldUntil;
  /** When its connection on line came, by the log's clock. */
  private long onlineSince;
  /** How long its connections were on line, those before the one on line now: its worth. */
  private long timeOnline;
  private final LineIds lineIds = new LineIds();
  /** The key of the account its client is logged in to, or {@code null}: a resume logs in to it again. */
  private String account;

  /** A new session, on line with {@code who} from {@code now}. */
  Session(Who who, ResumeToken token, String name, String address, long now) {
    this.online = who;
    this.token = token;
    this.onlineSince = now;
    this.name = name;
    this.host = AddressRange.hostOf(address);
    this.range = AddressRange.rangeOf(host);
  }

  /** Whether {@code presented} proves this session and its hold, if it is off line, still runs. */
  boolean resumableWith(ResumeToken presented, long now) {
    return token.matches(presented) && (online != null || heldUntil >= now);
  }

  /**
   * Another connection takes this session over at {@code now}, under a new secret: a token seen
   * on the wire once is worth nothing after; the session part stays, as the name held for it is
   * held under it.
   *
   * @return the connection it was taken from, still on line until now, or {@code null}
   */
  Who takenOverBy(Who who, ResumeToken next, long now) {
    Who from = online;
    takenFrom = from;
    if (from != null) {
      wentOffline(now);
    }
    online = who;
    onlineSince = now;
    token = new ResumeToken(token.session(), next.secret());
    return from;
  }

  /** Its connection dropped at {@code now}; its name is held until {@code heldUntil}. */
  void dropped(long now, long heldUntil) {
    wentOffline(now);
    this.online = null;
    this.heldUntil = heldUntil;
  }

  /** The key of the account it is logged in to, or {@code null}. */
  String account() {
    return account;
  }

  void loggedIn(String account) {
    this.account = account;
  }

  /** Whether a connection has it now. */
  boolean online() {
    return online != null;
  }

  /**
   * Its client logged in: the session goes on under a new secret, which its client is sent, so
   * that whoever saw the token before the login cannot resume the account's session with it.
   */
  void renewed(ResumeToken next) {
    token = new ResumeToken(token.session(), next.secret());
  }

  /**
   * Its token's secret is no longer what its client holds: the token it was given resumes
   * nothing (its account's password changed). Its connection, if on line, goes on as it is.
   */
  void revoke() {
    token = new ResumeToken(token.session(), ResumeToken.issue().secret());
  }

  void renamed(String name) {
    this.name = name;
  }

  ResumeToken token() {
    return token;
  }

  String name() {
    return name;
  }

  /** The IP address its client registered from. */
  String host() {
    return host;
  }

  /** The /24 or /64 of that address. */
  String range() {
    return range;
  }

  long heldUntil() {
    return heldUntil;
  }

  /** Milliseconds its connections were on line, up to the last one that dropped. */
  long timeOnline() {
    return timeOnline;
  }

  /** Its connection on line goes at {@code now}: the time it was on counts. */
  private void wentOffline(long now) {
    timeOnline += Math.max(0, now - onlineSince);
  }

  /**
   * The connection that still had this session when it was last resumed: half open, as after a
   * network change, before the server noticed; it must go.
   */
  Optional<Who> takenFrom() {
    return Optional.ofNullable(takenFrom);
  }

  /** The ids of its client's latest lines. */
  LineIds lineIds() {
    return lineIds;
  }
}
