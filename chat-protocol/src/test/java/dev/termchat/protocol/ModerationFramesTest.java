package dev.termchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden tests for moderation: literal JSON both ways. */
class ModerationFramesTest {
  private final FrameCodec codec = new FrameCodec();

  @Test
  void aKickNamesItsRoomTargetAndReason() throws Exception {
    String frame = "{\"messageType\":\"moderate\",\"data\":\"kick\",\"dataArray\":[\"room=#dev\",\"target=bob\",\"reason=flooding, twice\"]}";
    Moderate kick = new Moderate(ModerationAct.KICK, "#dev", "bob", 0, "flooding, twice", false);
    assertEquals(kick, codec.decodeClientFrame(frame));
    assertEquals(frame, codec.encodeClientFrame(kick));
  }

  @Test
  void aServerBanOfARangeForAnHour() throws Exception {
    String frame = "{\"messageType\":\"moderate\",\"data\":\"ban\",\"dataArray\":[\"room=#general\",\"target=203.0.113.0/24\",\"for=3600\",\"server=1\"]}";
    Moderate ban = new Moderate(ModerationAct.BAN, "#general", "203.0.113.0/24", 3600, "", true);
    assertEquals(ban, codec.decodeClientFrame(frame));
    assertEquals(frame, codec.encodeClientFrame(ban));
  }

  @Test
  void aMuteNeedsNoTargetAndARequestWithoutARoomIsTheDefaultRooms() throws Exception {
    assertEquals(
        new Moderate(ModerationAct.MUTE, "#general", null, 0, "", false),
        codec.decodeClientFrame("{\"messageType\":\"moderate\",\"data\":\"mute\"}"));
  }

  @Test
  void badRequestsAreInvalidFrames() {
    for (String bad : new String[] {
        "{\"messageType\":\"moderate\",\"data\":\"smite\",\"dataArray\":[\"target=bob\"]}",
        "{\"messageType\":\"moderate\",\"data\":\"kick\"}",
        "{\"messageType\":\"moderate\",\"data\":\"kick\",\"dataArray\":[\"target=" + "x".repeat(NameRules.MAX_RAW_LENGTH + 1) + "\"]}",
        "{\"messageType\":\"moderate\",\"data\":\"ban\",\"dataArray\":[\"target=bob\",\"for=-1\"]}",
        "{\"messageType\":\"moderate\",\"data\":\"ban\",\"dataArray\":[\"target=bob\",\"for=soon\"]}",
        "{\"messageType\":\"moderate\",\"data\":\"kick\",\"dataArray\":[\"target=bob\",\"reason=" + "x".repeat(391) + "\"]}"}) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decodeClientFrame(bad), bad);
      assertEquals(ErrorCode.INVALID_FRAME, e.code(), bad);
    }
  }

  @Test
  void theNoticeOfABan() throws Exception {
    String frame = "{\"messageType\":\"moderation\",\"data\":\"{\\\"room\\\":\\\"#dev\\\",\\\"act\\\":\\\"ban\\\",\\\"by\\\":\\\"alice\\\",\\\"target\\\":\\\"bob\\\",\\\"reason\\\":\\\"flooding\\\",\\\"until\\\":1764154800000,\\\"time\\\":1764151200000}\"}";
    Moderation notice = new Moderation("#dev", ModerationAct.BAN, "alice", "bob", "flooding", 1764154800000L, 1764151200000L);
    assertEquals(frame, codec.encodeServerFrame(notice));
    assertEquals(notice, codec.decodeServerFrame(frame));
    assertEquals("banned bob from #dev until 2025-11-26 11:00 UTC: flooding", notice.described());
  }

  @Test
  void theNoticeOfAServerBanSaysItIsOfTheServer() throws Exception {
    String frame = "{\"messageType\":\"moderation\",\"data\":\"{\\\"room\\\":\\\"#general\\\",\\\"act\\\":\\\"ban\\\",\\\"by\\\":\\\"root\\\",\\\"target\\\":\\\"bob\\\",\\\"time\\\":7,\\\"server\\\":true}\"}";
    Moderation notice = new Moderation("#general", ModerationAct.BAN, "root", "bob", "", 0, 7, true, null, 0);
    assertEquals(frame, codec.encodeServerFrame(notice));
    assertEquals(notice, codec.decodeServerFrame(frame));
    assertEquals("banned bob from the server", notice.described());
    assertEquals("lifted the ban on bob from the server", new Moderation("#general", ModerationAct.UNBAN, "root", "bob", "", 0, 7, true, null, 0).described());
  }

  @Test
  void theNoticeOfADeleteSaysWhoseMessageAndWhenItWasSaidNotWhatItSaid() throws Exception {
    Moderation notice = new Moderation("#dev", ModerationAct.DELETE, "alice", "m-42", "", 0, 9, false, "bob", 1764151205000L);
    assertEquals(notice, codec.decodeServerFrame(codec.encodeServerFrame(notice)));
    assertTrue(codec.encodeServerFrame(notice).contains("\\\"from\\\":\\\"bob\\\",\\\"said\\\":1764151205000"), codec.encodeServerFrame(notice));
    assertEquals("deleted bob's message said at 2025-11-26 10:00:05 UTC in #dev", notice.described());
    assertEquals("deleted their message said at 2025-11-26 10:00:05 UTC in #dev",
        new Moderation("#dev", ModerationAct.DELETE, "bob", "m-42", "", 0, 9, false, "bob", 1764151205000L).described());
  }

  @Test
  void theNoticeOfAMuteHasNoTarget() throws Exception {
    String frame = "{\"messageType\":\"moderation\",\"data\":\"{\\\"room\\\":\\\"#dev\\\",\\\"act\\\":\\\"mute\\\",\\\"by\\\":\\\"alice\\\",\\\"time\\\":7}\"}";
    Moderation notice = new Moderation("#dev", ModerationAct.MUTE, "alice", null, "", 0, 7);
    assertEquals(frame, codec.encodeServerFrame(notice));
    assertEquals(notice, codec.decodeServerFrame(frame));
  }

  @Test
  void theAnswersToBanlistAndWhois() throws Exception {
    String bans = "{\"messageType\":\"banlist\",\"data\":\"{\\\"room\\\":\\\"#dev\\\",\\\"bans\\\":[{\\\"target\\\":\\\"bob\\\",\\\"by\\\":\\\"ann\\\",\\\"reason\\\":\\\"spam\\\",\\\"until\\\":1796634000000}]}\"}";
    BanList list = new BanList("#dev", false, List.of(new BanList.Entry("bob", "ann", "spam", 1796634000000L)));
    assertEquals(bans, codec.encodeServerFrame(list));
    assertEquals(list, codec.decodeServerFrame(bans));
    String whois = "{\"messageType\":\"whois\",\"data\":\"{\\\"name\\\":\\\"bob\\\",\\\"room\\\":\\\"#dev\\\",\\\"account\\\":true,\\\"rank\\\":\\\"operator\\\",\\\"since\\\":1796630400000}\"}";
    Whois bob = new Whois("bob", "#dev", true, "operator", 1796630400000L);
    assertEquals(whois, codec.encodeServerFrame(bob));
    assertEquals(bob, codec.decodeServerFrame(whois));
    assertEquals("bob: registered, an operator of #dev, online since 2026-12-07 08:00 UTC", bob.described());
    assertEquals(new Moderate(ModerationAct.BANLIST, "#dev", null, 0, "", true),
        codec.decodeClientFrame("{\"messageType\":\"moderate\",\"data\":\"banlist\",\"dataArray\":[\"room=#dev\",\"server=1\"]}"));
  }
}
