package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.RawWebSocket;
import dev.termchat.testing.WebSocketRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts over real sockets: a name registered with a password is kept for whoever logs in with
 * it; a guest, another account or a base client asking for it (or a look-alike) gets a variant;
 * a wrong password and an unknown name are answered alike; failed logins are limited on a clock
 * the test moves; a new password ends the account's other sessions; the store keeps accounts
 * through a restart.
 */
class AccountsTest {
  static final String PASSWORD = "correct horse battery";

  static WebSocketRecorder extended(ChatFixture chat) throws InterruptedException {
    WebSocketRecorder client = chat.connectExtended();
    Welcome welcome = client.nextFrame(Welcome.class);
    assertTrue(welcome.capabilities().contains(Wire.CAPABILITY_ACCOUNTS), welcome.toString());
    return client;
  }

  /** An extended client registered under the name, which it makes an account. */
  static WebSocketRecorder registered(ChatFixture chat, String name) throws InterruptedException {
    WebSocketRecorder client = extended(chat);
    assertEquals(name, ChatFixture.register(client, name));
    client.send(AccountRequest.register(PASSWORD));
    assertEquals(new AccountReply(AccountRequest.REGISTER, name), withoutToken(client.nextFrameAfterPresence(AccountReply.class)));
    return client;
  }

  /** The answer as far as its account goes: a login or a register also brings a new token. */
  static AccountReply withoutToken(AccountReply reply) {
    return new AccountReply(reply.op(), reply.name());
  }

  static ErrorReply nextError(WebSocketRecorder client) throws InterruptedException {
    return client.nextFrameAfterPresence(ErrorReply.class);
  }

  @Nested
  class InMemory {
    @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config);

    @Test
    void aRegisteredNameIsKeptForWhoeverLogsIn() throws Exception {
      registered(chat, "alice").closeBlocking();

      WebSocketRecorder base = chat.connect();
      assertEquals("alice-2", ChatFixture.register(base, "alice"), "a base client gets a variant, as for a taken name");
      WebSocketRecorder guest = extended(chat);
      String lookAlike = ChatFixture.register(guest, "aIice");
      assertTrue(lookAlike.startsWith("aIice-"), "nor a look-alike: " + lookAlike);
      WebSocketRecorder renamer = extended(chat);
      ChatFixture.register(renamer, "mallory");
      renamer.send(new dev.termchat.protocol.Nick("Alice"));
      String renamed = renamer.nextFrameAfterPresence(Register.class).name();
      assertTrue(renamed.startsWith("Alice-"), "nor a rename to it: " + renamed);

      WebSocketRecorder owner = extended(chat);
      owner.send(AccountRequest.login("ALICE", PASSWORD));
      assertEquals(new AccountReply(AccountRequest.LOGIN, "alice"), withoutToken(owner.nextFrame(AccountReply.class)));
      assertEquals("alice", ChatFixture.register(owner, "alice"));
    }

    @Test
    void aLoginAfterTheRegisterTakesTheAccountsName() throws Exception {
      registered(chat, "alice").closeBlocking();
      WebSocketRecorder owner = extended(chat);
      owner.send(new Register("alice"));
      Register given = owner.nextFrame(Register.class);
      assertEquals("alice-2", given.name());
      assertEquals(Optional.of("alice"), Options.value(given.options(), Wire.OPTION_REGISTERED), "the reply says why, so the client may log in");
      owner.send(AccountRequest.login("alice", PASSWORD));
      assertEquals(new AccountReply(AccountRequest.LOGIN, "alice"), withoutToken(owner.nextFrameAfterPresence(AccountReply.class)));
      assertEquals("alice", owner.nextFrameAfterPresence(Register.class).name());
    }

    /**
     * Attack trial: the token a connection got at its register, as a guest, still resumed its
     * session once it had logged in, so whoever saw it had the account. Now the login answer
     * brings a new token and the old one resumes nothing.
     */
    @Test
    void aLoginRenewsTheSessionsTokenAndTheOneBeforeResumesNothing() throws Exception {
      registered(chat, "alice").closeBlocking();
      WebSocketRecorder owner = extended(chat);
      owner.send(new Register("guest"));
      String before = owner.nextFrame(Register.class).token().orElseThrow();
      owner.send(AccountRequest.login("alice", PASSWORD));
      AccountReply answer = owner.nextFrameAfterPresence(AccountReply.class);
      String renewed = answer.token();
      assertTrue(renewed != null && !renewed.equals(before), answer.toString());
      assertEquals("alice", owner.nextFrameAfterPresence(Register.class).name());
      owner.dropConnection();

      WebSocketRecorder thief = extended(chat);
      thief.send(new Register("alice", List.of(Wire.OPTION_TOKEN + "=" + before)));
      assertEquals(ErrorCode.INVALID_TOKEN.wireName(), thief.nextFrame(ErrorReply.class).code(), "the token from before the login");
      assertNotEquals("alice", thief.nextFrame(Register.class).name());
      thief.send(AccountRequest.changePassword("a guess at it", "the thief's own one"));
      assertEquals(ErrorCode.ACCOUNT_REFUSED.wireName(), nextError(thief).code(), "not logged in to the account");

      WebSocketRecorder back = extended(chat);
      back.send(new Register("alice", List.of(Wire.OPTION_TOKEN + "=" + renewed)));
      assertEquals("alice", back.nextFrame(Register.class).name(), "the new token resumes the session");
      back.send(AccountRequest.changePassword(PASSWORD, "a brand new password"));
      assertEquals(new AccountReply(AccountRequest.PASSWORD, "alice"), back.nextFrameAfterPresence(AccountReply.class), "logged in still");
    }

    @Test
    void registeringTheNameRenewsTheSessionsToken() throws Exception {
      WebSocketRecorder client = extended(chat);
      client.send(new Register("carol"));
      String before = client.nextFrame(Register.class).token().orElseThrow();
      client.send(AccountRequest.register(PASSWORD));
      String renewed = client.nextFrameAfterPresence(AccountReply.class).token();
      assertTrue(renewed != null && !renewed.equals(before));
      client.dropConnection();
      WebSocketRecorder thief = extended(chat);
      thief.send(new Register("carol", List.of(Wire.OPTION_TOKEN + "=" + before)));
      assertEquals(ErrorCode.INVALID_TOKEN.wireName(), thief.nextFrame(ErrorReply.class).code());
      WebSocketRecorder back = extended(chat);
      back.send(new Register("carol", List.of(Wire.OPTION_TOKEN + "=" + renewed)));
      assertEquals("carol", back.nextFrame(Register.class).name());
    }

    /**
     * Attack trial: the register reply echoed the spelling asked for ({@code registered=аlice},
     * Cyrillic а) as the account's. Now it names the account as registered.
     */
    @Test
    void theRegisterReplyNamesTheAccountAsRegisteredNotTheLookAlikeAsked() throws Exception {
      registered(chat, "alice").closeBlocking();
      for (String lookAlike : List.of("ALICE", "\u0430lice")) {
        WebSocketRecorder client = extended(chat);
        client.send(new Register(lookAlike));
        if (!lookAlike.equals("ALICE")) {
          assertEquals(ErrorCode.INVALID_NAME.wireName(), client.nextFrame(ErrorReply.class).code(), "mixed scripts: a guest's name");
        }
        Register given = client.nextFrame(Register.class);
        assertNotEquals(lookAlike, given.name());
        assertEquals(Optional.of("alice"), Options.value(given.options(), Wire.OPTION_REGISTERED), lookAlike);
      }
    }

    @Test
    void aWrongPasswordAndAnUnknownNameAreAnsweredAlike() throws Exception {
      registered(chat, "alice").closeBlocking();
      WebSocketRecorder client = extended(chat);
      client.send(AccountRequest.login("alice", "not the password"));
      ErrorReply wrong = nextError(client);
      client.send(AccountRequest.login("nobody", "not the password"));
      ErrorReply unknown = nextError(client);
      client.send(AccountRequest.login("(no name)", "not the password"));
      ErrorReply impossible = nextError(client);
      assertEquals(ErrorCode.LOGIN_FAILED.wireName(), wrong.code());
      assertEquals(wrong, unknown);
      assertEquals(wrong, impossible);
      assertEquals("alice-2", ChatFixture.register(client, "alice"), "a failed login gets nothing");
    }

    @Test
    void registerRefusesWhatCannotBeAnAccount() throws Exception {
      WebSocketRecorder client = extended(chat);
      client.send(AccountRequest.register(PASSWORD));
      assertEquals(ErrorCode.NOT_REGISTERED.wireName(), nextError(client).code());
      String guest = ChatFixture.register(client, null);
      client.send(AccountRequest.register(PASSWORD));
      assertEquals(ErrorCode.ACCOUNT_REFUSED.wireName(), nextError(client).code(), guest);
      client.send(new dev.termchat.protocol.Nick("bob"));
      client.nextFrameAfterPresence(Register.class);
      client.send(AccountRequest.register("short"));
      ErrorReply tooShort = nextError(client);
      assertEquals(ErrorCode.ACCOUNT_REFUSED.wireName(), tooShort.code());
      assertTrue(tooShort.reason().contains("at least 8"), tooShort.reason());
      client.send(AccountRequest.register(PASSWORD));
      assertEquals(new AccountReply(AccountRequest.REGISTER, "bob"), withoutToken(client.nextFrameAfterPresence(AccountReply.class)));
      client.send(AccountRequest.register(PASSWORD));
      assertEquals(ErrorCode.ACCOUNT_REFUSED.wireName(), nextError(client).code(), "registered already");
    }

    @Test
    void aBaseClientCannotAskForAccounts() throws Exception {
      WebSocketRecorder base = chat.connect();
      ChatFixture.register(base, "carol");
      base.send(AccountRequest.register(PASSWORD));
      base.assertNoMoreEventsBefore(base.sayMarker());
    }
  }

  @Nested
  class Limits {
    final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T09:00:00Z"));
    @RegisterExtension final ChatFixture chat = new ChatFixture(clock, config -> config);

    @Test
    void failedLoginsAreLimitedFiveAtOnceThenOneEveryThreeHundredThirtyFourSeconds() throws Exception {
      registered(chat, "alice").closeBlocking();
      WebSocketRecorder client = extended(chat);
      for (int attempt = 0; attempt < 5; attempt++) {
        client.send(AccountRequest.login("alice", "guess " + attempt));
        assertEquals(ErrorCode.LOGIN_FAILED.wireName(), nextError(client).code());
      }
      client.send(AccountRequest.login("alice", PASSWORD));
      ErrorReply limited = nextError(client);
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), limited.code(), "even the right password waits: " + limited);
      clock.advance(Duration.ofSeconds(334));
      client.send(AccountRequest.login("alice", PASSWORD));
      assertEquals(new AccountReply(AccountRequest.LOGIN, "alice"), withoutToken(client.nextFrame(AccountReply.class)));
      client.send(AccountRequest.login("alice", PASSWORD));
      assertEquals(new AccountReply(AccountRequest.LOGIN, "alice"), withoutToken(client.nextFrame(AccountReply.class)), "a login that succeeds does not count");
    }
  }

  @Nested
  class PasswordChange {
    @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config);

    /**
     * Attack trial: a thief on line with the account (its old password, or a stolen token) kept
     * its connection through the owner's change of password. Now it is closed, and so is a
     * connection merely logged in without a name; its token resumes nothing after.
     */
    @Test
    void aNewPasswordClosesTheAccountsOtherConnectionsAndTheirTokensResumeNothing() throws Exception {
      WebSocketRecorder thief = extended(chat);
      thief.send(new Register("alice"));
      String stolen = thief.nextFrame(Register.class).token().orElseThrow();
      thief.send(AccountRequest.register(PASSWORD));
      thief.nextFrameAfterPresence(AccountReply.class);
      WebSocketRecorder nameless = extended(chat);
      nameless.send(AccountRequest.login("alice", PASSWORD));
      nameless.nextFrame(AccountReply.class);

      WebSocketRecorder owner = extended(chat);
      owner.send(AccountRequest.login("alice", PASSWORD));
      owner.nextFrame(AccountReply.class);
      assertEquals("alice-2", ChatFixture.register(owner, "alice"), "the name is in use by the other session");
      owner.send(AccountRequest.changePassword("not it at all", "a brand new password"));
      assertEquals(ErrorCode.LOGIN_FAILED.wireName(), nextError(owner).code());
      owner.send(AccountRequest.changePassword(PASSWORD, "a brand new password"));
      assertEquals(new AccountReply(AccountRequest.PASSWORD, "alice"), withoutToken(owner.nextFrameAfterPresence(AccountReply.class)));

      WebSocketRecorder.Closed closed = thief.nextCloseSkippingFrames();
      assertEquals(Wire.CLOSE_SIGNED_OUT, closed.code(), closed.toString());
      assertEquals("signed out: the account's password was changed", closed.reason());
      assertEquals(Wire.CLOSE_SIGNED_OUT, nameless.nextCloseSkippingFrames().code(), "logged in without a name is signed out too");

      WebSocketRecorder again = extended(chat);
      again.send(new Register("alice", List.of(Wire.OPTION_TOKEN + "=" + stolen)));
      ErrorReply refused = again.nextFrame(ErrorReply.class);
      assertEquals(ErrorCode.INVALID_TOKEN.wireName(), refused.code());
      assertNotEquals("alice", again.nextFrame(Register.class).name(), "nor held for the stolen session: the owner takes it");
      owner.send(new dev.termchat.protocol.Nick("alice"));
      assertEquals("alice", owner.nextFrameAfterPresence(Register.class).name(), "the name was let go, not held for the ended session");

      WebSocketRecorder later = extended(chat);
      later.send(AccountRequest.login("alice", "a brand new password"));
      assertEquals(new AccountReply(AccountRequest.LOGIN, "alice"), withoutToken(later.nextFrame(AccountReply.class)));
    }

    @Test
    void aLoginLetsGoOfTheNameHeldForADroppedSessionOfTheAccount() throws Exception {
      WebSocketRecorder killed = registered(chat, "alice");
      killed.dropConnection(); // As a client killed: its name is held for its session.
      WebSocketRecorder guest = chat.connect();
      assertEquals("alice-2", ChatFixture.register(guest, "alice"));

      WebSocketRecorder owner = extended(chat);
      owner.send(AccountRequest.login("alice", PASSWORD));
      owner.nextFrame(AccountReply.class);
      assertEquals("alice", ChatFixture.register(owner, "alice"), "its owner has it at once, not after the hold");
    }
  }

  @Nested
  class Stored {
    @TempDir static Path data;
    @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.data(data));

    @Test
    void accountsSurviveARestart() throws Exception {
      registered(chat, "dave").closeBlocking();
      chat.restart();
      WebSocketRecorder base = WebSocketRecorder.base(chat.uri()).open();
      try {
        assertEquals("dave-2", ChatFixture.register(base, "dave"));
        WebSocketRecorder owner = WebSocketRecorder.extended(chat.uri()).open();
        try {
          owner.nextFrame(Welcome.class);
          owner.send(AccountRequest.login("dave", PASSWORD));
          assertEquals(new AccountReply(AccountRequest.LOGIN, "dave"), withoutToken(owner.nextFrame(AccountReply.class)));
        } finally {
          owner.closeBlocking();
        }
      } finally {
        base.closeBlocking();
      }
    }
  }

  @Nested
  class ServerPasswordInBand {
    final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T09:00:00Z"));
    @RegisterExtension final ChatFixture chat = new ChatFixture(clock, config -> config.password("sesame"));

    /** An extended client as a browser connects: with its page's Origin, and no Authorization. */
    private WebSocketRecorder browser() throws InterruptedException {
      WebSocketRecorder page = WebSocketRecorder.extended(chat.uri());
      page.addHeader("Origin", "http://127.0.0.1:" + chat.uri().getPort());
      page.open();
      page.nextFrame(Welcome.class);
      return page;
    }

    @Test
    void aBrowserWithoutTheHeaderGivesThePasswordInAFrame() throws Exception {
      WebSocketRecorder page = browser();
      page.send(new Register("ann"));
      assertEquals(ErrorCode.LOGIN_FAILED.wireName(), nextError(page).code(), "nothing is taken before the password");
      page.send(AccountRequest.access("open up"));
      assertEquals(new ErrorReply(ErrorCode.LOGIN_FAILED.wireName(), "wrong server password", null), nextError(page));
      page.send(AccountRequest.access("sesame"));
      assertEquals(new AccountReply(AccountRequest.ACCESS, null), withoutToken(page.nextFrame(AccountReply.class)));
      assertEquals("ann", ChatFixture.register(page, "ann"));
    }

    @Test
    void aBaseClientOrOneWithoutAnOriginIsStillRefusedAtTheHandshake() throws Exception {
      for (WebSocketRecorder client : List.of(WebSocketRecorder.base(chat.uri()), WebSocketRecorder.extended(chat.uri()))) {
        assertFalse(client.connectBlocking(), "refused with 401, as before");
      }
    }

    @Test
    void wrongServerPasswordsAreLimitedPerAddressAsFailedLoginsAre() throws Exception {
      WebSocketRecorder page = browser();
      for (int attempt = 0; attempt < 5; attempt++) {
        page.send(AccountRequest.access("guess " + attempt));
        assertEquals(ErrorCode.LOGIN_FAILED.wireName(), nextError(page).code());
      }
      page.send(AccountRequest.access("sesame"));
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), nextError(page).code());
      clock.advance(Duration.ofSeconds(334));
      page.send(AccountRequest.access("sesame"));
      assertEquals(new AccountReply(AccountRequest.ACCESS, null), withoutToken(page.nextFrame(AccountReply.class)));
    }

    /** Attack trial: the Authorization header could be guessed without end, a handshake each. */
    @Test
    void wrongPasswordsInTheHandshakeAreLimitedPerAddressWithThoseGivenInBand() throws Exception {
      for (int attempt = 0; attempt < 5; attempt++) {
        try (RawWebSocket guess = RawWebSocket.connect(chat.uri(), Map.of("Authorization", "Bearer guess " + attempt))) {
          assertEquals(401, guess.status());
        }
      }
      try (RawWebSocket right = RawWebSocket.connect(chat.uri(), Map.of("Authorization", "Bearer sesame"))) {
        assertEquals(429, right.status(), "even the right password waits");
        assertEquals("334", right.responseHeaders().get("retry-after"));
      }
      WebSocketRecorder page = browser();
      page.send(AccountRequest.access("sesame"));
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), nextError(page).code(), "one count for the header and the frame");
      clock.advance(Duration.ofSeconds(334));
      try (RawWebSocket right = RawWebSocket.connect(chat.uri(), Map.of("Authorization", "Bearer sesame"))) {
        assertEquals(101, right.status());
      }
      try (RawWebSocket right = RawWebSocket.connect(chat.uri(), Map.of("Authorization", "Bearer sesame"))) {
        assertEquals(101, right.status(), "a right password does not count");
      }
    }
  }
}
