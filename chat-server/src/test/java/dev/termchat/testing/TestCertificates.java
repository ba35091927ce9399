package dev.termchat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed server certificate made for a test with the JDK's own keytool: a PKCS #12
 * keystore for the server and the certificate in PEM for clients to trust.
 *
 * @param keystore the server's key and certificate
 * @param certificate the certificate alone, PEM
 */
public record TestCertificates(Path keystore, Path certificate) {
  public static final String PASSWORD = "changeit";

  /** A certificate valid for the given subject alternative names, e.g. {@code ip:127.0.0.1}. */
  public static TestCertificates create(Path directory, String name, String subjectAlternativeNames)
      throws IOException, InterruptedException {
    Path keystore = directory.resolve(name + ".p12");
    Path certificate = directory.resolve(name + ".pem");
    keytool(
        "-genkeypair", "-alias", "chat", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=" + name, "-ext", "SAN=" + subjectAlternativeNames, "-validity", "2",
        "-keystore", keystore.toString(), "-storetype", "PKCS12",
        "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool(
        "-exportcert", "-rfc", "-alias", "chat", "-keystore", keystore.toString(),
        "-storepass", PASSWORD, "-file", certificate.toString());
    return new TestCertificates(keystore, certificate);
  }

  /** The private key in PEM (PKCS #8), as servers that are not Java, such as Redis, read it. */
  public Path writePrivateKeyPem(Path file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    byte[] key = store.getKey("chat", PASSWORD.toCharArray()).getEncoded();
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(key)
            + "\n-----END PRIVATE KEY-----\n";
    Files.writeString(file, pem);
    return file;
  }

  /** A PKCS #12 trust store that holds this certificate alone, for {@code javax.net.ssl.trustStore}. */
  public Path writeTrustStore(Path file) throws IOException, GeneralSecurityException {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trusted.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    try (java.io.OutputStream out = Files.newOutputStream(file)) {
      trusted.store(out, PASSWORD.toCharArray());
    }
    return file;
  }

  /** A client TLS context that trusts only this certificate. */
  public SSLContext trustingClientContext() throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(certificate)) {
      Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      trusted.setCertificateEntry("server", cert);
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    }
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    assertEquals(0, process.exitValue(), "keytool failed: " + output);
  }
}
