package dev.termchat.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.termchat.protocol.RoomNames;
import dev.termchat.server.room.MessageArchive;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomSettings;
import dev.termchat.server.room.Who;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search in a real store: kept to its room, words as people write them, marks where the words are. */
class StoreSearchTest {
  private static final Who ALICE = new Who(RoomSettings.LOCAL_NODE, 1);

  @TempDir Path dir;
  private SqliteRoomLog log;
  private SqliteArchive archive;
  private final SqliteRoomLogTest.Room room = new SqliteRoomLogTest.Room();
  private int lines;

  @BeforeEach
  void open() {
    log = new SqliteRoomLog(StoreFile.open(dir, 1_000), Clock.systemUTC(), 100_000);
    log.start(room);
    archive = new SqliteArchive(log.file(), log);
  }

  @AfterEach
  void close() {
    archive.close();
    log.close();
  }

  private void say(String room, String text) throws InterruptedException {
    log.append(new RoomEvent.Line(ALICE, room, "alice", null, text, false, "c" + lines++, "0-0"));
  }

  private List<MessageArchive.Hit> search(String name, String words) throws Exception {
    log.follow(name, 0); // Behind every line before it: loaded once they are committed.
    assertNotNull(room.loads.poll(10, TimeUnit.SECONDS));
    return archive.search(RoomNames.keyOf(name), words, 20).get(10, TimeUnit.SECONDS);
  }

  private static List<String> texts(List<MessageArchive.Hit> hits) {
    return hits.stream().map(hit -> hit.message().message()).toList();
  }

  @Test
  void aRoomWhoseKeySharesItsWordsWithAnotherOrHasNoneFindsOnlyItsOwn() throws Exception {
    say("#general", "deploy from general");
    say("#general_", "deploy from general_");
    say("#_", "deploy from underscore");
    say("#dev-ops", "deploy from dev-ops");
    say("#dev.ops", "deploy from dev.ops");
    assertEquals(List.of("deploy from general_"), texts(search("#general_", "deploy")));
    assertEquals(List.of("deploy from underscore"), texts(search("#_", "deploy")));
    assertEquals(List.of("deploy from dev.ops"), texts(search("#dev.ops", "deploy")));
    assertEquals(List.of("deploy from general"), texts(search("#general", "deploy")));
  }

  @Test
  void marksFallWhereTheWordsAreThoughTheTextHoldsControlCharacters() throws Exception {
    say("#ops", "has \u0001ctrl\u0002 marks \uFDD0 deploy");
    MessageArchive.Hit hit = search("#ops", "deploy").get(0);
    MessageArchive.Mark mark = hit.marks().get(0);
    assertEquals("deploy", hit.message().message().substring(mark.start(), mark.end()));
    assertEquals(1, hit.marks().size());
  }

  @Test
  void aWordWithCombiningMarksIsOneWordAndAccentsAsideHoweverWritten() throws Exception {
    say("#hindi", "दिन या");
    say("#hindi", "नमस्ते दुनिया");
    say("#hindi", "un cafe\u0301 noir");
    assertEquals(List.of("नमस्ते दुनिया"), texts(search("#hindi", "दुनिया")));
    assertEquals(List.of("un cafe\u0301 noir"), texts(search("#hindi", "CAFÉ")));
    assertEquals(List.of("un cafe\u0301 noir"), texts(search("#hindi", "cafe")));
  }

  /** FTS5's highlight leaves a NUL out of the text it marks: the marks still fall on the word. */
  @Test
  void marksFallOnTheWordWhateverNulsComeBeforeIt() throws Exception {
    say("#general", "a\u0000zq4182");
    say("#general", "\u0000 \u0000zq4183 end");
    assertEquals(
        List.of(new MessageArchive.Mark(2, 8)), search("#general", "zq4182").get(0).marks());
    assertEquals(
        List.of(new MessageArchive.Mark(3, 9)), search("#general", "zq4183").get(0).marks());
  }
}
