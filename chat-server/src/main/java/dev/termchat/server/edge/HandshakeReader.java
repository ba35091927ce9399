package dev.termchat.server.edge;

import dev.termchat.server.log.LogFields;
import dev.termchat.server.room.AddressRange;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The first stage of a connection: the bytes of its HTTP request in, as they arrive, and an
 * {@link Outcome} out. It parses ({@link Handshake}), checks the request ({@link
 * HandshakePolicy}), counts the connection in ({@link Admission}), and finds the page a plain GET
 * asks for ({@link PlainHttp}); refusals are counted and logged here. Confined to the I/O thread.
 */
final class HandshakeReader {
  private static final Logger log = EdgeLoggers.CONNECTION;
  /** The first byte of a TLS ClientHello; no HTTP request starts with it. */
  private static final byte TLS_HANDSHAKE_RECORD = 0x16;

  /** What the bytes so far make. */
  sealed interface Outcome {}

  /** Not the whole request yet. */
  record NeedMore() implements Outcome {}

  /** No request will do: the connection just ends. */
  record Drop(String why) implements Outcome {}

  /**
   * An HTTP answer, after which the connection ends: a refusal, or a page.
   *
   * @param status the answer's HTTP status
   */
  record Answer(int status, ByteBuffer response) implements Outcome {}

  /**
   * A WebSocket, admitted: it counts towards the caps until {@link #released}. Its request, and
   * the bytes that came right behind it (the first frames).
   */
  record Open(Handshake.Request request, ByteBuffer rest, boolean locked) implements Outcome {}

  private static final NeedMore NEED_MORE = new NeedMore();

  private final EdgeContext context;
  private final InputBudget.Holder holder;
  private final InetAddress remote;
  private final String address;

  // Confined to the I/O thread.
  /** The request as it arrives; null before its first byte and once it is whole. */
  private RequestHead head;
  /** Whether {@link Admission} counted the connection in. */
  private boolean admitted;

  HandshakeReader(EdgeContext context, InputBudget.Holder holder, InetAddress remote, String address) {
    this.context = context;
    this.holder = holder;
    this.remote = remote;
    this.address = address;
  }

  /** Takes the bytes given; once the request is whole, what it makes. */
  Outcome read(ByteBuffer bytes) {
    if (head == null && bytes.hasRemaining() && bytes.get(bytes.position()) == TLS_HANDSHAKE_RECORD) {
      // A wss:// client at a ws:// port: no HTTP request will come, so it is told at once, by the
      // end of the connection, rather than after the handshake timeout.
      return new Drop("a TLS handshake on a plain port");
    }
    if (head == null) {
      head = new RequestHead(context.inputBudget(), holder);
    }
    RequestHead.Progress progress = head.add(bytes);
    switch (progress) {
      case MORE -> {
        return NEED_MORE;
      }
      case TOO_LONG -> {
        head = null;
        return refuse(Refusal.headTooLarge(), false);
      }
      case NO_ROOM -> {
        return new Drop("no room for its handshake among those of others");
      }
      case WHOLE -> {}
    }
    ByteBuffer received = head.received();
    int end = head.end();
    head = null;
    return whole(received.duplicate().limit(end), received.position(end));
  }

  private Outcome whole(ByteBuffer request, ByteBuffer rest) {
    Handshake.Result result = Handshake.read(request);
    if (result.refusal().isPresent()) {
      return refuse(result.refusal().get(), false);
    }
    if (result.plain().isPresent()) {
      Handshake.PlainGet get = result.plain().get();
      Optional<HttpAnswer> page = context.plainHttp().answer(new PlainHttp.Request(get.path(), remote, get.host(), get.forwarded()));
      if (page.isEmpty()) {
        return refuse(Refusal.notWebSocket(), false);
      }
      return new Answer(page.get().status(), get.head() ? page.get().headBytes() : page.get().bytes());
    }
    Handshake.Request upgrade = result.request().orElseThrow();
    Optional<Refusal> refusal = context.policy().check(upgrade.headers(), AddressRange.hostOf(address));
    boolean locked = refusal.isPresent() && refusal.get().status() == Refusal.wrongPassword().status() && context.policy().passwordInBand(upgrade)
        && context.accounts() != null;
    if (locked) {
      refusal = Optional.empty();
    }
    if (refusal.isEmpty()) {
      refusal = context.admission().admit(remote);
      admitted = refusal.isEmpty();
    }
    if (refusal.isPresent()) {
      return refuse(refusal.get(), true);
    }
    return new Open(upgrade, rest, locked);
  }

  /** @param policy whether it was the server's policy that refused, not a malformed request */
  private Outcome refuse(Refusal refusal, boolean policy) {
    context.meters().refused("http-" + refusal.status());
    if (policy && context.refusalLog().allow()) {
      try (LogFields fields = LogFields.of("event", "refused", "address", address, "status", refusal.status())) {
        log.info("Refused a connection from {}: {}", remote.getHostAddress(), refusal.reason());
      }
    } else if (!policy) {
      log.debug("Refused a connection from {}: {}", address, refusal.reason());
    }
    return new Answer(refusal.status(), refusal.httpResponse());
  }

  /** The connection has closed: it gives back its place in the caps, and any request in progress. */
  void released() {
    head = null;
    if (admitted) {
      admitted = false;
      context.admission().release(remote);
    }
    context.admission().socketClosed(remote);
  }
}
