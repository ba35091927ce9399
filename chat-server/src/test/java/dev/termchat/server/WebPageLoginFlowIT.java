package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.WebSocketRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The page's way in, in Chromium, as a new user met it: a server password left blank is asked
 * for at the form, not found out after a connection waits and times out, and typing it then
 * joins without a reload; logging in to a registered name says why the page had another name
 * first, and not that the name was taken.
 */
class WebPageLoginFlowIT {
  private static final String PASSWORD = "correct horse battery";

  @RegisterExtension final ChatFixture chat = new ChatFixture();
  @RegisterExtension final ChatPage page = new ChatPage();

  private boolean joinEnabled() {
    return page.browser().findElement(By.id("join")).isEnabled();
  }

  private void typeServerPassword(String password) {
    WebElement field = page.browser().findElement(By.id("server-password"));
    field.clear();
    field.sendKeys(password);
  }

  @Test
  void aBlankServerPasswordIsAskedForAtTheFormAndTheRightOneThenJoins() throws Exception {
    try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).password("sesame").build())) {
      page.open(server.uri());
      page.waitFor(() -> page.joinError().contains("wants a password"));
      page.typeName("ali");
      assertTrue(page.joinError().contains("wants a password"), page.joinError());
      assertTrue(joinEnabled() && page.joinFormShown(), "the person stays at the join form, to type it");
      assertEquals("", page.status(), "no connection waits in vain");

      typeServerPassword("sesame");
      page.typeName("ali");
      page.waitFor(() -> page.me().equals("ali"));
    }
  }

  @Test
  void aServerThatTurnsOutToWantAPasswordIsAskedForItAtOnceAndARetryJoins() throws Exception {
    try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).password("sesame").build())) {
      page.open(server.uri());
      page.waitFor(() -> page.joinError().contains("wants a password"));
      // As a page loaded before the server was restarted with a password: it does not know.
      page.script("document.getElementById('server-password-row').hidden = true;"
          + " document.getElementById('join-error').textContent = '';");
      page.typeName("ali");
      page.waitFor(() -> page.joinError().contains("wants a password") && joinEnabled());
      assertTrue(page.browser().findElement(By.id("server-password")).isDisplayed(), "the field is shown");
      assertFalse(page.messages().contains("account frame"), "no protocol words: " + page.messages());

      typeServerPassword("sesame");
      page.typeName("ali");
      page.waitFor(() -> page.me().equals("ali"));
    }
  }

  @Test
  void aServerRestartedWithAPasswordWhileThePageIsOpenAsksForItOnceAndThePageRejoins() throws Exception {
    int port;
    try (ChatServer open = ChatServer.start(ServerConfig.builder().port(0).build())) {
      page.join(open.uri(), "ali");
      port = open.port();
    }
    try (ChatServer locked = ChatServer.start(ServerConfig.builder().port(port).password("sesame").build())) {
      // Not a reconnection loop repeating the server's refusal: the form, with the field to type it.
      page.waitFor(() -> page.joinFormShown() && page.browser().findElement(By.id("server-password")).isDisplayed());
      assertTrue(page.joinError().contains("wants a password"), page.joinError());
      assertFalse(page.messages().contains("account frame"), "no protocol words: " + page.messages());
      assertEquals("", page.status(), "no reconnection counts down meanwhile");

      typeServerPassword("sesame");
      page.browser().findElement(By.id("join")).click();
      page.waitFor(() -> !page.joinFormShown() && page.me().equals("ali"));
    }
  }

  @Test
  void loggingInToARegisteredNameSaysSoAndNotThatTheNameWasTaken() throws Exception {
    WebSocketRecorder owner = chat.connectExtended();
    owner.nextFrame(Welcome.class);
    ChatFixture.register(owner, "bo");
    owner.send(AccountRequest.register(PASSWORD));
    assertEquals(new AccountReply(AccountRequest.REGISTER, "bo"), AccountsTest.withoutToken(owner.nextFrameAfterPresence(AccountReply.class)));
    owner.closeBlocking();

    page.open(chat.uri());
    WebElement password = page.browser().findElement(By.id("password"));
    password.clear();
    password.sendKeys(PASSWORD);
    page.typeName("bo");
    page.waitFor(() -> page.me().equals("bo") && page.messages().contains("you are now known as bo"));
    String shown = page.messages();
    assertTrue(shown.contains("bo is a registered name; logging in") && shown.contains("logged in as bo"), shown);
    assertFalse(shown.contains("is taken"), shown);
    assertFalse(shown.contains("reconnected"), shown);
  }
}
