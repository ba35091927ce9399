package dev.termchat.server.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Passwords hashed with Argon2id (Bouncy Castle's, pure Java) at OWASP's recommended cost: 19 MiB
 * of memory, 2 passes, 1 lane; a random 16-byte salt for each. A hash is kept as the PHC string
 * {@code $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH}, so that a later cost still reads an earlier
 * hash. Compared in constant time. Stateless and thread-safe; each hash takes its 19 MiB while it
 * runs, so callers bound how many run at once ({@link HashPool}).
 */
final class PasswordHasher {
  static final int MEMORY_KIB = 19 * 1024;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final String PREFIX = "$argon2id$v=19$";
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_IN = Base64.getDecoder();

  private final SecureRandom random = new SecureRandom();
  /**
   * The hash of a password no one knows, checked against when a login names no account: so a
   * wrong name costs the time a wrong password does, and the answer cannot tell them apart.
   */
  private final String dummy;

  PasswordHasher() {
    // Checking costs what the parameters say, whatever the salt and hash: random ones, not made
    // by hashing here, so that a server starts without 19 MiB to spare (a small heap must start).
    byte[] salt = new byte[SALT_BYTES];
    byte[] hash = new byte[HASH_BYTES];
    random.nextBytes(salt);
    random.nextBytes(hash);
    this.dummy = phc(salt, hash);
  }

  /** The password's hash, under a new random salt, as a PHC string. */
  String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return phc(salt, derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES));
  }

  private static String phc(byte[] salt, byte[] hash) {
    return PREFIX + "m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  /**
   * Whether the password is the one hashed; {@code null} for an account that does not exist,
   * checked against a dummy all the same, and false. A stored hash this cannot read is false.
   */
  boolean verify(String password, String stored) {
    String[] parts = (stored == null ? dummy : stored).split("\\$");
    // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    int memory = 0;
    int passes = 0;
    int lanes = 0;
    for (String parameter : parts[3].split(",")) {
      String[] pair = parameter.split("=", 2);
      if (pair.length != 2) {
        return false;
      }
      int value;
      try {
        value = Integer.parseInt(pair[1]);
      } catch (NumberFormatException e) {
        return false;
      }
      switch (pair[0]) {
        case "m" -> memory = value;
        case "t" -> passes = value;
        case "p" -> lanes = value;
        default -> {
          return false;
        }
      }
    }
    if (memory < 8 || passes < 1 || lanes < 1 || memory > 1 << 22 || passes > 100 || lanes > 16) {
      return false;
    }
    byte[] salt;
    byte[] expected;
    try {
      salt = B64_IN.decode(parts[4]);
      expected = B64_IN.decode(parts[5]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (salt.length < 8 || expected.length < 16 || expected.length > 64) {
      return false;
    }
    byte[] actual = derive(password, salt, memory, passes, lanes, expected.length);
    return MessageDigest.isEqual(actual, expected) && stored != null;
  }

  private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(lanes)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] secret = password.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[length];
    try {
      generator.generateBytes(secret, out);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    return out;
  }
}
