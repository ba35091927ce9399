package dev.termchat.protocol;

/**
 * Extension only: to a client that reconnected and asked to resume,
 * {@code {"messageType":"resumed","data":"complete","dataArray":["count=3"]}}: the messages it
 * missed follow, so many of them; {@code "gap"} when some could not be recovered (they were no
 * longer kept), and those that could follow.
 */
public record Resumed(boolean complete, int count) implements ServerFrame {
  public static final String COMPLETE = "complete";
  public static final String GAP = "gap";

  @Override
  public String messageType() {
    return Wire.TYPE_RESUMED;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.resumed(this);
  }
}
