package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.CuttableProxy;
import dev.termchat.testing.WebSocketRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Accounts from the page, in Chromium: the join form's password registers the name, or logs in
 * to it; without the password the name is kept from the page, which says how to log in.
 */
class WebPageAccountsIT {
  private static final String PASSWORD = "correct horse battery";

  @RegisterExtension final ChatFixture chat = new ChatFixture();
  @RegisterExtension final ChatPage page = new ChatPage();

  private void typePassword(String password, boolean register) {
    WebElement field = page.browser().findElement(By.id("password"));
    field.clear();
    field.sendKeys(password);
    WebElement box = page.browser().findElement(By.id("register"));
    if (box.isSelected() != register) {
      box.click();
    }
  }

  @Test
  void theJoinFormRegistersTheNameAndLogsInToIt() throws Exception {
    page.open(chat.uri());
    typePassword(PASSWORD, true);
    page.typeName("ann");
    page.waitFor(() -> page.messages().contains("ann is registered to you"));
    page.browser().get("about:blank"); // Leaves: the name is free, and kept for its account.

    WebSocketRecorder base = chat.connect();
    assertEquals("ann-2", ChatFixture.register(base, "ann"), "kept from a base client too");
    base.closeBlocking();

    page.open(chat.uri());
    typePassword("", false);
    page.typeName("ann");
    page.waitFor(() -> page.me().startsWith("ann-") && page.messages().contains("ann is a registered name: give its password"));
    page.browser().get("about:blank");

    page.open(chat.uri());
    typePassword(PASSWORD, false);
    page.typeName("ann");
    page.waitFor(() -> page.me().equals("ann") && page.messages().contains("logged in as ann"));
    assertFalse(page.messages().contains(PASSWORD));
    page.say("hello as ann");
    page.waitFor(() -> page.messages().contains("hello as ann"));
  }

  /**
   * A login renews the session's token (the one before it resumes nothing): a page whose cable is
   * pulled after logging in comes back in the same session, as its account, with the new one.
   */
  @Test
  void aPageLoggedInResumesItsSessionAfterADrop() throws Exception {
    WebSocketRecorder owner = chat.connectExtended();
    owner.nextFrame(Welcome.class);
    ChatFixture.register(owner, "ann");
    owner.send(AccountRequest.register(PASSWORD));
    owner.nextFrameAfterPresence(AccountReply.class);
    owner.closeBlocking();
    try (CuttableProxy proxy = new CuttableProxy(chat.uri())) {
      page.open(proxy.uri(chat.uri()));
      typePassword(PASSWORD, false);
      page.typeName("ann");
      page.waitFor(() -> page.me().equals("ann") && page.messages().contains("logged in as ann"));

      proxy.cut();
      page.waitFor(() -> page.status().contains("reconnecting"));
      proxy.restore();
      page.waitFor(() -> page.messages().contains("caught up"));

      assertEquals("ann", page.me());
      assertFalse(page.messages().contains("a new session"), page.messages());
    }
  }

  @Test
  void aWrongPasswordIsSaidAndThePageChatsUnderTheNameItGot() throws Exception {
    WebSocketRecorder owner = chat.connectExtended();
    owner.nextFrame(Welcome.class);
    ChatFixture.register(owner, "bo");
    owner.send(AccountRequest.register(PASSWORD));
    owner.nextFrameAfterPresence(AccountReply.class);
    owner.closeBlocking();

    page.open(chat.uri());
    typePassword("not the password", false);
    page.typeName("bo");
    page.waitFor(() -> page.messages().contains("server: wrong name or password"));
    assertEquals("bo-2", page.me());
  }

  /**
   * The account's password changed on another connection closes the page with 4003: it says so
   * at the join form, where it sat reconnecting to a session that no longer was, and joins again
   * with the new password.
   */
  @Test
  void aPageSignedOutByANewPasswordGoesBackToTheJoinFormAndLogsInAgain() throws Exception {
    page.open(chat.uri());
    typePassword(PASSWORD, true);
    page.typeName("cy");
    page.waitFor(() -> page.messages().contains("cy is registered to you"));

    WebSocketRecorder elsewhere = chat.connectExtended();
    elsewhere.nextFrame(Welcome.class);
    elsewhere.send(AccountRequest.login("cy", PASSWORD));
    elsewhere.nextFrame(AccountReply.class);
    elsewhere.send(AccountRequest.changePassword(PASSWORD, "a brand new password"));
    assertEquals(new AccountReply(AccountRequest.PASSWORD, "cy"), elsewhere.nextFrameAfterPresence(AccountReply.class));
    elsewhere.closeBlocking();

    page.waitFor(() -> page.joinFormShown() && page.joinError().contains("Signed out: the account's password was changed on another connection; log in again"));
    assertEquals("", page.browser().findElement(By.id("password")).getAttribute("value"), "the old password is not kept");
    typePassword("a brand new password", false);
    page.typeName("cy");
    page.waitFor(() -> !page.joinFormShown() && page.me().equals("cy") && page.messages().contains("logged in as cy"));
  }
}
