package dev.termchat.server;

import static dev.termchat.testing.Moderators.next;
import static dev.termchat.testing.Moderators.notice;
import static dev.termchat.testing.Moderators.roomsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.History;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Search;
import dev.termchat.protocol.SearchHits;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Wire;
import dev.termchat.server.store.StoreFile;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.WebSocketRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bans on a server on its own are kept in its store: a restart keeps them even once the log's
 * entries that made them are gone (as retention lets them go), and a ban that ran out is gone.
 */
class ModerationStoreTest {
  private final Path data = tempDir();
  private final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T08:00:00Z"));

  @RegisterExtension
  final ChatFixture chat = new ChatFixture(clock, config -> config.operators(List.of("root")).data(data));

  private Path tempDir() {
    try {
      return Files.createTempDirectory("termchat-moderation");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Empties the log's entries, as retention does to old ones, with the server stopped. */
  private void forgetTheLog() throws Exception {
    chat.server().close();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(StoreFile.DB));
        Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM entries");
    }
  }

  private int closeCodeOf(String name) throws InterruptedException {
    WebSocketRecorder client = chat.connect();
    client.send(new Register(name));
    while (true) {
      WebSocketRecorder.Event event = client.next();
      if (event instanceof WebSocketRecorder.Closed closed) {
        return closed.code();
      }
      if (event instanceof WebSocketRecorder.Text text && text.text().contains("\"users\"")) {
        return 0; // let in
      }
    }
  }

  @Test
  void aDeletedMessageLeavesTheStoreItsSearchIndexAndTheReplay() throws Exception {
    WebSocketRecorder bob = roomsClient(chat, "bob", "#general");
    bob.send(new SendMessage("the password is hunter2", "b1", "#general"));
    String secret = next(bob, ChatMessage.class).id();
    bob.send(new SendMessage("the weather is fine", "b2", "#general"));
    next(bob, ChatMessage.class);
    bob.send(new Moderate(ModerationAct.DELETE, "#general", secret, 0, "", false));
    assertEquals(secret, notice(bob, ModerationAct.DELETE).target());

    bob.send(new Search("#general", "the", 20));
    SearchHits hits = next(bob, SearchHits.class);
    assertEquals(List.of("the weather is fine"), hits.hits().stream().map(hit -> hit.message().message()).toList());
    bob.send(new Search("#general", "hunter2", 20));
    assertEquals(List.of(), next(bob, SearchHits.class).hits());
    bob.closeBlocking();

    chat.server().close();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(StoreFile.DB));
        Statement statement = connection.createStatement()) {
      for (String table : List.of("entries", "messages")) {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table + " WHERE " + (table.equals("entries") ? "body" : "text") + " LIKE '%hunter2%'")) {
          assertEquals(0, rows.getInt(1), table);
        }
      }
      statement.execute("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')"); // Throws if the index kept the deleted row.
    }
    chat.restart();
    WebSocketRecorder carol = roomsClient(chat, "carol", "#general");
    carol.send(new SendMessage("marker", "c1", "#general"));
    List<String> seen = new ArrayList<>();
    while (true) {
      ServerFrame frame = carol.nextServerFrame();
      ServerFrame inner = frame instanceof InRoom inRoom ? inRoom.frame() : frame;
      if (inner instanceof History history) {
        seen.add(history.entry().message());
      } else if (inner instanceof ChatMessage message && message.message().equals("marker")) {
        break;
      }
    }
    assertEquals(List.of("the weather is fine"), seen);
  }

  /**
   * A kill after the delete's entry was kept and before the store took the message out: the
   * store is made so from a copy taken before the delete and the entries kept after it, and the
   * next start takes the message out.
   */
  @Test
  void aDeleteKeptInTheLogTakesTheMessageOutAtTheNextStartIfAKillCameFirst() throws Exception {
    WebSocketRecorder bob = roomsClient(chat, "bob", "#general");
    bob.send(new SendMessage("the password is hunter2", "b1", "#general"));
    String secret = next(bob, ChatMessage.class).id();
    bob.closeBlocking();
    chat.server().close();
    Path before = data.resolve("before-the-delete.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(StoreFile.DB));
        Statement statement = connection.createStatement()) {
      statement.execute("VACUUM INTO '" + before + "'");
    }

    chat.restart();
    bob = roomsClient(chat, "bob", "#general");
    bob.send(new Moderate(ModerationAct.DELETE, "#general", secret, 0, "", false));
    assertEquals(secret, notice(bob, ModerationAct.DELETE).target());
    bob.closeBlocking();
    chat.server().close();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + before);
        Statement statement = connection.createStatement()) {
      statement.execute("ATTACH DATABASE '" + data.resolve(StoreFile.DB) + "' AS after");
      statement.execute("INSERT INTO entries SELECT * FROM after.entries WHERE seq > (SELECT max(seq) FROM entries)");
    }
    for (String file : List.of(StoreFile.DB + "-wal", StoreFile.DB + "-shm")) {
      Files.deleteIfExists(data.resolve(file));
    }
    Files.move(before, data.resolve(StoreFile.DB), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    chat.restart();
    WebSocketRecorder carol = roomsClient(chat, "carol", "#general");
    carol.send(new Search("#general", "hunter2", 20));
    assertEquals(List.of(), next(carol, SearchHits.class).hits(), "the replayed delete took the message out of the store");
  }

  @Test
  void aDeleteOfSomeonesLatestLineByNameIsNotAppliedAgainToAnotherAtARestart() throws Exception {
    WebSocketRecorder root = roomsClient(chat, "root", "#general");
    WebSocketRecorder bob = roomsClient(chat, "bob", "#general");
    bob.send(new SendMessage("first", "b1", "#general"));
    next(bob, ChatMessage.class);
    bob.send(new SendMessage("spam", "b2", "#general"));
    String spam = next(bob, ChatMessage.class).id();
    root.send(new Moderate(ModerationAct.DELETE, "#general", "@bob", 0, "", false));
    assertEquals(spam, notice(bob, ModerationAct.DELETE).target());
    root.closeBlocking();
    bob.closeBlocking();

    chat.server().close();
    chat.restart(); // replays the log, the delete by name in it, without the line it deleted
    WebSocketRecorder carol = roomsClient(chat, "carol", "#general");
    carol.send(new SendMessage("marker", "c1", "#general"));
    List<String> seen = new ArrayList<>();
    while (true) {
      ServerFrame frame = carol.nextServerFrame();
      ServerFrame inner = frame instanceof InRoom inRoom ? inRoom.frame() : frame;
      if (inner instanceof History history) {
        seen.add(history.entry().message());
      } else if (inner instanceof ChatMessage message && message.message().equals("marker")) {
        break;
      }
    }
    assertEquals(List.of("first"), seen);
  }

  /** The rank whois gives the name in the room, asked by a newcomer. */
  private String rankOf(String name, String room) throws InterruptedException {
    WebSocketRecorder asker = roomsClient(chat, "asker", room);
    asker.send(dev.termchat.testing.Moderators.act(ModerationAct.WHOIS, room, name));
    String rank = next(asker, dev.termchat.protocol.Whois.class).rank();
    asker.closeBlocking();
    return rank;
  }

  /**
   * An account's role in a room is not stored as a ban is: it comes back at a start from the
   * log's replayed entries (the act that made it), so a restart keeps it while that entry is
   * replayed, and forgets it once retention lets the entry go. A muted room comes back the same
   * way: the room is made once, and its state with it.
   */
  @Test
  void anAccountsRoleAndARoomsMuteComeBackFromTheReplayedLogAndGoWithIt() throws Exception {
    WebSocketRecorder carol = roomsClient(chat, "carol", "#team");
    carol.send(dev.termchat.protocol.AccountRequest.register(AccountsTest.PASSWORD));
    next(carol, dev.termchat.protocol.AccountReply.class);
    WebSocketRecorder root = roomsClient(chat, "root", "#team");
    root.send(dev.termchat.testing.Moderators.act(ModerationAct.OP, "#team", "carol"));
    notice(root, ModerationAct.OP);
    root.send(dev.termchat.testing.Moderators.act(ModerationAct.MUTE, "#team", null));
    notice(root, ModerationAct.MUTE);
    carol.closeBlocking();
    root.closeBlocking();

    chat.server().close();
    chat.restart();
    assertEquals("operator", rankOf("carol", "#team"), "kept: the op is in the replayed log");
    WebSocketRecorder guest = roomsClient(chat, "guest", "#team");
    guest.send(new SendMessage("hello?", "g1", "#team"));
    assertEquals(dev.termchat.protocol.ErrorCode.NOT_PERMITTED.wireName(), next(guest, dev.termchat.protocol.ErrorReply.class).code(),
        "kept: the mute is in the replayed log too");
    guest.closeBlocking();

    forgetTheLog();
    chat.restart();
    assertEquals("member", rankOf("carol", "#team"), "gone with the log's entries");
  }

  @Test
  void aRestartKeepsTheBansThatTheLogNoLongerHoldsAndForgetsThoseThatRanOut() throws Exception {
    WebSocketRecorder root = roomsClient(chat, "root", "#general");
    root.send(new Moderate(ModerationAct.BAN, "#general", "mallory", 0, "for good", true));
    notice(root, ModerationAct.BAN);
    root.send(new Moderate(ModerationAct.BAN, "#general", "trudy", 3600, "an hour", true));
    notice(root, ModerationAct.BAN);
    root.closeBlocking();

    forgetTheLog();
    chat.restart();
    assertEquals(Wire.CLOSE_BANNED, closeCodeOf("mallory"));
    assertEquals(Wire.CLOSE_BANNED, closeCodeOf("trudy"));

    clock.advance(Duration.ofHours(1).plusSeconds(1));
    assertEquals(0, closeCodeOf("trudy"));
    chat.server().close();
    chat.restart();
    assertEquals(Wire.CLOSE_BANNED, closeCodeOf("mallory"));
    assertEquals(0, closeCodeOf("trudy-2".substring(0, 5)));
  }
}
