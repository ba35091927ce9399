package dev.termchat.client;

import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.ProtocolException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/**
 * Connections a test plays the server's side of: each attempt a session dials is kept, with the
 * frames sent on it, decoded, and how it was closed; nothing touches a socket.
 */
final class FakeLinks implements Function<URI, FakeLinks.Link> {
  private final List<Link> dialed = new ArrayList<>();

  @Override
  public Link apply(URI server) {
    Link link = new Link(server);
    dialed.add(link);
    return link;
  }

  List<Link> dialed() {
    return dialed;
  }

  Link last() {
    return dialed.get(dialed.size() - 1);
  }

  static final class Link implements ServerLink {
    private final FrameCodec codec = new FrameCodec();
    final URI server;
    final List<ClientFrame> sent = new ArrayList<>();
    boolean connecting;
    boolean open;
    /** How the session closed it: "close 1000 bye", "dropped 1006 ...", or null. */
    String closedBy;

    Link(URI server) {
      this.server = server;
    }

    @Override
    public void connect() {
      connecting = true;
    }

    @Override
    public void send(String text) {
      if (!open) {
        throw new WebsocketNotConnectedException();
      }
      try {
        sent.add(codec.decodeClientFrame(text));
      } catch (ProtocolException e) {
        throw new AssertionError("sent a frame no server would read: " + text, e);
      }
    }

    @Override
    public void close(int code, String reason) {
      closedBy = "close " + code + " " + reason;
    }

    @Override
    public void closeConnection(int code, String reason) {
      closedBy = "dropped " + code + " " + reason;
    }

    @Override
    public boolean isClosed() {
      return closedBy != null;
    }
  }
}
