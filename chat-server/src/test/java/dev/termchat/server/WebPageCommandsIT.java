package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.WebSocketRecorder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The commands the page takes, as the terminal client takes them, in Chromium. */
class WebPageCommandsIT {
  @RegisterExtension final ChatFixture chat = new ChatFixture();
  @RegisterExtension final ChatPage page = new ChatPage();

  @SuppressWarnings("unchecked")
  private List<String> notices() {
    return (List<String>) page.script("return [...document.querySelectorAll('#messages li.notice')].map((line) => line.textContent)");
  }

  @Test
  void theTerminalClientsCommandsAreTakenAndAnUnknownOneIsNamed() throws Exception {
    page.join(chat.uri(), "ann");
    WebSocketRecorder bob = chat.connect();
    assertEquals("bob", register(bob, "bob"));
    page.waitFor(() -> page.users().equals(List.of("ann", "bob")));

    page.say("/help");
    page.waitFor(() -> notices().contains("commands:"));
    List<String> help = notices().subList(notices().indexOf("commands:"), notices().size());
    assertEquals(
        List.of(
            "commands:",
            "/users, /names, /who who is in the room you type in",
            "/join #ROOM... join rooms (each made if no one is in it; apart by spaces or commas) and type in the last",
            "/part [#ROOM...] leave rooms, the one you type in unless named",
            "/switch #ROOM type in another of your rooms (or click it in the list)",
            "/topic [TEXT] the topic of the room you type in; with TEXT, set it",
            "/list the rooms, the most people first",
            "/search WORDS the messages of the room you type in that hold all the words, best first, the words marked",
            "/history [N] the N messages (50 unless given, 1 to 1000) before the oldest shown in the room you type in (so does scrolling to the top)",
            "/op NAME, /deop NAME make someone an operator of the room you type in, or no longer (operators only)",
            "/kick NAME [WHY] take someone out of the room you type in",
            "/ban WHO [TIME] [WHY] keep a name, address or range (203.0.113.0/24) out of the room, for a TIME (90s, 30m, 2h, 7d) or for good; /unban WHO; /serverban, /serverunban for the whole server",
            "/delete [ID|@NAME] delete your latest line in the room you type in, or as an operator any by its id, or NAME's latest",
            "/mute, /unmute only operators and voiced members speak in the room, or all again; /voice NAME, /devoice NAME",
            "/whois NAME, /banlist registered or guest, role in the room, online since; the room's bans (operators; /serverbanlist: the server's)",
            "/me TEXT an action: /me waves shows as * ann waves",
            "/msg NAME TEXT a private message, which NAME alone sees",
            "/nick NAME take a new name",
            "/help these commands",
            "//text send text that starts with a slash"),
        help.stream().map((line) -> line.replaceAll("\\s+", " ")).toList());

    page.say("/users");
    page.waitFor(() -> notices().contains("in #general (2): ann, bob"));
    page.say("/WHO");
    page.waitFor(() -> notices().stream().filter("in #general (2): ann, bob"::equals).count() == 2);
    page.say("/bogus now");
    page.waitFor(() -> notices().contains("unknown command /bogus; /help lists the commands"));
    page.say("/me");
    page.waitFor(() -> notices().contains("usage: /me TEXT, e.g. /me waves"));

    WebSocketRecorder maryJane = chat.connectExtended();
    maryJane.nextFrame(Welcome.class);
    assertEquals("mary jane", register(maryJane, "mary jane"));
    page.waitFor(() -> page.users().contains("mary jane"));
    page.say("/msg Mary Jane hi there");
    // Sent to the one name online that the line starts with, as the terminal client does.
    page.waitFor(() -> (Boolean) page.script(
        "return [...document.querySelectorAll('#messages .private:not(.pending)')]"
            + ".some((line) => line.textContent.endsWith('→ mary janehi there'))"));

    page.say("//slash at the start");
    // The first line bob is sent: none of the commands went out as a message.
    assertEquals("/slash at the start", bob.nextMessage().message());
  }

  /** Trial a39: with bob online, whoever took the name "bob I" got bob's private messages. */
  @Test
  void aPrivateMessageThatCouldBeForTwoPeopleWaitsForTheNameInQuotes() throws Exception {
    page.join(chat.uri(), "ann");
    WebSocketRecorder bob = extended("bob");
    WebSocketRecorder bobI = extended("bob I");
    page.waitFor(() -> page.users().containsAll(List.of("bob", "bob I")));

    page.say("/msg bob I think the password is hunter2");
    page.waitFor(() -> notices().contains(
        "not sent: that could be for \"bob\" or \"bob I\"; put the name in quotes: /msg \"bob\" TEXT or /msg \"bob I\" TEXT"));
    page.say("/msg \"bob I\" think so");
    page.say("/msg \"bob\" I think the password is hunter2");
    // The first private message each gets: the refused line went to neither.
    assertEquals("think so", nextPrivate(bobI).message());
    assertEquals("I think the password is hunter2", nextPrivate(bob).message());
  }

  private WebSocketRecorder extended(String name) throws InterruptedException {
    WebSocketRecorder client = chat.connectExtended();
    client.nextFrame(Welcome.class);
    assertEquals(name, register(client, name));
    return client;
  }

  private static PrivateChat nextPrivate(WebSocketRecorder recorder) throws InterruptedException {
    for (ServerFrame frame = recorder.nextServerFrame(); ; frame = recorder.nextServerFrame()) {
      if (frame instanceof PrivateChat message) {
        return message;
      }
    }
  }
}
