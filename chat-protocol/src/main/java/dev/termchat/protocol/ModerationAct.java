package dev.termchat.protocol;

import java.util.Arrays;
import java.util.Optional;

/** What a moderation request asks, and what a moderation notice tells, by its wire name. */
public enum ModerationAct {
  OP("op"),
  DEOP("deop"),
  VOICE("voice"),
  DEVOICE("devoice"),
  KICK("kick"),
  BAN("ban"),
  UNBAN("unban"),
  MUTE("mute"),
  UNMUTE("unmute"),
  DELETE("delete"),
  /** A question, never an act: the bans of a room, or with {@code server=1} of the server. */
  BANLIST("banlist"),
  /** A question, never an act: who holds a name, and their rank in the room. */
  WHOIS("whois");

  private final String wireName;

  ModerationAct(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<ModerationAct> of(String wireName) {
    return Arrays.stream(values()).filter(act -> act.wireName.equals(wireName)).findFirst();
  }

  /** Whether the act needs a target: all but muting and unmuting a room, and listing its bans. */
  public boolean targeted() {
    return this != MUTE && this != UNMUTE && this != BANLIST;
  }

  /** Whether this is a question, answered to its asker alone and done to no one. */
  public boolean question() {
    return this == BANLIST || this == WHOIS;
  }
}
