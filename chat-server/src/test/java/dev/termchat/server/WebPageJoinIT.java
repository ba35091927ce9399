package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.WebSocketRecorder;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** What the page says when it cannot join as asked, in Chromium. */
class WebPageJoinIT {
  @RegisterExtension final ChatFixture chat = new ChatFixture();
  @RegisterExtension final ChatPage page = new ChatPage();

  private boolean joinEnabled() {
    return page.browser().findElement(By.id("join")).isEnabled();
  }

  @Test
  void aServerThatWantsAPasswordIsJoinedWithItGivenInBandAndAWrongOneIsSaid() throws Exception {
    try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).password("sesame").build())) {
      page.open(server.uri());
      page.waitFor(() -> page.joinError().contains("wants a password"));
      assertTrue(joinEnabled(), "the page can give it");
      page.browser().findElement(By.id("server-password")).sendKeys("open up");
      page.typeName("ali");
      page.waitFor(() -> page.joinError().contains("wrong server password"));
      assertTrue(page.joinFormShown() && joinEnabled(), "the person stays at the join form to type it again");

      page.browser().findElement(By.id("server-password")).clear();
      page.browser().findElement(By.id("server-password")).sendKeys("sesame");
      page.typeName("ali");
      page.waitFor(() -> page.me().equals("ali"));
      page.say("in at last");
      page.waitFor(() -> page.messages().contains("in at last"));
    }
  }

  @Test
  void aNameTheServerRefusesIsSaidAndAnotherCanBePicked() throws Exception {
    WebSocketRecorder observer = chat.connect();
    assertEquals("obs", register(observer, "obs"));
    page.open(chat.uri());
    page.typeName("server");
    page.waitFor(() -> page.joinError().contains("reserved"));
    assertEquals("Cannot join as \"server\": the name \"server\" is reserved. Pick another name.", page.joinError());
    assertTrue(page.joinFormShown() && joinEnabled(), "the person stays at the join form");

    page.typeName("guest-12");
    page.waitFor(() -> page.joinError().contains("for guests"));
    assertTrue(page.joinFormShown() && joinEnabled());

    page.typeName("sam");
    page.waitFor(() -> page.me().equals("sam"));
    page.waitFor(() -> page.users().equals(List.of("obs", "sam")));
    assertEquals("", page.joinError());
    observer.nextUsersExactly(List.of("obs", "sam"));
  }

  @Test
  void aBlankNameJoinsAsAGuestAsTheTerminalClientDoes() throws Exception {
    Pattern guest = Pattern.compile("guest-\\d{4,9}");
    page.open(chat.uri());
    page.typeName("   ");
    page.waitFor(() -> guest.matcher(page.me()).matches());
    String spaces = page.me();
    page.waitFor(() -> page.messages().contains("you joined as " + spaces + ", a guest name; /nick NAME picks another"));

    page.newTab();
    page.open(chat.uri());
    page.typeName("");
    page.waitFor(() -> guest.matcher(page.me()).matches());
    page.waitFor(() -> page.users().size() == 2 && page.users().contains(spaces) && page.users().contains(page.me()));
    assertFalse(page.messages().contains(" is taken"), page.messages());
  }
}
