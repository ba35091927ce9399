package dev.termchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden tests for account frames: literal JSON both ways. */
class AccountFramesTest {
  private final FrameCodec codec = new FrameCodec();

  private ErrorCode refusal(String frame) {
    return assertThrows(ProtocolException.class, () -> codec.decodeClientFrame(frame)).code();
  }

  @Test
  void login() throws Exception {
    String frame = "{\"messageType\":\"account\",\"data\":\"{\\\"op\\\":\\\"login\\\",\\\"name\\\":\\\"alice\\\",\\\"password\\\":\\\"correct horse\\\"}\"}";
    assertEquals(AccountRequest.login("alice", "correct horse"), codec.decodeClientFrame(frame));
    assertEquals(frame, codec.encodeClientFrame(AccountRequest.login("alice", "correct horse")));
  }

  @Test
  void registerTheNameOneHas() throws Exception {
    String frame = "{\"messageType\":\"account\",\"data\":\"{\\\"op\\\":\\\"register\\\",\\\"password\\\":\\\"correct horse\\\"}\"}";
    assertEquals(AccountRequest.register("correct horse"), codec.decodeClientFrame(frame));
    assertEquals(frame, codec.encodeClientFrame(AccountRequest.register("correct horse")));
  }

  @Test
  void changePassword() throws Exception {
    String frame = "{\"messageType\":\"account\",\"data\":\"{\\\"op\\\":\\\"password\\\",\\\"password\\\":\\\"correct horse\\\",\\\"new\\\":\\\"battery staple\\\"}\"}";
    assertEquals(AccountRequest.changePassword("correct horse", "battery staple"), codec.decodeClientFrame(frame));
    assertEquals(frame, codec.encodeClientFrame(AccountRequest.changePassword("correct horse", "battery staple")));
  }

  @Test
  void serverPasswordInBand() throws Exception {
    String frame = "{\"messageType\":\"account\",\"data\":\"{\\\"op\\\":\\\"access\\\",\\\"password\\\":\\\"s3cret\\\"}\"}";
    assertEquals(AccountRequest.access("s3cret"), codec.decodeClientFrame(frame));
    assertEquals(frame, codec.encodeClientFrame(AccountRequest.access("s3cret")));
  }

  @Test
  void theAnswerNamesTheAccountAndNoPassword() throws Exception {
    String frame = "{\"messageType\":\"account\",\"data\":\"{\\\"op\\\":\\\"login\\\",\\\"name\\\":\\\"alice\\\"}\"}";
    assertEquals(frame, codec.encodeServerFrame(new AccountReply("login", "alice")));
    assertEquals(new AccountReply("login", "alice"), codec.decodeServerFrame(frame));
    assertEquals("{\"messageType\":\"account\",\"data\":\"{\\\"op\\\":\\\"access\\\"}\"}", codec.encodeServerFrame(new AccountReply("access", null)));
    assertFalse(new AccountReply("login", "alice").isBase());
  }

  @Test
  void aLoginsAnswerCarriesTheSessionsNewTokenAndShowsItNot() throws Exception {
    String frame = "{\"messageType\":\"account\",\"data\":\"{\\\"op\\\":\\\"login\\\",\\\"name\\\":\\\"alice\\\",\\\"token\\\":\\\"s.t\\\"}\"}";
    assertEquals(frame, codec.encodeServerFrame(new AccountReply("login", "alice", "s.t")));
    assertEquals(new AccountReply("login", "alice", "s.t"), codec.decodeServerFrame(frame));
    assertFalse(new AccountReply("login", "alice", "secret.part").toString().contains("secret"));
  }

  @Test
  void aRequestShownNeverShowsItsPassword() {
    String shown = AccountRequest.changePassword("correct horse", "battery staple").toString();
    assertFalse(shown.contains("horse") || shown.contains("staple"), shown);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"messageType\":\"account\",\"data\":\"{\\\"op\\\":\\\"login\\\",\\\"password\\\":\\\"x\\\"}\"}",
        "{\"messageType\":\"account\",\"data\":\"{\\\"op\\\":\\\"login\\\",\\\"name\\\":\\\"alice\\\"}\"}",
        "{\"messageType\":\"account\",\"data\":\"{\\\"op\\\":\\\"password\\\",\\\"password\\\":\\\"x\\\"}\"}",
        "{\"messageType\":\"account\",\"data\":\"{\\\"op\\\":\\\"drop\\\",\\\"password\\\":\\\"x\\\"}\"}",
        "{\"messageType\":\"account\",\"data\":\"[]\"}",
        "{\"messageType\":\"account\",\"data\":\"{\\\"op\\\":\\\"register\\\",\\\"password\\\":7}\"}",
      })
  void whatIsNoAccountRequestIsAnInvalidFrame(String frame) {
    assertEquals(ErrorCode.INVALID_FRAME, refusal(frame));
  }

  @Test
  void aPasswordPastTheBoundIsRefusedBeforeAnythingHashesIt() {
    String tooLong = "p".repeat(Wire.MAX_PASSWORD_CHARS + 1);
    String frame = "{\"messageType\":\"account\",\"data\":\"{\\\"op\\\":\\\"register\\\",\\\"password\\\":\\\"" + tooLong + "\\\"}\"}";
    assertEquals(ErrorCode.INVALID_FRAME, refusal(frame));
  }
}
