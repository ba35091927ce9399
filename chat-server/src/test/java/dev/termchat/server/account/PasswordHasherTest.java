package dev.termchat.server.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Argon2id at OWASP's cost: the PHC string, a salt each, and what does not verify. */
class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void aHashIsArgon2idAtOwaspsCostUnderASaltOfItsOwn() {
    String one = hasher.hash("correct horse");
    String two = hasher.hash("correct horse");
    assertTrue(one.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), one);
    assertNotEquals(one, two, "a random salt for each");
    assertFalse(one.contains("correct horse"));
    assertTrue(hasher.verify("correct horse", one));
    assertTrue(hasher.verify("correct horse", two));
  }

  @Test
  void whatDoesNotVerify() {
    String stored = hasher.hash("correct horse");
    assertFalse(hasher.verify("correct hors", stored));
    assertFalse(hasher.verify("correct horse", null), "no account: checked against a dummy, and false");
    assertFalse(hasher.verify("correct horse", tampered(stored)));
    assertFalse(hasher.verify("correct horse", "$argon2i$v=19$m=19456,t=2,p=1$AAAA$AAAA"));
    assertFalse(hasher.verify("correct horse", "$argon2id$v=19$m=99999999,t=2,p=1$AAAA$AAAA"), "a cost past the bounds is not run");
    assertFalse(hasher.verify("correct horse", "not a hash"));
  }

  /**
   * The hash with one character changed, one that carries six bits of it: the last carries two
   * (43 characters for 32 bytes), and writing "AA" over the last two left one hash in 256 as it was.
   */
  private static String tampered(String stored) {
    int at = stored.length() - 3;
    char changed = stored.charAt(at) == 'A' ? 'B' : 'A';
    return stored.substring(0, at) + changed + stored.substring(at + 1);
  }
}
