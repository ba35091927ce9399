package dev.termchat.server;

import static dev.termchat.server.AccountsTest.PASSWORD;
import static dev.termchat.server.AccountsTest.extended;
import static dev.termchat.server.AccountsTest.registered;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendPrivate;
import dev.termchat.protocol.Welcome;
import dev.termchat.server.settings.AccountOptions;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.WebSocketRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private messages to a registered user who is offline, over real sockets: kept, and delivered
 * at the next login, in order, once; bounded per recipient and by age (on a clock the test
 * moves); kept in the store through a restart.
 */
class OfflineMessagesTest {
  private static final AtomicInteger IDS = new AtomicInteger();

  /** Sends private messages to the name, each echoed to its sender. */
  static void whisper(WebSocketRecorder sender, String to, String... texts) throws InterruptedException {
    for (String text : texts) {
      sender.send(new SendPrivate(to, text, "p" + IDS.incrementAndGet()));
      assertEquals(text, sender.nextFrameAfterPresence(PrivateChat.class).message());
    }
  }

  /**
   * Logs in to the account before registering, and reads the private messages kept for it: they
   * come before the login's answer, oldest first, in one go; then registers under its name.
   */
  static List<String> logInAndRead(ChatFixture chat, String name) throws InterruptedException {
    WebSocketRecorder owner = extended(chat);
    owner.send(AccountRequest.login(name, PASSWORD));
    List<String> read = keptBeforeTheAnswer(owner);
    owner.send(new Register(name, List.of("history=0")));
    assertEquals(name, owner.nextFrame(Register.class).name());
    owner.closeBlocking();
    return read;
  }

  /** An extended client registered as a variant of the account's name, that logs in to it. */
  static WebSocketRecorder loggingIn(ChatFixture chat, String name) throws InterruptedException {
    WebSocketRecorder owner = extended(chat);
    ChatFixture.register(owner, name);
    owner.send(AccountRequest.login(name, PASSWORD));
    return owner;
  }

  /** The private messages that come before the answer to the client's login, which must succeed. */
  static List<String> keptBeforeTheAnswer(WebSocketRecorder owner) throws InterruptedException {
    List<String> read = new ArrayList<>();
    while (true) {
      var frame = owner.nextServerFrame();
      if (frame instanceof AccountReply reply) {
        assertEquals(AccountRequest.LOGIN, reply.op());
        return read;
      }
      if (frame instanceof PrivateChat kept) {
        read.add(kept.from() + ": " + kept.message());
      }
    }
  }

  /**
   * Attack trial: a guest's 100 private messages to an offline account pushed out what a friend
   * had kept for it. Now one sender has at most 10 kept for an account, its newest.
   */
  static void oneSenderCannotPushTheOthersOut(ChatFixture chat) throws InterruptedException {
    registered(chat, "bob").closeBlocking();
    WebSocketRecorder carol = extended(chat);
    ChatFixture.register(carol, "carol");
    whisper(carol, "bob", "from a friend");
    WebSocketRecorder mallory = extended(chat);
    ChatFixture.register(mallory, "mallory");
    List<String> flood = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      flood.add("flood " + i);
    }
    whisper(mallory, "bob", flood.toArray(String[]::new));
    List<String> expected = new ArrayList<>(List.of("carol: from a friend"));
    flood.subList(5, 15).forEach(text -> expected.add("mallory: " + text));
    assertEquals(expected, logInAndRead(chat, "bob"));
  }

  @Nested
  class InMemory {
    @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config);

    @Test
    void oneSenderHasAtMostTenKeptForAnAccount() throws Exception {
      oneSenderCannotPushTheOthersOut(chat);
    }

    @Test
    void keptForAnOfflineAccountAndDeliveredAtItsNextLoginInOrderOnce() throws Exception {
      registered(chat, "bob").closeBlocking();
      WebSocketRecorder alice = extended(chat);
      ChatFixture.register(alice, "alice");
      whisper(alice, "bob", "one", "two", "three");
      assertEquals(List.of("alice: one", "alice: two", "alice: three"), logInAndRead(chat, "bob"));
      whisper(alice, "bob", "four");
      assertEquals(List.of("alice: four"), logInAndRead(chat, "bob"), "once: those delivered are not again");
    }

    @Test
    void aLoginAfterTheRegisterGetsThemToo() throws Exception {
      registered(chat, "bob").closeBlocking();
      WebSocketRecorder alice = extended(chat);
      ChatFixture.register(alice, "alice");
      whisper(alice, "Bob", "psst");
      WebSocketRecorder owner = extended(chat);
      assertEquals("bob-2", ChatFixture.register(owner, "bob"));
      owner.send(AccountRequest.login("bob", PASSWORD));
      while (!(owner.nextServerFrame() instanceof PrivateChat kept && kept.message().equals("psst"))) {
        // Other frames (presence, the login's answer, the rename) may come between.
      }
    }

    @Test
    void theyComeBeforeTheLoginsAnswerSoAClientThatEndsOnceAnsweredHasThem() throws Exception {
      registered(chat, "bob").closeBlocking();
      WebSocketRecorder alice = extended(chat);
      ChatFixture.register(alice, "alice");
      whisper(alice, "bob", "one", "two");
      WebSocketRecorder owner = extended(chat);
      assertEquals("bob-2", ChatFixture.register(owner, "bob"));
      owner.send(AccountRequest.login("bob", PASSWORD));
      assertEquals(List.of("alice: one", "alice: two"), keptBeforeTheAnswer(owner));
      owner.closeBlocking();
      assertEquals(List.of(), keptBeforeTheAnswer(loggingIn(chat, "bob")), "once: the next login has none");
    }

    @Test
    void toANameThatIsNoAccountItIsStillRefused() throws Exception {
      WebSocketRecorder alice = extended(chat);
      ChatFixture.register(alice, "alice");
      alice.send(new SendPrivate("nobody", "hello?", "p0"));
      assertEquals(ErrorCode.UNKNOWN_USER.wireName(), alice.nextFrameAfterPresence(ErrorReply.class).code());
    }
  }

  @Nested
  class Bounds {
    final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T09:00:00Z"));
    @RegisterExtension final ChatFixture chat =
        new ChatFixture(clock, config -> config.set(AccountOptions.OFFLINE_MESSAGES, 2).set(AccountOptions.OFFLINE_DAYS, 1));

    @Test
    void theNewestPerRecipientAreKept() throws Exception {
      registered(chat, "bob").closeBlocking();
      WebSocketRecorder alice = extended(chat);
      ChatFixture.register(alice, "alice");
      whisper(alice, "bob", "one", "two", "three");
      assertEquals(List.of("alice: two", "alice: three"), logInAndRead(chat, "bob"));
    }

    @Test
    void thoseOlderThanTheAgeAreLetGo() throws Exception {
      registered(chat, "bob").closeBlocking();
      WebSocketRecorder alice = extended(chat);
      ChatFixture.register(alice, "alice");
      whisper(alice, "bob", "stale");
      clock.advance(Duration.ofDays(2));
      whisper(alice, "bob", "fresh");
      assertEquals(List.of("alice: fresh"), logInAndRead(chat, "bob"));
    }
  }

  @Nested
  class Stored {
    @TempDir static Path data;
    @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.data(data));

    @Test
    void keptThroughARestart() throws Exception {
      registered(chat, "bob").closeBlocking();
      WebSocketRecorder alice = WebSocketRecorder.extended(chat.uri()).open();
      alice.nextFrame(Welcome.class);
      ChatFixture.register(alice, "alice");
      whisper(alice, "bob", "before the restart");
      alice.closeBlocking();
      chat.restart();
      assertEquals(List.of("alice: before the restart"), logInAndRead(chat, "bob"));
    }
  }

  @Nested
  class StoredPerSender {
    @TempDir Path data;
    @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.data(data));

    @Test
    void oneSenderHasAtMostTenKeptForAnAccountInTheStore() throws Exception {
      oneSenderCannotPushTheOthersOut(chat);
    }
  }
}
