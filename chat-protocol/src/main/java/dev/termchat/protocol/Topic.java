package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only, capability {@value Wire#CAPABILITY_ROOMS}: a room's topic, sent when a client
 * joins a room that has one and to everyone in it when it changes:
 * {@code {"messageType":"topic","data":"{\"room\":\"#dev\",\"topic\":\"release on Friday\",\"by\":\"alice\",\"time\":1764151200000}"}}.
 * An empty topic is none.
 *
 * @param by who set it
 * @param time when, epoch milliseconds
 */
public record Topic(String room, String topic, String by, long time) implements ServerFrame {
  public Topic {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(by, "by");
  }

  @Override
  public String messageType() {
    return Wire.TYPE_TOPIC;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.topic(this);
  }
}
