package dev.termchat.server.edge;

import java.net.InetAddress;
import java.util.Optional;

/**
 * What the edge answers to a plain HTTP GET, one without a WebSocket upgrade: the server's web
 * page, its health and its metrics. Called on the I/O thread, so it must not block.
 */
public interface PlainHttp {
  /**
   * A plain GET.
   *
   * @param path the request's path, without its query
   * @param peer who asks
   * @param host the Host header, blank when there is none
   * @param forwarded whether a proxy says it passed the request on (any of {@link
   *     Handshake#PROXY_HEADERS}): the peer is then not the one who asks
   */
  record Request(String path, InetAddress peer, String host, boolean forwarded) {}

  /** @return the answer, or empty for a path not served (the client is told to upgrade) */
  Optional<HttpAnswer> answer(Request request);

  /** Whether a page is served, whose origin may then open WebSockets here. */
  default boolean servesPage() {
    return false;
  }
}
