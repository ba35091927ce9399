package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static dev.termchat.testing.Moderators.next;
import static dev.termchat.testing.Moderators.notice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.Moderation;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.RoomMember;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;

/**
 * Moderation on the page, in Chromium: a server operator kicks and bans with the terminal
 * client's commands and reads each act; a person banned from the server reads why, and the page
 * does not knock again.
 */
class WebPageModerationIT {
  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.operators(List.of("root")));
  @RegisterExtension final ChatPage page = new ChatPage();

  @BeforeEach
  void wideScreen() {
    page.browser().manage().window().setSize(new Dimension(1280, 800));
  }

  @Test
  void anOperatorKicksAndBansFromThePage() throws Exception {
    WebSocketRecorder dave = chat.connect();
    register(dave, "dave");
    page.join(chat.uri(), "root");
    page.waitFor(() -> page.users().contains("dave"));

    page.say("/kick dave flooding the room");
    assertEquals(Wire.CLOSE_KICKED, dave.nextCloseSkippingFrames().code());
    page.waitFor(() -> page.messages().contains("root kicked dave from #general: flooding the room"));

    page.say("/ban mallory 2h spam");
    page.waitFor(() -> page.messages().contains("root banned mallory from #general until ") && page.messages().contains(" UTC: spam"));
    WebSocketRecorder mallory = chat.connect();
    mallory.send(new Register("mallory"));
    assertEquals(Wire.CLOSE_BANNED, mallory.nextCloseSkippingFrames().code());

    page.say("/kick");
    page.waitFor(() -> page.messages().contains("usage: /kick NAME [WHY]"));
    page.say("/kick root");
    page.waitFor(() -> page.messages().contains("you may not kick yourself"));
  }

  @Test
  void aDeletedLineLeavesEveryPageThatShowedIt() throws Exception {
    RoomMember erin = RoomMember.join(chat, "erin", "#general");
    page.join(chat.uri(), "ann");
    page.waitFor(() -> page.users().contains("erin"));
    page.say("/delete");
    page.waitFor(() -> page.messages().contains("no line of yours in #general to delete"));
    page.say("my password is hunter2");
    ChatMessage said = erin.nextFrom("#general", "ann");
    page.waitFor(() -> page.messages().contains("hunter2"));
    page.say("/delete");
    Moderation deleted = notice(erin.client(), ModerationAct.DELETE);
    assertEquals(said.id(), deleted.target());
    page.waitFor(() -> !page.messages().contains("hunter2") && page.messages().contains("ann deleted their message said at "));

    erin.client().send(new SendMessage("and mine", "e1", "#general"));
    String mine = next(erin.client(), ChatMessage.class).id();
    page.waitFor(() -> page.messages().contains("and mine"));
    erin.client().send(new Moderate(ModerationAct.DELETE, "#general", mine, 0, "", false));
    page.waitFor(() -> !page.messages().contains("and mine") && page.messages().contains("erin deleted their message said at "));
  }

  @Test
  void aPersonBannedFromTheServerReadsWhyAndThePageStaysAway() throws Exception {
    RoomMember root = RoomMember.join(chat, "root", "#general");
    page.join(chat.uri(), "mallory");
    page.waitFor(() -> page.users().contains("mallory"));
    root.client().send(new Moderate(ModerationAct.BAN, "#general", "mallory", 0, "spam", true));
    notice(root.client(), ModerationAct.BAN);
    page.waitFor(() -> page.status().contains("banned by root: spam"));
    assertTrue(page.messages().contains("banned by root: spam"), page.messages());
    page.screenshot("web-moderation-banned.png");
    assertTrue(!page.status().contains("reconnecting"), page.status());
  }

  /**
   * The users list marks ranks as the terminal's /names does: @ for the room's owner and
   * operators, + for voiced members, from the answer to the join and the notices that follow.
   */
  @Test
  void theUsersListMarksOperatorsAndVoicedMembers() throws Exception {
    page.join(chat.uri(), "ann");
    page.say("/join #team");
    page.waitFor(() -> ranked().equals(List.of("@ann")));
    RoomMember.join(chat, "erin", "#team");
    page.waitFor(() -> ranked().equals(List.of("@ann", "erin")));
    page.say("/voice erin");
    page.waitFor(() -> ranked().equals(List.of("@ann", "+erin")));
    page.say("/names");
    page.waitFor(() -> page.messages().contains("in #team (2): @ann, +erin"));
    page.say("/op erin");
    page.waitFor(() -> ranked().equals(List.of("@ann", "@erin")));
    page.say("/deop erin");
    page.waitFor(() -> ranked().equals(List.of("@ann", "erin")));
    assertEquals(List.of("ann", "erin"), page.users(), "the mark is drawn before the name, not part of it");
  }

  /** The users list as a person sees it: each name after the mark the style sheet draws before it. */
  @SuppressWarnings("unchecked")
  private List<String> ranked() {
    return (List<String>) page.script("return [...document.querySelectorAll('#users li')].map((item) => "
        + "getComputedStyle(item, '::before').content.replace(/^none$/, '').replaceAll('\"', '') + item.innerText.trim())");
  }

  /**
   * The page words each act as the terminal does (a server-wide ban says so; a delete says whose
   * message and when, never its words), and answers
   * /banlist, /serverbanlist and /whois as it does.
   */
  @Test
  void actsAndQuestionsInTheTerminalsWords() throws Exception {
    RoomMember erin = RoomMember.join(chat, "erin", "#general");
    page.join(chat.uri(), "root");
    page.waitFor(() -> page.users().contains("erin"));
    erin.client().send(new SendMessage("oops, hunter2", "e1", "#general"));
    ChatMessage said = next(erin.client(), ChatMessage.class);
    page.waitFor(() -> page.messages().contains("oops, hunter2"));
    page.say("/delete " + said.id());
    String second = Instant.ofEpochMilli(said.time()).toString().substring(0, 19).replace('T', ' ');
    page.waitFor(() -> !page.messages().contains("hunter2") && page.messages().contains("root deleted erin's message said at " + second + " UTC in #general"));

    page.say("/serverban mallory 2h spam");
    page.waitFor(() -> page.messages().contains("root banned mallory from the server until "));
    page.say("/ban dave 1h off topic");
    page.waitFor(() -> page.messages().contains("root banned dave from #general until "));
    page.say("/banlist");
    page.waitFor(() -> page.messages().contains("bans of #general (1):") && page.messages().contains("dave, by root until ")
        && page.messages().contains(" UTC: off topic"));
    page.say("/serverbanlist");
    page.waitFor(() -> page.messages().contains("bans of the server (1):") && page.messages().contains("mallory, by root until "));
    page.say("/whois erin");
    page.waitFor(() -> page.messages().contains("erin: a guest (no account), no role in #general, online since "));
    page.say("/whois");
    page.waitFor(() -> page.messages().contains("usage: /whois NAME"));
    page.say("/serverunban mallory");
    page.waitFor(() -> page.messages().contains("root lifted the ban on mallory from the server"));
    page.say("/serverbanlist");
    page.waitFor(() -> page.messages().contains("no bans of the server"));
  }
}
