package dev.termchat.server.room;

import static dev.termchat.server.room.RoomSteps.joinIn;
import static dev.termchat.server.room.RoomSteps.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.server.account.AccountStoreException;
import dev.termchat.server.account.AccountStore;
import dev.termchat.server.account.OfflineMessages;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A private message to an offline account whose store cannot keep it: refused, naming its line,
 * never echoed as if it were kept. Over the room with fake members and an account store that
 * fails.
 */
class OfflineMailTest {
  private final CompletableFuture<Throwable> fatal = new CompletableFuture<>();
  private final ChatRoom room = new ChatRoom(new FrameCodec(), RoomSettings.defaults(), new InMemoryRoomLog(Clock.systemUTC()), fatal::complete);
  private final OfflineMessages mail = new OfflineMessages(room, new FullStore(), Clock.systemUTC(), 10, Duration.ofDays(1));

  /** A store whose disk is full: it keeps nothing. */
  private static final class FullStore implements AccountStore {
    @Override
    public Optional<Stored> find(String key) {
      return Optional.empty();
    }

    @Override
    public boolean create(String key, String name, String hash) {
      throw new AccountStoreException("the disk is full", null);
    }

    @Override
    public void changeHash(String key, String hash) {
      throw new AccountStoreException("the disk is full", null);
    }

    @Override
    public List<String> names() {
      return List.of();
    }

    @Override
    public void keep(String key, PrivateChat message, int max, int perSender) {
      throw new AccountStoreException("the disk is full", null);
    }

    @Override
    public List<PrivateChat> take(String key) {
      return List.of();
    }

    @Override
    public void close() {}
  }

  @AfterEach
  void close() {
    mail.close();
    RoomSteps.closeRoom(room, fatal);
  }

  @Test
  void aMessageThatCannotBeKeptIsRefusedNotEchoed() throws Exception {
    room.reserveAccounts(List.of("bob"));
    room.offlineMail(mail);
    room.start();
    FakeMember alice = FakeMember.extendedClient();
    joinIn(room, alice, register("alice"));
    room.whisper(alice, "bob", "psst", "c1");
    ServerFrame frame = alice.next();
    while (!(frame instanceof ErrorReply)) {
      assertFalse(frame instanceof PrivateChat, "echoed as if kept: " + frame);
      frame = alice.next();
    }
    ErrorReply refused = (ErrorReply) frame;
    assertEquals(ErrorCode.CANNOT_RECEIVE.wireName(), refused.code());
    assertEquals("c1", refused.clientId());
    RoomSteps.assertNoMoreFramesBeforeMarker(room, alice);
  }
}
