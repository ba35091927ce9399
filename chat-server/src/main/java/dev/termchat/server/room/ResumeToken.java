package dev.termchat.server.room;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The secret with which an extended client reclaims its session after its connection drops,
 * {@code SESSION.SECRET}: the session part finds the session, the secret part proves it, compared
 * in constant time so that timing tells nothing of a stored secret. Never logged: {@link
 * #toString} hides it. The room keeps and the log carries only {@link #sealed} tokens, the secret
 * hashed, so that whoever reads a cluster's Redis cannot take over a session.
 */
public record ResumeToken(String session, String secret) {
  private static final int SESSION_BYTES = 9;
  private static final int SECRET_BYTES = 18;
  private static final int MAX_LENGTH = 64;
  private static final SecureRandom RANDOM = new SecureRandom();
  /** What a client sent that is not a token at all: it matches no session. */
  static final ResumeToken UNKNOWN = new ResumeToken("", "");

  public static ResumeToken issue() {
    return new ResumeToken(randomText(SESSION_BYTES), randomText(SECRET_BYTES));
  }

  /** The token a client sent, if it has the shape of one. */
  public static Optional<ResumeToken> parse(String text) {
    if (text == null || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    int dot = text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1 || text.indexOf('.', dot + 1) >= 0) {
      return Optional.empty();
    }
    return Optional.of(new ResumeToken(text.substring(0, dot), text.substring(dot + 1)));
  }

  /** This token with its secret hashed (SHA-256): what the room keeps and the log carries. */
  public ResumeToken sealed() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
      return new ResumeToken(session, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Whether the other token is this one; constant time in the secret. */
  boolean matches(ResumeToken other) {
    return session.equals(other.session)
        && MessageDigest.isEqual(
            secret.getBytes(StandardCharsets.US_ASCII), other.secret.getBytes(StandardCharsets.US_ASCII));
  }

  /** As the client gets it and sends it back. */
  public String wire() {
    return session + "." + secret;
  }

  @Override
  public String toString() {
    return "ResumeToken[" + session + ".***]";
  }

  private static String randomText(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
