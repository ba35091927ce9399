package dev.termchat.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.server.room.MessageArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store an older server made, opened by this one: brought up to date, its messages kept. */
class SchemaTest {
  @TempDir Path dir;

  /** The tables of store version 1 as that server made them, literally: a release wrote them. */
  private void storeOfVersionOne() throws Exception {
    Files.createDirectories(dir);
    try (Connection connection = StoreFile.connect(dir.resolve(StoreFile.DB)); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
      statement.execute("CREATE TABLE entries (seq INTEGER PRIMARY KEY, time INTEGER NOT NULL, room TEXT, body TEXT NOT NULL)");
      statement.execute("CREATE INDEX entries_room ON entries (room, seq)");
      statement.execute("CREATE TABLE messages (seq INTEGER PRIMARY KEY, room TEXT NOT NULL, room_name TEXT NOT NULL, sender TEXT NOT NULL,"
          + " address TEXT, time INTEGER NOT NULL, text TEXT NOT NULL, action INTEGER NOT NULL, cid TEXT)");
      statement.execute("CREATE INDEX messages_room ON messages (room, seq)");
      statement.execute("CREATE VIRTUAL TABLE messages_fts USING fts5 (text, content='messages', content_rowid='seq', tokenize='unicode61')");
      statement.execute("INSERT INTO meta VALUES ('epoch', 777), ('runs', 3)");
      statement.execute("INSERT INTO messages VALUES (1, '#general', '#general', 'alice', NULL, 10, 'deploy went fine', 0, NULL),"
          + " (2, '#dev', '#dev', 'bob', NULL, 11, 'deploy is broken', 0, NULL)");
      statement.execute("INSERT INTO messages_fts (rowid, text) SELECT seq, text FROM messages");
      statement.execute("PRAGMA user_version = 1");
    }
  }

  @Test
  void aStoreOfVersionOneIsBroughtUpToDateAndSearchedRoomByRoom() throws Exception {
    storeOfVersionOne();
    try (StoreFile file = StoreFile.open(dir, 1_000); SqliteArchive archive = new SqliteArchive(file)) {
      assertEquals(777, file.epoch(), "the store's ids keep their epoch");
      List<MessageArchive.Hit> hits = archive.search("#dev", "deploy", 10).get(1, TimeUnit.MINUTES);
      assertEquals(List.of("777-2"), hits.stream().map(hit -> hit.message().id()).toList(), "the room's message, not #general's");
      assertEquals(1, archive.search("#general", "DEPLOY", 10).get(1, TimeUnit.MINUTES).size());
    }
    try (Connection connection = StoreFile.connect(dir.resolve(StoreFile.DB)); Statement statement = connection.createStatement()) {
      try (ResultSet version = statement.executeQuery("PRAGMA user_version")) {
        assertEquals(StoreFile.SCHEMA_VERSION, version.getInt(1));
      }
      statement.execute("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')"); // Throws if the index and the rows differ.
    }
  }

  @Test
  void aSearchRanksTheMessageThatSaysTheWordMostAndThenTheNewest() throws Exception {
    try (StoreFile file = StoreFile.open(dir, 1_000)) {
      try (Connection connection = StoreFile.connect(file.db()); Statement statement = connection.createStatement()) {
        statement.execute("INSERT INTO messages VALUES (1, '#ops', '#ops', 'a', NULL, 1, 'disk full again, the disk of node two, full disk', 0, NULL),"
            + " (2, '#ops', '#ops', 'b', NULL, 2, 'the disk is fine', 0, NULL), (3, '#ops', '#ops', 'c', NULL, 3, 'the disk is fine', 0, NULL)");
        statement.execute("INSERT INTO messages_fts (rowid, text, room_token) SELECT seq, text, room_token FROM messages");
      }
      try (SqliteArchive archive = new SqliteArchive(file)) {
        List<MessageArchive.Hit> hits = archive.search("#ops", "Disk", 10).get(1, TimeUnit.MINUTES);
        assertEquals(List.of(file.epoch() + "-1", file.epoch() + "-3", file.epoch() + "-2"), hits.stream().map(hit -> hit.message().id()).toList());
      }
    }
  }
}
