package dev.termchat.server;

import static dev.termchat.testing.Moderators.act;
import static dev.termchat.testing.Moderators.error;
import static dev.termchat.testing.Moderators.next;
import static dev.termchat.testing.Moderators.notice;
import static dev.termchat.testing.Moderators.roomsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Whois;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.WebSocketRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What moderation keeps holding while those it concerns are away: a room with a store is
 * forgotten from memory once empty (its lines are in the store), and its bans and its owner
 * must outlast that; a rank is judged whether its holder is online or not.
 */
class ModerationHoldsTest {
  private final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T08:00:00Z"));

  @RegisterExtension
  final ChatFixture chat = new ChatFixture(clock, config -> config.operators(List.of("root")).historySize(5).data(tempDir()));

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("termchat-holds");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A room made by this client, a line said there so that the store keeps it. */
  private static WebSocketRecorder madeWithALine(ChatFixture chat, String name, String room) throws InterruptedException {
    WebSocketRecorder maker = roomsClient(chat, name, "#general," + room);
    maker.send(new SendMessage("keep me", "k1", room));
    assertEquals("keep me", next(maker, ChatMessage.class).message());
    return maker;
  }

  /** An account's owner, logged in and registered in these rooms ({@code null}: no rooms client). */
  static WebSocketRecorder loggedIn(ChatFixture chat, String name, String rooms) throws InterruptedException {
    WebSocketRecorder client = chat.connectExtended();
    client.nextFrame(Welcome.class);
    client.send(AccountRequest.login(name, AccountsTest.PASSWORD));
    assertEquals(new AccountReply(AccountRequest.LOGIN, name), client.nextFrame(AccountReply.class));
    client.send(new Register(name, rooms == null ? List.of() : List.of("rooms=" + rooms)));
    assertEquals(name, client.nextFrame(Register.class).name());
    return client;
  }

  /** Waits until the client, registered with rooms=, is in this room (its register's rooms come after its reply). */
  static void entered(WebSocketRecorder client, String room) throws InterruptedException {
    while (!next(client, Join.class).room().equals(room)) {
      // A room its register listed earlier.
    }
  }

  @Test
  void whoEntersAnEmptyRoomMadeBeforeIsAMemberNotASecondOwner() throws Exception {
    AccountsTest.registered(chat, "ann").closeBlocking();
    WebSocketRecorder ann = loggedIn(chat, "ann", "#general");
    ann.send(new Join("#proj"));
    next(ann, Join.class);
    ann.send(new SendMessage("plans for the release", "a1", "#proj"));
    next(ann, ChatMessage.class);
    ann.closeBlocking();
    WebSocketRecorder guest = madeWithALine(chat, "guest", "#guestroom");
    guest.closeBlocking();

    WebSocketRecorder mal = roomsClient(chat, "mal", "#general,#proj,#guestroom");
    entered(mal, "#guestroom");
    mal.send(act(ModerationAct.WHOIS, "#proj", "mal"));
    assertEquals("member", next(mal, Whois.class).rank());
    mal.send(act(ModerationAct.WHOIS, "#guestroom", "mal"));
    assertEquals("member", next(mal, Whois.class).rank(), "nor of a room whose guest maker left");
    mal.send(new Moderate(ModerationAct.BAN, "#proj", "ann", 0, "mine now", false));
    error(mal, "not-permitted");
    mal.send(act(ModerationAct.BANLIST, "#proj", null));
    error(mal, "not-permitted");
    mal.send(act(ModerationAct.DELETE, "#proj", "@ann"));
    error(mal, "not-permitted");

    WebSocketRecorder back = loggedIn(chat, "ann", "#general,#proj");
    back.send(act(ModerationAct.WHOIS, "#proj", "ann"));
    assertEquals("owner", next(back, Whois.class).rank());
  }

  @Test
  void aRoomsBanHoldsOnceEveryoneHasLeftIt() throws Exception {
    WebSocketRecorder lead = madeWithALine(chat, "lead", "#legit");
    lead.send(act(ModerationAct.BAN, "#legit", "troll"));
    notice(lead, ModerationAct.BAN);
    lead.closeBlocking();

    WebSocketRecorder troll = roomsClient(chat, "troll", "#general");
    troll.send(new Join("#legit"));
    error(troll, "banned");
  }

  @Test
  void anOperatorMayNotBanTheOwnerWhileSheIsAway() throws Exception {
    AccountsTest.registered(chat, "own").closeBlocking();
    WebSocketRecorder own = loggedIn(chat, "own", "#general,#team");
    WebSocketRecorder dave = roomsClient(chat, "dave", "#general,#team");
    entered(dave, "#team");
    own.send(act(ModerationAct.OP, "#team", "dave"));
    notice(dave, ModerationAct.OP);
    own.closeBlocking();

    dave.send(new Moderate(ModerationAct.BAN, "#team", "own", 0, "coup", false));
    error(dave, "not-permitted");
    dave.send(new Moderate(ModerationAct.BAN, "#team", "OWN", 0, "coup", false));
    error(dave, "not-permitted");
    dave.send(act(ModerationAct.BAN, "#team", "someone"));
    notice(dave, ModerationAct.BAN);
  }

  @Test
  void noOneBansAServerOperatorAndNoRoomBanKeepsOneOut() throws Exception {
    AccountsTest.registered(chat, "root").closeBlocking();
    WebSocketRecorder root = loggedIn(chat, "root", "#general");
    entered(root, "#general");
    WebSocketRecorder helper = roomsClient(chat, "helper", "#general,#g");
    entered(helper, "#g");
    root.send(act(ModerationAct.OP, "#general", "helper"));
    notice(helper, ModerationAct.OP);
    root.closeBlocking();

    helper.send(new Moderate(ModerationAct.BAN, "#general", "root", 0, "coup", false));
    error(helper, "not-permitted");
    helper.send(new Moderate(ModerationAct.BAN, "#g", "ROOT", 0, "coup", false));
    error(helper, "not-permitted");
    helper.closeBlocking();

    // A ban of the default room on the server operator's own address: it keeps others out, not her.
    WebSocketRecorder banning = loggedIn(chat, "root", null);
    banning.send(act(ModerationAct.BAN, "#general", "127.0.0.1"));
    notice(banning, ModerationAct.BAN);
    banning.closeBlocking();
    WebSocketRecorder back = loggedIn(chat, "root", null);
    back.send(new SendMessage("still here"));
    assertEquals("still here", next(back, ChatMessage.class).message());
  }

  @Test
  void aBanOfAnAccountsNameHoldsItsOwnerUnderAnyName() throws Exception {
    AccountsTest.registered(chat, "troll").closeBlocking();
    WebSocketRecorder root = roomsClient(chat, "root", "#general,#proj");
    entered(root, "#proj");
    root.send(new Moderate(ModerationAct.BAN, "#general", "troll", 0, "", true));
    notice(root, ModerationAct.BAN);
    root.send(act(ModerationAct.BAN, "#proj", "troll"));
    notice(root, ModerationAct.BAN);

    WebSocketRecorder before = chat.connectExtended();
    before.nextFrame(Welcome.class);
    before.send(AccountRequest.login("troll", AccountsTest.PASSWORD));
    before.nextFrame(AccountReply.class);
    before.send(new Register("other"));
    assertEquals(Wire.CLOSE_BANNED, closeCode(before), "logged in, then registered under another name");

    WebSocketRecorder after = chat.connectExtended();
    after.nextFrame(Welcome.class);
    assertEquals("other", ChatFixture.register(after, "other"));
    after.send(AccountRequest.login("troll", AccountsTest.PASSWORD));
    assertEquals(Wire.CLOSE_BANNED, closeCode(after), "registered under another name, then logged in");

    root.send(new Moderate(ModerationAct.UNBAN, "#general", "troll", 0, "", true));
    notice(root, ModerationAct.UNBAN);
    WebSocketRecorder roomsClient = chat.connectExtended();
    roomsClient.nextFrame(Welcome.class);
    roomsClient.send(AccountRequest.login("troll", AccountsTest.PASSWORD));
    roomsClient.nextFrame(AccountReply.class);
    roomsClient.send(new Register("someone", List.of("rooms=#general")));
    entered(roomsClient, "#general");
    roomsClient.send(new Join("#proj"));
    error(roomsClient, "banned");
  }

  @Test
  void aRoomNoAccountOwnsKeepsFewBans() throws Exception {
    WebSocketRecorder guest = roomsClient(chat, "guest", "#mine");
    entered(guest, "#mine");
    for (int i = 0; i < 20; i++) {
      guest.send(act(ModerationAct.BAN, "#mine", "user" + i));
      notice(guest, ModerationAct.BAN);
    }
    guest.send(act(ModerationAct.BAN, "#mine", "one-more"));
    error(guest, "not-permitted");
  }

  private static int closeCode(WebSocketRecorder client) throws InterruptedException {
    while (true) {
      if (client.next() instanceof WebSocketRecorder.Closed closed) {
        return closed.code();
      }
    }
  }
}
