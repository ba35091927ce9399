package dev.termchat.server.settings;

/** How log lines look. */
public enum LogFormat {
  text,
  json
}
