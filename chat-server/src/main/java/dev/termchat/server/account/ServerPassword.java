package dev.termchat.server.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The server's own password ({@code --password}) as given in-band: compared as digests of equal
 * length, in constant time, so that timing tells nothing of it; never kept as given.
 */
public final class ServerPassword {
  private final Optional<byte[]> digest;

  public ServerPassword(Optional<String> password) {
    this.digest = password.map(ServerPassword::digest);
  }

  public boolean wanted() {
    return digest.isPresent();
  }

  public boolean matches(String given) {
    return digest.isPresent() && MessageDigest.isEqual(digest.get(), digest(given));
  }

  private static byte[] digest(String password) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
