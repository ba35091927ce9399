package dev.termchat.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds the server's TLS context from a keystore file (PKCS #12, or JKS). */
final class TlsContexts {
  private TlsContexts() {}

  /** The keystore will not do; the message says why, for a person. */
  static final class UnusableKeystoreException extends IOException {
    private static final long serialVersionUID = 1L;

    UnusableKeystoreException(String message) {
      super(message);
    }

    UnusableKeystoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static SSLContext serverContext(ServerConfig.TlsConfig tls) throws IOException {
    Path keystore = tls.keystore();
    if (!Files.exists(keystore)) {
      throw new UnusableKeystoreException("the keystore " + keystore + " does not exist");
    }
    if (!Files.isReadable(keystore) || Files.isDirectory(keystore)) {
      throw new UnusableKeystoreException("the keystore " + keystore + " cannot be read");
    }
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
      try {
        keyStore.load(in, tls.keystorePassword());
      } catch (IOException e) {
        // PKCS #12 reports a wrong password as an IOException caused by an unrecoverable key.
        if (e.getCause() instanceof UnrecoverableKeyException) {
          throw new UnusableKeystoreException("wrong password for the keystore " + keystore, e);
        }
        throw new UnusableKeystoreException(keystore + " is not a PKCS #12 or JKS keystore", e);
      }
      if (keyStore.size() == 0) {
        throw new UnusableKeystoreException("the keystore " + keystore + " holds no key");
      }
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore, tls.keystorePassword());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (UnrecoverableKeyException e) {
      throw new UnusableKeystoreException("wrong password for the key in " + keystore, e);
    } catch (GeneralSecurityException e) {
      throw new UnusableKeystoreException("cannot use the keystore " + keystore + ": " + e.getMessage(), e);
    }
  }
}
