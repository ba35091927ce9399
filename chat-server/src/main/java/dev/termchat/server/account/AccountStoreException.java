package dev.termchat.server.account;

/** Where accounts are kept cannot answer now (a full disk, Redis out of reach): try again later. */
public final class AccountStoreException extends RuntimeException {
  public AccountStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
