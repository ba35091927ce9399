package dev.termchat.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds the server's TLS context from a keystore file (PKCS #12, or JKS). */
final class TlsContexts {
  private TlsContexts() {}

  static SSLContext serverContext(ServerConfig.TlsConfig tls) throws IOException {
    try (InputStream in = Files.newInputStream(tls.keystore())) {
      KeyStore keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
      keyStore.load(in, tls.keystorePassword());
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore, tls.keystorePassword());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use keystore " + tls.keystore() + ": " + e.getMessage(), e);
    }
  }
}
