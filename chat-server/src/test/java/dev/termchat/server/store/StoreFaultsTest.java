package dev.termchat.server.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Welcome;
import dev.termchat.server.ChatServer;
import dev.termchat.server.ServerConfig;
import dev.termchat.testing.WebSocketRecorder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults under a running server's store, for real, on a small tmpfs of its own (so the test runs
 * as root, as CI does): the disk filled by a file, the directory deleted. A line that cannot be
 * kept is refused with {@code unavailable}, never echoed, and health says 503 while it lasts.
 */
class StoreFaultsTest {
  @TempDir Path dir;
  private Path disk;
  private ChatServer server;
  private WebSocketRecorder alice;

  @BeforeEach
  void mountASmallDisk() throws Exception {
    disk = Files.createDirectory(dir.resolve("disk"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", disk.toString()).inheritIO().start();
    assertEquals(0, mount.waitFor(), "this test mounts a tmpfs, which needs root (CI runs as root)");
  }

  @AfterEach
  void unmount() throws Exception {
    if (alice != null) {
      alice.closeBlocking();
    }
    if (server != null) {
      server.close();
    }
    new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
  }

  @Test
  void aLineThatCannotBeKeptIsRefusedUnavailableAndHealthSays503UntilThereIsRoomAgain() throws Exception {
    server = ChatServer.start(ServerConfig.builder().port(0).data(disk.resolve("data")).build());
    alice = registered("alice");
    alice.send(new SendMessage("before the disk filled", "c1"));
    assertEquals("before the disk filled", alice.nextFrameAfterPresence(ChatMessage.class).message());
    assertEquals(200, health());

    Path filler = fill(disk.resolve("filler"));
    alice.send(new SendMessage("on a full disk", "c2"));
    ErrorReply refused = alice.nextFrameAfterPresence(ErrorReply.class);
    assertEquals(ErrorCode.UNAVAILABLE.wireName(), refused.code());
    assertEquals("c2", refused.clientId());
    assertEquals(503, health());

    Files.delete(filler);
    alice.send(new SendMessage("on a full disk", "c2")); // Kept by the client, sent again.
    ChatMessage kept = alice.nextFrameAfterPresence(ChatMessage.class);
    assertEquals("on a full disk", kept.message());
    await().atMost(Duration.ofSeconds(10)).until(() -> health() == 200);
  }

  @Test
  void aStoreWhoseDirectoryWasDeletedEchoesNothingMore() throws Exception {
    Path data = disk.resolve("data");
    server = ChatServer.start(ServerConfig.builder().port(0).data(data).build());
    alice = registered("alice");
    alice.send(new SendMessage("before the directory went", "c1"));
    assertEquals("before the directory went", alice.nextFrameAfterPresence(ChatMessage.class).message());

    try (Stream<Path> files = Files.walk(data)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
    // The open files would still take writes, which no restart would find: not echoed.
    alice.send(new SendMessage("after it went", "c2"));
    ErrorReply refused = alice.nextFrameAfterPresence(ErrorReply.class);
    assertEquals(ErrorCode.UNAVAILABLE.wireName(), refused.code());
    assertEquals("c2", refused.clientId());
    assertEquals(503, health());
  }

  private WebSocketRecorder registered(String name) throws InterruptedException {
    WebSocketRecorder client = WebSocketRecorder.extended(server.uri()).open();
    client.nextFrame(Welcome.class);
    client.send(new Register(name));
    client.nextFrame(Register.class);
    return client;
  }

  @Test
  void aStartOnAFullDiskIsRefusedSayingTheDiskMayBeFull() throws Exception {
    Path filler = fill(disk.resolve("filler"));
    StoreException refused = assertThrows(StoreException.class, () -> StoreFile.open(disk.resolve("new"), 1_000));
    assertTrue(
        refused.getMessage().contains("is the disk full?") || refused.getMessage().contains("No space left"), refused.getMessage());
    Files.delete(filler);
  }

  /** Writes a file until the disk has no room left. */
  private static Path fill(Path file) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      if (!String.valueOf(full.getMessage()).contains("No space left")) {
        throw full;
      }
    }
    return file;
  }

  private int health() throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + server.uri().getPort() + "/healthz");
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
