package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The recorder's "nothing more before the marker" checks fail when a frame is on its way that a
 * look at what has come so far would miss: each kind of marker, against a frame sent just before
 * it. Without these, a check that can never fail would look the same as one that holds.
 */
class MarkerChecksTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture();

  /**
   * Alice, registered, with a line of bob's queued for her and maybe not there yet: a look at
   * what came so far could miss it. Bob's echo comes once the room queued it for everyone.
   */
  private WebSocketRecorder aliceWithALineOnItsWay() throws InterruptedException {
    WebSocketRecorder alice = chat.connect();
    register(alice, "alice");
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    alice.nextFrame(Users.class);
    bob.send(new SendMessage("on its way"));
    assertEquals("on its way", bob.nextFrame(ChatMessage.class).message());
    return alice;
  }

  @Test
  void aLineJustBeforeASaidMarkerIsCaught() throws Exception {
    WebSocketRecorder alice = aliceWithALineOnItsWay();
    assertThrows(AssertionError.class, () -> alice.assertNoMoreEventsBefore(alice.sayMarker()));
  }

  @Test
  void aLineJustBeforeAPingMarkerIsCaught() throws Exception {
    WebSocketRecorder alice = aliceWithALineOnItsWay();
    assertThrows(AssertionError.class, () -> alice.assertNoMoreEventsBefore(alice.pingMarker()));
  }

  @Test
  void anErrorJustBeforeARefusedMarkerIsCaught() throws Exception {
    WebSocketRecorder stranger = chat.connectExtended();
    stranger.nextFrame(Welcome.class);
    stranger.send("{oops");
    assertThrows(AssertionError.class, () -> stranger.assertNoMoreEventsBefore(stranger.refusedMarker()));
  }

  @Test
  void eachMarkerPassesWhenNothingElseCame() throws Exception {
    WebSocketRecorder alice = chat.connect();
    register(alice, "alice");
    alice.assertNoMoreEventsBefore(alice.sayMarker());
    alice.assertNoMoreEventsBefore(alice.pingMarker());
    WebSocketRecorder stranger = chat.connectExtended();
    stranger.nextFrame(Welcome.class);
    stranger.assertNoMoreEventsBefore(stranger.refusedMarker());
  }
}
