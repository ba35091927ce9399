package dev.termchat.server;

import static dev.termchat.server.AccountsTest.PASSWORD;
import static dev.termchat.testing.Moderators.act;
import static dev.termchat.testing.Moderators.next;
import static dev.termchat.testing.Moderators.roomsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Renamed;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Whois;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A login after the register renames its connection to the account's name, over real sockets:
 * everyone in the room sees it as a rename, as after a nick, run after run (trial 21: a bot's
 * second run showed "ci-bot-2 joined", then lines from "ci-bot"); and whois says that the
 * connection is logged in to an account.
 */
class LoginRenameTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config);

  /** A rooms client that asks for an account's name, and is given a variant. */
  private static WebSocketRecorder variant(ChatFixture chat, String name) throws InterruptedException {
    WebSocketRecorder client = chat.connectExtended();
    client.nextFrame(Welcome.class);
    client.send(new Register(name, List.of("rooms=#general")));
    assertEquals(name + "-2", client.nextFrame(Register.class).name());
    return client;
  }

  /** A bot's run, as the terminal client makes one: joins under the account's name, logs in, says a line, quits. */
  private static void run(ChatFixture chat, String line) throws Exception {
    WebSocketRecorder bot = variant(chat, "ci-bot");
    bot.send(AccountRequest.login("ci-bot", PASSWORD));
    next(bot, AccountReply.class);
    assertEquals("ci-bot", next(bot, Register.class).name());
    bot.send(new SendMessage(line, "b1", "#general"));
    assertEquals(line, next(bot, ChatMessage.class).message());
    if (line.contains("1")) {
      bot.dropConnection(); // As a client that ends without a goodbye: its session is held.
    } else {
      bot.closeBlocking();
    }
  }

  /** What the observer is told in #general up to the line said, in words. */
  private static List<String> seenUntil(WebSocketRecorder observer, String line) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    while (true) {
      ServerFrame frame = observer.nextServerFrame();
      ServerFrame inner = frame instanceof InRoom inRoom && inRoom.room().equals("#general") ? inRoom.frame() : null;
      if (inner instanceof Presence presence) {
        seen.add((presence.joined() ? "joined " : "left ") + presence.names());
      } else if (inner instanceof Renamed renamed) {
        seen.add(renamed.from() + " is now " + renamed.to());
      } else if (inner instanceof ChatMessage message) {
        seen.add(message.from() + ": " + message.message());
        if (message.message().equals(line)) {
          return seen;
        }
      }
    }
  }

  @Test
  void othersSeeTheRenameToTheAccountsNameOnEveryRun() throws Exception {
    AccountsTest.registered(chat, "ci-bot").closeBlocking();
    WebSocketRecorder lead = roomsClient(chat, "lead", "#general");
    for (int build = 1; build <= 3; build++) {
      run(chat, "build " + build + " done");
      List<String> seen = seenUntil(lead, "build " + build + " done");
      assertTrue(seen.indexOf("ci-bot-2 is now ci-bot") >= 0 && seen.indexOf("ci-bot-2 is now ci-bot") < seen.indexOf("ci-bot: build " + build + " done"),
          "run " + build + ": " + seen);
    }
  }

  @Test
  void whoisSaysAConnectionLoggedInToAnAccountUnderAnotherNameIsNoGuest() throws Exception {
    WebSocketRecorder page = AccountsTest.registered(chat, "erin");
    WebSocketRecorder terminal = variant(chat, "erin");
    terminal.send(AccountRequest.login("erin", PASSWORD));
    next(terminal, AccountReply.class);
    WebSocketRecorder lead = roomsClient(chat, "lead", "#general");
    lead.send(act(ModerationAct.WHOIS, "#general", "erin-2"));
    Whois whois = next(lead, Whois.class);
    assertEquals("erin-2", whois.name(), "the account's name is held by its other connection: this one keeps its own");
    assertTrue(whois.account(), "logged in to an account: " + whois.described());
    page.closeBlocking();
  }
}
