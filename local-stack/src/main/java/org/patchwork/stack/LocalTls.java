package org.patchwork.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's certificate authority and one server certificate per service (SANs 127.0.0.1
 * and localhost), so that nodes and the broker speak https to each other on this machine as they do
 * in a cluster: the same Payara listener settings and the same trusted-CA configuration key. Made
 * once with the JDK's keytool in {@code keys/tls} of the state folder and kept; the CA's key never
 * leaves that folder. What a cluster uses instead (cert-manager) is in docs/operations.md.
 */
public final class LocalTls {

  /** The alias of the server key in each keystore: Payara's {@code cert-nickname}. */
  public static final String KEY_ALIAS = "patchwork";

  private static final String CA_ALIAS = "patchwork-local-ca";
  private static final String PASSWORD_VARIABLE = "PATCHWORK_KEYTOOL_PASSWORD";

  private final Path folder;
  private final String password;

  LocalTls(Path stateDir, Secrets secrets) {
    this.folder = stateDir.resolve("keys").resolve("tls");
    this.password = secrets.get("tls.keystore");
  }

  /** What Payara needs to serve https: a PKCS#12 keystore, its password and the key's alias. */
  public record ServerKeystore(Path file, String password, String alias) {}

  /** The CA certificate (PEM) that clients trust: {@code patchwork.tls.trusted-certificates}. */
  public synchronized Path caCertificate() {
    Path pem = folder.resolve("ca.crt");
    if (Files.exists(pem)) {
      return pem;
    }
    try {
      PrivateFiles.folder(folder);
      Path store = folder.resolve("ca.p12");
      Files.deleteIfExists(store);
      keytool(
          "-genkeypair",
          "-alias",
          CA_ALIAS,
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=Patchwork local CA",
          "-ext",
          "bc:c",
          "-ext",
          "ku:c=keyCertSign,cRLSign",
          "-validity",
          "3650",
          "-storetype",
          "PKCS12",
          "-keystore",
          store.toString());
      ownerOnly(store);
      keytool(
          "-exportcert",
          "-rfc",
          "-alias",
          CA_ALIAS,
          "-keystore",
          store.toString(),
          "-file",
          folder.resolve("ca.crt.tmp").toString());
      Files.move(folder.resolve("ca.crt.tmp"), pem);
      return pem;
    } catch (IOException e) {
      throw new StackException("Cannot make the local CA in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The server keystore of {@code service} (made and signed by the CA the first time). */
  public synchronized ServerKeystore server(String service) {
    Path store = folder.resolve(service + ".p12");
    if (!Files.exists(store)) {
      Path ca = caCertificate();
      Path caStore = folder.resolve("ca.p12");
      Path request = folder.resolve(service + ".csr");
      Path signed = folder.resolve(service + ".crt");
      Path building = folder.resolve(service + ".p12.tmp");
      try {
        Files.deleteIfExists(building);
        keytool(
            "-genkeypair",
            "-alias",
            KEY_ALIAS,
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=" + service,
            "-validity",
            "825",
            "-storetype",
            "PKCS12",
            "-keystore",
            building.toString());
        keytool(
            "-certreq",
            "-alias",
            KEY_ALIAS,
            "-keystore",
            building.toString(),
            "-file",
            request.toString());
        keytool(
            "-gencert",
            "-alias",
            CA_ALIAS,
            "-keystore",
            caStore.toString(),
            "-infile",
            request.toString(),
            "-outfile",
            signed.toString(),
            "-rfc",
            "-validity",
            "825",
            "-ext",
            "san=ip:127.0.0.1,dns:localhost",
            "-ext",
            "eku=serverAuth",
            "-ext",
            "ku:c=digitalSignature");
        keytool(
            "-importcert",
            "-noprompt",
            "-alias",
            CA_ALIAS,
            "-file",
            ca.toString(),
            "-keystore",
            building.toString());
        keytool(
            "-importcert",
            "-noprompt",
            "-alias",
            KEY_ALIAS,
            "-file",
            signed.toString(),
            "-keystore",
            building.toString());
        Files.deleteIfExists(request);
        ownerOnly(building);
        Files.move(building, store);
      } catch (IOException e) {
        throw new StackException(
            "Cannot make the certificate of " + service + ": " + e.getMessage(), e);
      }
    }
    return new ServerKeystore(store, password, KEY_ALIAS);
  }

  /** A keystore holds a private key: mode 600, like every other key file of the stack. */
  private static void ownerOnly(Path keystore) throws IOException {
    Files.setPosixFilePermissions(
        keystore, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  /** Runs keytool with the store password from the environment, never on its command line. */
  private void keytool(String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    command.addAll(List.of("-storepass:env", PASSWORD_VARIABLE));
    if (List.of(arguments).contains("-genkeypair")) {
      command.addAll(List.of("-keypass:env", PASSWORD_VARIABLE));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Map.of(PASSWORD_VARIABLE, password));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("keytool " + arguments[0] + " failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool ran", e);
    }
  }
}
