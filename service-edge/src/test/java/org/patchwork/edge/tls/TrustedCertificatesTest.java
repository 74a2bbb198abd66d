package org.patchwork.edge.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real https server with a certificate of a private CA (made with the JDK's keytool, as the
 * launcher makes the local stack's): the JDK's default context refuses it, the configured one
 * trusts it, and it still trusts what the JDK trusts.
 */
class TrustedCertificatesTest {

  private static final String PASSWORD = "test-only-password";

  @TempDir static Path folder;
  private static HttpsServer server;
  private static Path caPem;

  @BeforeAll
  static void startAServerWithAPrivateCasCertificate() throws Exception {
    Path ca = folder.resolve("ca.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=Test CA",
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        ca.toString());
    caPem = folder.resolve("ca.crt");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-file",
        caPem.toString());
    Path server = folder.resolve("server.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=server",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        server.toString());
    keytool(
        "-certreq",
        "-alias",
        "server",
        "-keystore",
        server.toString(),
        "-file",
        folder.resolve("server.csr").toString());
    keytool(
        "-gencert",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-rfc",
        "-infile",
        folder.resolve("server.csr").toString(),
        "-outfile",
        folder.resolve("server.crt").toString(),
        "-ext",
        "san=ip:127.0.0.1",
        "-validity",
        "2");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        caPem.toString(),
        "-keystore",
        server.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "server",
        "-file",
        folder.resolve("server.crt").toString(),
        "-keystore",
        server.toString());

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(server)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, PASSWORD.toCharArray());
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(factory.getKeyManagers(), null, null);
    TrustedCertificatesTest.server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    TrustedCertificatesTest.server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    TrustedCertificatesTest.server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    TrustedCertificatesTest.server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void theJdksDefaultContextRefusesThePrivateCasCertificate() throws Exception {
    assertThatThrownBy(() -> call(SSLContext.getDefault()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void theConfiguredCertificatesAreTrusted() throws Exception {
    assertThat(call(TrustedCertificates.context(caPem))).isEqualTo(204);
  }

  @Test
  void theJdksAuthoritiesStayTrusted() throws Exception {
    var jdk =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    jdk.init((KeyStore) null);
    int jdkAuthorities =
        ((javax.net.ssl.X509TrustManager) jdk.getTrustManagers()[0]).getAcceptedIssuers().length;
    assertThat(jdkAuthorities).isPositive();
    // The context's trust manager accepts the JDK's issuers and the configured CA.
    SSLContext context = TrustedCertificates.context(caPem);
    assertThat(context.getProtocol()).isEqualTo("TLS");
    assertThat(call(context)).isEqualTo(204);
  }

  @Test
  void aFileWithoutACertificateStopsTheServiceWithTheKeyNamed() throws IOException {
    Path empty = Files.writeString(folder.resolve("empty.pem"), "not a certificate\n");
    assertThatThrownBy(() -> TrustedCertificates.context(empty))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(TrustedCertificates.KEY);
  }

  private static int call(SSLContext context) throws Exception {
    HttpClient client =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context).build();
    return client
        .send(
            HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/"))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static void keytool(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    command.addAll(List.of("-storepass", PASSWORD));
    if (List.of(arguments).contains("-genkeypair")) {
      command.addAll(List.of("-keypass", PASSWORD));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isZero();
  }
}
