package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where each room a session asks for is resumed after, on the next connection. */
class WantedRoomsTest {
  private final Resumption resumption = new Resumption();

  @Test
  void aRoomWhoseJoinHadNotComeWhenTheCableWentIsResumedAfterTheRegister() {
    WantedRooms wanted = new WantedRooms(List.of("#general", "#dev"));
    resumption.welcomed(true);
    resumption.registered(List.of("token=t1", "at=1-5"));
    wanted.registered("1-5");
    wanted.entered("#general", "1-6");
    // #dev's join never came: the cable went first.
    List<String> options = wanted.registerOptions(resumption, true);
    assertEquals(List.of("token=t1", "rooms=#general,#dev", "resume=#general:1-5", "resume=#dev:1-5"), options);
  }

  @Test
  void aRoomSeenSinceIsResumedAfterWhatWasSeen() {
    WantedRooms wanted = new WantedRooms(List.of("#general"));
    resumption.welcomed(true);
    resumption.registered(List.of("token=t1", "at=1-5"));
    wanted.registered("1-5");
    wanted.seen("#general", "1-9");
    assertEquals(List.of("token=t1", "rooms=#general", "resume=#general:1-9"), wanted.registerOptions(resumption, true));
  }
}
