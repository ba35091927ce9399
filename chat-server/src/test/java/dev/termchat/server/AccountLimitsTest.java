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
        assertEquals(new AccountReply(AccountRequest.REGISTER, "user" + account), client.nextFrameAfterPresence(AccountReply.class));
      }
      WebSocketRecorder seventh = extendedFrom(chat, "127.0.0.2");
      askToRegister(seventh, "user7");
      ErrorReply limited = nextError(seventh);
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), limited.code(), limited.toString());
      assertTrue(limited.reason().contains("try again in 600 s"), limited.reason());

      WebSocketRecorder elsewhere = extendedFrom(chat, "127.0.0.3");
      askToRegister(elsewhere, "other");
      assertEquals(new AccountReply(AccountRequest.REGISTER, "other"), elsewhere.nextFrameAfterPresence(AccountReply.class),
          "another address is not held by this one's count");

      clock.advance(Duration.ofMinutes(10));
      seventh.send(AccountRequest.register(PASSWORD));
      assertEquals(new AccountReply(AccountRequest.REGISTER, "user7"), seventh.nextFrameAfterPresence(AccountReply.class));
      WebSocketRecorder eighth = extendedFrom(chat, "127.0.0.2");
      askToRegister(eighth, "user8");
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), nextError(eighth).code(), "one every ten minutes");
    }
  }
}
