package dev.termchat.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;

/**
 * One rooms client of {@code chat-bench room-memory}: it speaks the extension, and hands every
 * frame's {@code messageType} to whoever waits for it, in order. Slow and simple on purpose: the
 * memory probe opens a hundred of these, not ten thousand.
 */
final class MemoryClient extends WebSocketClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLOSED = "(closed)";

  /** Frame types, in arrival order; filled by the library's thread. */
  private final BlockingQueue<String> types = new LinkedBlockingQueue<>();

  MemoryClient(URI server) {
    super(server, new Draft_6455(List.<IExtension>of(), List.<IProtocol>of(new Protocol("termchat.v1"))), Map.of(), 10_000);
  }

  /** Sends a frame of this type, text and options. */
  void send(String type, String data, String... options) {
    try {
      send(JSON.writeValueAsString(Map.of("messageType", type, "data", data, "dataArray", List.of(options))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a " + type + " frame", e);
    }
  }

  /** Waits for the next frame of this type, skipping others; fails on a close or error frame. */
  void await(String type, long timeoutMillis) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      String next = types.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new TimeoutException("no " + type + " frame within " + timeoutMillis + " ms");
      }
      if (next.equals(type)) {
        return;
      }
      if (next.equals(CLOSED) || next.equals("error")) {
        throw new IllegalStateException("the server answered " + next + " while a " + type + " frame was awaited");
      }
    }
  }

  @Override
  public void onOpen(ServerHandshake handshake) {}

  @Override
  public void onMessage(String text) {
    try {
      JsonNode frame = JSON.readTree(text);
      types.add(frame.path("messageType").asText(""));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      types.add("(not json)");
    }
  }

  @Override
  public void onClose(int code, String reason, boolean remote) {
    types.add(CLOSED);
  }

  @Override
  public void onError(Exception e) {
    types.add(CLOSED);
  }
}
