package dev.termchat.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A TLS context that trusts exactly the certificates in a PEM file: a server's own, or a CA. */
final class TrustedCertificates {
  private TrustedCertificates() {}

  static SSLContext from(Path pemFile) throws IOException {
    InputStream opened;
    try {
      opened = Files.newInputStream(pemFile);
    } catch (NoSuchFileException e) {
      throw new IOException("cannot read " + pemFile + ": no such file", e);
    } catch (IOException e) {
      throw new IOException("cannot read " + pemFile + ": " + e.getMessage(), e);
    }
    try (InputStream in = opened) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IOException("no certificate in " + pemFile);
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        trusted.setCertificateEntry("trusted-" + index++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (java.security.cert.CertificateException e) {
      // The parser's own words ("signed fields invalid") say nothing to a person.
      throw new IOException(
          pemFile + " is not a certificate in PEM (-----BEGIN CERTIFICATE-----); give --trust the server's"
              + " certificate or its CA, e.g. as keytool -exportcert -rfc writes it", e);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read certificates from " + pemFile + ": " + e.getMessage(), e);
    }
  }
}
