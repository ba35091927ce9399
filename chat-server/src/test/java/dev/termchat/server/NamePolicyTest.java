package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Users;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names the server will not give out, and names it treats as the same. */
class NamePolicyTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abcdefghijklmnopqrstuvwxyz0123456", // 33 characters
        "ad\u200Bmin",
        "evil\u202Egnp",
        "red\u001b[31m",
        "two\nlines",
        "server",
        "SYSTEM",
        "ѕerver", // Cyrillic dze looks like s
        "guest-admin",
        "\u3164", // Hangul filler: prints blank
        "\u115F\u115F",
        "\uFFA0",
        "\u2800\u2800", // blank Braille patterns
        "alice\u2800",
        "\u0301\u0301", // combining marks with nothing to combine with
      })
  void anUnacceptableNameJoinsAsAGuestAndAnExtendedClientIsToldWhy(String name) throws Exception {
    WebSocketRecorder client = chat.connectExtended();
    client.nextText(); // welcome
    client.send(new Register(name));
    ErrorReply error = client.nextFrame(ErrorReply.class);
    assertEquals("invalid-name", error.code());
    assertTrue(error.reason().endsWith("; joining as a guest instead"), error.reason());
    assertTrue(client.nextFrame(Register.class).name().matches("guest-\\d{4}"));
  }

  @Test
  void aHugeNameIsRefusedAsTooLong() throws Exception {
    WebSocketRecorder client = chat.connectExtended();
    client.nextText(); // welcome
    client.send(new Register("a" + "\u0301\u0316".repeat(16_000)));
    assertEquals(
        "a name is at most 32 characters; joining as a guest instead",
        client.nextFrame(ErrorReply.class).reason());
    assertTrue(client.nextFrame(Register.class).name().matches("guest-\\d{4}"));
  }

  @Test
  void manyAskingForOneNameGetSuffixesInTurnThenAtRandom() throws Exception {
    java.util.Set<String> given = new java.util.HashSet<>();
    for (int i = 0; i < 12; i++) {
      given.add(register(chat.connect(), "x"));
    }
    assertEquals(12, given.size(), given.toString());
    for (String name : List.of("x", "x-2", "x-3", "x-9")) {
      assertTrue(given.contains(name), given.toString());
    }
    assertTrue(given.stream().filter(name -> name.matches("x-\\d{2,}")).count() == 3, given.toString());
  }

  @Test
  void aNameThatDiffersOnlyByAnInvisibleVariationSelectorIsTheSameName() throws Exception {
    assertEquals("\u2764", register(chat.connect(), "\u2764"));
    assertEquals("\u2764\uFE0F-2", register(chat.connect(), "\u2764\uFE0F"));
  }

  @Test
  void aBaseClientWithAnUnacceptableNameIsJustAGuest() throws Exception {
    WebSocketRecorder yew = chat.connect();
    yew.send(new Register("sys\u200Btem"));
    assertTrue(yew.nextFrame(Register.class).name().matches("guest-\\d{4}"));
    yew.nextFrame(Users.class);
    yew.assertNoMoreEventsBefore(yew.sayMarker());
  }

  @Test
  void lookAlikesCountAsTaken() throws Exception {
    assertEquals("alice", register(chat.connect(), "alice"));
    assertTrue(register(chat.connect(), "аlice").startsWith("guest-"), "Cyrillic а among Latin: refused");
    assertEquals("ALICE-2", register(chat.connect(), "ALICE"));
    assertEquals("ace", register(chat.connect(), "ace"));
    assertEquals("\u0430\u0441\u0435-2", register(chat.connect(), "\u0430\u0441\u0435")); // all Cyrillic
    assertEquals("paypal", register(chat.connect(), "paypal"));
    assertEquals("paypa1-2", register(chat.connect(), "paypa1")); // digit one for l
    // Look-alikes that only case makes: a capital I for an l, a zero for an O.
    assertEquals("aIice-3", register(chat.connect(), "aIice"), "aIice-2 is ALICE-2, who is online");
    assertEquals("bob", register(chat.connect(), "bob"));
    assertEquals("b0b-2", register(chat.connect(), "b0b"));
    assertEquals("l1", register(chat.connect(), "l1"));
    assertEquals("I1-2", register(chat.connect(), "I1"));
  }

  @Test
  void twoNamesThatAreEachTheSameAsAThirdAreTheSameAsEachOther() throws Exception {
    // ALICE is alice by case, aIice is alice by shape (a capital I for an l): in either order.
    assertEquals("ALICE", register(chat.connect(), "ALICE"));
    assertEquals("aIice-2", register(chat.connect(), "aIice"));
    assertEquals("emiIia", register(chat.connect(), "emiIia"));
    assertEquals("EMILIA-2", register(chat.connect(), "EMILIA"));
  }

  @Test
  void cherokeeFullwidthAndSmallCapitalLookAlikesCountAsTaken() throws Exception {
    assertEquals("ALICE", register(chat.connect(), "ALICE"));
    assertEquals("\u13AA\u13DE\u13A5\u13DF\u13AC-2", register(chat.connect(), "\u13AA\u13DE\u13A5\u13DF\u13AC")); // Cherokee ALICE
    assertEquals("MOD", register(chat.connect(), "MOD"));
    assertEquals("\u13B7\u13BE\u13A0-2", register(chat.connect(), "\u13B7\u13BE\u13A0")); // Cherokee MOD
    assertEquals("mallory", register(chat.connect(), "mallory"));
    assertEquals("\uFF4D\uFF41\uFF4C\uFF4C\uFF4F\uFF52\uFF59-2", register(chat.connect(), "\uFF4D\uFF41\uFF4C\uFF4C\uFF4F\uFF52\uFF59")); // fullwidth
    assertEquals("bob", register(chat.connect(), "bob"));
    assertEquals("\u0299\u1D0F\u0299-2", register(chat.connect(), "\u0299\u1D0F\u0299")); // small capitals
    assertTrue(register(chat.connect(), "\uA731\u1D07\u0280\u1D20\u1D07\u0280").startsWith("guest-"), "small capital SERVER: reserved");
  }

  @Test
  void aBracketThatCouldPassForAParenthesisOrASquareBracketIsRefused() throws Exception {
    assertTrue(register(chat.connect(), "bob \u27EE127.0.0.1\u27EF").startsWith("guest-"), "flattened parentheses");
    assertTrue(register(chat.connect(), "\u301010.23\u3011 bob").startsWith("guest-"), "lenticular brackets");
    assertEquals("[bob]", register(chat.connect(), "[bob]"));
  }

  @Test
  void composedAndDecomposedFormsAreOneName() throws Exception {
    assertEquals("\u00e9mile", register(chat.connect(), "e\u0301mile"));
    assertEquals("\u00c9mile-2", register(chat.connect(), "\u00c9mile"));
  }

  @Test
  void aGuestNameMayBeAskedForAndATakenOneGetsAnother() throws Exception {
    assertEquals("guest-1234", register(chat.connect(), "guest-1234"));
    String second = register(chat.connect(), "guest-1234");
    assertTrue(second.matches("guest-\\d{4}") && !second.equals("guest-1234"), second);
    assertEquals(2, chat.server().users().size());
    assertEquals(List.of("guest-1234", second), chat.server().users());
  }
}
