package org.patchwork.edge.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The TLS context of the calls between nodes and the broker: the JDK's own trusted authorities plus
 * the CA certificates (PEM) in the file {@value #KEY} names, e.g. the CA the launcher makes for the
 * local stack or a cluster's private CA (cert-manager's {@code ca.crt}). Without the key it is the
 * JDK's default context. Only the federation's clients use it, so the JVM-wide {@code
 * javax.net.ssl.trustStore} (which would also replace the authorities the OIDC client trusts) stays
 * untouched.
 */
public final class TrustedCertificates {

  /** A PEM file of one or more CA certificates, trusted besides the JDK's authorities. */
  public static final String KEY = "patchwork.tls.trusted-certificates";

  private TrustedCertificates() {}

  /** The context configured by {@value #KEY}, read from MicroProfile Config. */
  public static SSLContext context() {
    Optional<String> file = ConfigProvider.getConfig().getOptionalValue(KEY, String.class);
    return file.map(name -> context(Path.of(name))).orElseGet(TrustedCertificates::jdkDefault);
  }

  /**
   * A context trusting the JDK's authorities and every certificate in {@code pem}; a file that
   * cannot be read or holds no certificate stops the service from starting, rather than leaving it
   * unable to reach the federation later.
   */
  public static SSLContext context(Path pem) {
    try {
      List<X509Certificate> extra = read(pem);
      X509TrustManager jdk = trustManager((KeyStore) null);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate certificate : jdk.getAcceptedIssuers()) {
        store.setCertificateEntry("jdk-" + n++, certificate);
      }
      for (X509Certificate certificate : extra) {
        store.setCertificateEntry("configured-" + n++, certificate);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager(store)}, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          KEY + ": cannot use the CA certificates in " + pem + ": " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> read(Path pem) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(pem)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    List<X509Certificate> x509 = new ArrayList<>();
    for (Certificate certificate : certificates) {
      x509.add((X509Certificate) certificate);
    }
    if (x509.isEmpty()) {
      throw new GeneralSecurityException("the file holds no PEM certificate");
    }
    return x509;
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  private static SSLContext jdkDefault() {
    try {
      return SSLContext.getDefault();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK has no default TLS context", e);
    }
  }
}
