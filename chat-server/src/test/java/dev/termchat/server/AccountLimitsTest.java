package dev.termchat.server;

import static dev.termchat.server.AccountsTest.PASSWORD;
import static dev.termchat.server.AccountsTest.nextError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.Moderators;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The limits on accounts that the attack trial of issue 21 found missing, over real sockets from
 * several loopback addresses (127.0.0.0/8 all reach the server), on a clock the test moves.
 */
class AccountLimitsTest {
  /** How long an address that logged in to an account is known to it. */
  static final Duration KNOWN_FOR = Duration.ofDays(30);
  private final List<WebSocketRecorder> opened = new ArrayList<>();

  @AfterEach
  void closeClients() throws InterruptedException {
    for (WebSocketRecorder client : opened) {
      client.closeBlocking();
    }
  }

  /** An extended client from this local address, its welcome taken. */
  WebSocketRecorder extendedFrom(ChatFixture chat, String localAddress) throws InterruptedException {
    WebSocketRecorder client = WebSocketRecorder.extended(chat.uri());
    client.setSocketFactory(Moderators.boundTo(localAddress));
    opened.add(client.open());
    client.nextFrame(Welcome.class);
    return client;
  }

  /** Registers the name and asks to make it an account; the answer is left to the test. */
  static void askToRegister(WebSocketRecorder client, String name) throws InterruptedException {
    assertEquals(name, ChatFixture.register(client, name));
    client.send(AccountRequest.register(PASSWORD));
  }

  @Nested
  class Registrations {
    final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T09:00:00Z"));
    @RegisterExtension final ChatFixture chat = new ChatFixture(clock, config -> config.limitLoopback(true));

    @Test
    void anAddressMakesSixAccountsAtOnceThenOneEveryTenMinutes() throws Exception {
      for (int account = 1; account <= 6; account++) {
        WebSocketRecorder client = extendedFrom(chat, "127.0.0.2");
        askToRegister(client, "user" + account);
        assertEquals(new AccountReply(AccountRequest.REGISTER, "user" + account), AccountsTest.withoutToken(client.nextFrameAfterPresence(AccountReply.class)));
      }
      WebSocketRecorder seventh = extendedFrom(chat, "127.0.0.2");
      askToRegister(seventh, "user7");
      ErrorReply limited = nextError(seventh);
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), limited.code(), limited.toString());
      assertTrue(limited.reason().contains("try again in 600 s"), limited.reason());

      WebSocketRecorder elsewhere = extendedFrom(chat, "127.0.0.3");
      askToRegister(elsewhere, "other");
      assertEquals(new AccountReply(AccountRequest.REGISTER, "other"), AccountsTest.withoutToken(elsewhere.nextFrameAfterPresence(AccountReply.class)),
          "another address is not held by this one's count");

      clock.advance(Duration.ofMinutes(10));
      seventh.send(AccountRequest.register(PASSWORD));
      assertEquals(new AccountReply(AccountRequest.REGISTER, "user7"), AccountsTest.withoutToken(seventh.nextFrameAfterPresence(AccountReply.class)));
      WebSocketRecorder eighth = extendedFrom(chat, "127.0.0.2");
      askToRegister(eighth, "user8");
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), nextError(eighth).code(), "one every ten minutes");
    }
  }

  @Nested
  class RegistrationRanges {
    final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T09:00:00Z"));
    @RegisterExtension final ChatFixture chat = new ChatFixture(clock, config -> config.limitLoopback(true));

    /**
     * Attack trial: 26 of 28 accounts made from one /24, an address at a time. Now a range makes
     * two addresses' worth together: 12 at once, then one every 5 minutes.
     */
    @Test
    void oneRangeMakesTwoAddressesWorthOfAccounts() throws Exception {
      for (int account = 1; account <= 12; account++) {
        WebSocketRecorder client = extendedFrom(chat, "127.0.11." + (account <= 6 ? 1 : 2));
        askToRegister(client, "user" + account);
        assertEquals(new AccountReply(AccountRequest.REGISTER, "user" + account), AccountsTest.withoutToken(client.nextFrameAfterPresence(AccountReply.class)));
      }
      WebSocketRecorder third = extendedFrom(chat, "127.0.11.3");
      askToRegister(third, "user13");
      ErrorReply limited = nextError(third);
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), limited.code(), "a fresh address of the range: " + limited);
      assertTrue(limited.reason().contains("try again in 300 s"), limited.reason());

      WebSocketRecorder elsewhere = extendedFrom(chat, "127.0.12.1");
      askToRegister(elsewhere, "other");
      assertEquals(new AccountReply(AccountRequest.REGISTER, "other"), AccountsTest.withoutToken(elsewhere.nextFrameAfterPresence(AccountReply.class)),
          "another range is not held");
      clock.advance(Duration.ofMinutes(5));
      third.send(AccountRequest.register(PASSWORD));
      assertEquals(new AccountReply(AccountRequest.REGISTER, "user13"), AccountsTest.withoutToken(third.nextFrameAfterPresence(AccountReply.class)));
    }
  }

  @Nested
  class Lockout {
    final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T09:00:00Z"));
    @RegisterExtension final ChatFixture chat = new ChatFixture(clock, config -> config);

    /** Five wrong passwords for alice from the address: the account's burst, and the address's. */
    void failFiveTimes(String address) throws InterruptedException {
      WebSocketRecorder attacker = extendedFrom(chat, address);
      for (int attempt = 0; attempt < 5; attempt++) {
        attacker.send(AccountRequest.login("alice", "guess " + attempt));
        assertEquals(ErrorCode.LOGIN_FAILED.wireName(), nextError(attacker).code());
      }
    }

    ErrorReply refusedLogin(String address, String password) throws InterruptedException {
      WebSocketRecorder client = extendedFrom(chat, address);
      client.send(AccountRequest.login("alice", password));
      return nextError(client);
    }

    void loggedIn(String address) throws InterruptedException {
      WebSocketRecorder owner = extendedFrom(chat, address);
      owner.send(AccountRequest.login("alice", PASSWORD));
      assertEquals(new AccountReply(AccountRequest.LOGIN, "alice"), AccountsTest.withoutToken(owner.nextFrame(AccountReply.class)));
    }

    /**
     * Attack trial: failed logins from addresses in turn held the account, its owner too. Now an
     * address the owner logged in from lately is held by its own limit alone; one it has not used
     * is still held, and an address is known for 30 days.
     */
    @Test
    void guessesFromOtherAddressesDoNotLockTheOwnerOutWhereItLoggedInBefore() throws Exception {
      WebSocketRecorder registrant = extendedFrom(chat, "127.0.0.10");
      askToRegister(registrant, "alice");
      registrant.nextFrameAfterPresence(AccountReply.class);
      registrant.closeBlocking();
      loggedIn("127.0.0.11");

      failFiveTimes("127.0.0.20");
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), refusedLogin("127.0.0.21", "guess 5").code(), "the account is held");
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), refusedLogin("127.0.0.12", PASSWORD).code(),
          "an address the owner never used is held too: the trade-off");
      loggedIn("127.0.0.10");
      loggedIn("127.0.0.11");

      clock.advance(KNOWN_FOR.plusDays(1));
      failFiveTimes("127.0.0.22");
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), refusedLogin("127.0.0.11", PASSWORD).code(),
          "an address the owner last used over 30 days ago is known no more");
    }
  }

  @Nested
  class Ranges {
    final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T09:00:00Z"));
    @RegisterExtension final ChatFixture chat = new ChatFixture(clock, config -> config.limitLoopback(true));

    /** Five wrong logins from the address, each to a name of its own: the address's burst. */
    void failFiveTimes(String address) throws InterruptedException {
      WebSocketRecorder attacker = extendedFrom(chat, address);
      for (int attempt = 0; attempt < 5; attempt++) {
        attacker.send(AccountRequest.login("nobody" + address.replace('.', 'x') + "y" + attempt, "guess"));
        assertEquals(ErrorCode.LOGIN_FAILED.wireName(), nextError(attacker).code());
      }
    }

    ErrorReply loginAnswer(String address) throws InterruptedException {
      WebSocketRecorder client = extendedFrom(chat, address);
      client.send(AccountRequest.login("somebody", "guess"));
      return nextError(client);
    }

    /**
     * Attack trial: logins from addresses in turn in one /24 were bounded per address alone, and
     * kept the hashing queue full. Now a range fails 25 times at once (five addresses' worth),
     * then once every 67 s; another range is not held.
     */
    @Test
    void failedLoginsFromOneRangeAreBoundedTogether() throws Exception {
      for (int host = 1; host <= 5; host++) {
        failFiveTimes("127.0.7." + host);
      }
      ErrorReply limited = loginAnswer("127.0.7.6");
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), limited.code(), "a fresh address of the range: " + limited);
      assertTrue(limited.reason().contains("try again in 67 s"), limited.reason());
      assertEquals(ErrorCode.LOGIN_FAILED.wireName(), loginAnswer("127.0.8.1").code(), "another range is not held");
      clock.advance(Duration.ofSeconds(67));
      assertEquals(ErrorCode.LOGIN_FAILED.wireName(), loginAnswer("127.0.7.7").code(), "one again after 67 s");
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), loginAnswer("127.0.7.8").code(), "and one only");
    }
  }

  @Nested
  class ServerPasswordRanges {
    final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T09:00:00Z"));
    @RegisterExtension final ChatFixture chat = new ChatFixture(clock, config -> config.password("sesame").limitLoopback(true));

    /** A page from this local address, as a browser connects: with an Origin, no Authorization. */
    WebSocketRecorder pageFrom(String localAddress) throws InterruptedException {
      WebSocketRecorder page = WebSocketRecorder.extended(chat.uri());
      page.addHeader("Origin", "http://127.0.0.1:" + chat.uri().getPort());
      page.setSocketFactory(Moderators.boundTo(localAddress));
      opened.add(page.open());
      page.nextFrame(Welcome.class);
      return page;
    }

    /**
     * Attack trial: 1,250 wrong server passwords from one /24 in 0.2 s, five from each address.
     * Now the range has five addresses' worth together.
     */
    @Test
    void wrongServerPasswordsFromOneRangeAreBoundedTogether() throws Exception {
      for (int host = 1; host <= 5; host++) {
        WebSocketRecorder page = pageFrom("127.0.9." + host);
        for (int attempt = 0; attempt < 5; attempt++) {
          page.send(AccountRequest.access("guess " + attempt));
          assertEquals(ErrorCode.LOGIN_FAILED.wireName(), nextError(page).code());
        }
      }
      WebSocketRecorder sixth = pageFrom("127.0.9.6");
      sixth.send(AccountRequest.access("sesame"));
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), nextError(sixth).code(), "a fresh address of the range waits");
      WebSocketRecorder elsewhere = pageFrom("127.0.10.1");
      elsewhere.send(AccountRequest.access("sesame"));
      assertEquals(new AccountReply(AccountRequest.ACCESS, null), AccountsTest.withoutToken(elsewhere.nextFrame(AccountReply.class)));
    }
  }
}
