package dev.termchat.server.store;

/**
 * The store cannot be used: its directory or file is not one this server may open (a file that is
 * not a store, a store of a newer version, another server holding it). The message is one line
 * for a person, naming the file and what to do.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
