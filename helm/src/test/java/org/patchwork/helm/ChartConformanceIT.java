package org.patchwork.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.patchwork.fixtures.TimeFactor;
import org.patchwork.stack.Council;
import org.patchwork.stack.DemoPractitioners;
import org.patchwork.stack.DemoSignIn;
import org.patchwork.stack.LocalStack;
import org.patchwork.stack.Ports;
import org.patchwork.stack.StackStatus;

/**
 * Chart conformance: the charts are rendered for two councils (each its own tenant-node release)
 * and the federation, and every rendered Deployment's uber-jar is started as a process with exactly
 * the environment and files its pod would get ({@link RenderedPod}), the council's and the
 * federation's Secrets made from the keys the launcher generates, against the local stack's real
 * PostgreSQL and Keycloak. Then each must be ready, a node must answer a practitioner's search, a
 * federated query must cross the broker to the other council, and no process may pass its pod's
 * memory limit. One stack start for the whole class.
 */
class ChartConformanceIT {

  private static final List<Council> COUNCILS = List.of(Council.KINGSTON, Council.YARRA);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static LocalStack stack;
  private static Ports ports;
  private static String keycloakUrl;
  private static StackStatus status;
  private static final Map<String, RenderedPod> pods = new LinkedHashMap<>();
  private static final Map<String, Process> processes = new LinkedHashMap<>();
  private static final Map<String, String> urls = new LinkedHashMap<>();
  private static Path folder;

  @BeforeAll
  static void renderTheChartsAndStartEveryDeployment() throws Exception {
    folder = Path.of("target", "conformance").toAbsolutePath();
    deleteRecursively(folder);
    Files.createDirectories(folder);
    int portBase = Integer.getInteger("patchwork.it.portBase", 29000);
    ports = new Ports(portBase);
    stack =
        new LocalStack(
            new LocalStack.Options(
                Charts.PROJECT_ROOT,
                Path.of("target", "conformance-stack").toAbsolutePath(),
                portBase,
                COUNCILS,
                TimeFactor.scaled(Duration.ofMinutes(4))));
    stack.down();
    status = stack.upInfrastructure(message -> System.out.println("[conformance] " + message));
    keycloakUrl =
        status.services().stream()
            .filter(s -> s.name().equals("keycloak"))
            .findFirst()
            .orElseThrow()
            .url();

    // The federation: its Secrets, as docs/operations.md has the operators create them.
    Map<String, String> broker = stack.brokerSettings();
    Map<String, String> console = stack.consoleSettings();
    Map<String, Map<String, byte[]>> federationSecrets = new LinkedHashMap<>();
    federationSecrets.put(
        "broker-keys", Map.of("broker-keys.json", read(broker.get("patchwork.broker.keys-file"))));
    federationSecrets.put("broker-db", credentials(broker));
    federationSecrets.put(
        "console-oidc",
        Map.of("client-secret", bytes(console.get("patchwork.oidc.client-secret"))));
    // TLS between nodes and broker: the launcher's CA stands in for the cluster's issuer.
    federationSecrets.put("broker-tls", keystore(stack.tls().server("broker")));
    federationSecrets.put("federation-ca", Map.of("ca.crt", read(caFile().toString())));
    String federationValues =
        """
        oidc:
          keycloakUrl: %s
          issuer: %s
          consoleClientId: %s
          consoleClientSecret: {existingSecret: console-oidc}
        broker:
          keys: {existingSecret: broker-keys}
          database: {url: "%s", existingSecret: broker-db}
          tls:
            keystore: {existingSecret: broker-tls, alias: %s}
            trustedCertificates: {existingSecret: federation-ca}
        networkPolicy:
          egress:
            database: {to: [{ipBlock: {cidr: 127.0.0.1/32}}]}
            identityProvider: {to: [{ipBlock: {cidr: 127.0.0.1/32}}]}
            nodes: {to: [{ipBlock: {cidr: 127.0.0.1/32}}]}
        """
            .formatted(
                keycloakUrl,
                console.get("patchwork.oidc.issuer"),
                console.get("patchwork.oidc.client-id"),
                broker.get("db.url"),
                org.patchwork.stack.LocalTls.KEY_ALIAS);
    RenderedManifests federation =
        Charts.render(
            Charts.FEDERATION, "patchwork", "patchwork-federation", folder, federationValues);
    Map<String, String> services = new LinkedHashMap<>();
    for (Service service : federation.all(Service.class)) {
      String component = service.getSpec().getSelector().get("app.kubernetes.io/name");
      int port = component.equals("federation-broker") ? ports.broker() : ports.console();
      services.put(
          service.getMetadata().getName()
              + "."
              + service.getMetadata().getNamespace()
              + ".svc:8080",
          "127.0.0.1:" + port);
    }
    prepare(
        federation.deployment("patchwork-federation", "patchwork-federation-broker"),
        "federation-broker",
        federationSecrets,
        services,
        Map.of(8080, ports.broker(), 8443, ports.brokerTls()));
    prepare(
        federation.deployment("patchwork-federation", "patchwork-admin-console"),
        "admin-console",
        federationSecrets,
        services,
        Map.of(8080, ports.console()));

    // Each council: its own release, namespace and Secrets.
    for (Council council : COUNCILS) {
      Map<String, String> node = stack.nodeSettings(council);
      String id = council.id();
      Map<String, Map<String, byte[]>> secrets = new LinkedHashMap<>();
      secrets.put(
          id + "-council-key",
          Map.of("council-key.json", read(node.get("patchwork.council.key-file"))));
      secrets.put(
          id + "-node-keys", Map.of("node-keys.json", read(node.get("patchwork.node.keys-file"))));
      secrets.put(
          id + "-audit-key",
          Map.of("audit-signing-key.pem", read(node.get("patchwork.audit.signing-key-file"))));
      secrets.put(
          "federation-matching-key",
          Map.of("matching-key.json", read(node.get("patchwork.federation.matching-key-file"))));
      secrets.put(
          "broker-public-keys",
          Map.of("broker-public-keys.json", read(node.get("patchwork.broker.public-keys-file"))));
      secrets.put(
          id + "-oidc", Map.of("client-secret", bytes(node.get("patchwork.oidc.client-secret"))));
      secrets.put(id + "-db", credentials(node));
      secrets.put(id + "-tls", keystore(stack.tls().server("node-" + id)));
      secrets.put("federation-ca", Map.of("ca.crt", read(caFile().toString())));
      String values =
          """
          council: {id: %1$s, name: "%2$s"}
          broker:
            url: https://127.0.0.1:%3$d
            publicKeys: {existingSecret: broker-public-keys}
          tls:
            keystore: {existingSecret: %1$s-tls, alias: %8$s}
            trustedCertificates: {existingSecret: federation-ca}
          oidc:
            issuer: %4$s
            clientId: %5$s
            clientSecret: {existingSecret: %1$s-oidc}
          keys:
            council: {existingSecret: %1$s-council-key}
            node: {existingSecret: %1$s-node-keys}
            audit: {existingSecret: %1$s-audit-key}
            matching: {existingSecret: federation-matching-key}
          database: {url: "%6$s", existingSecret: %1$s-db}
          publicUrl: http://127.0.0.1:%7$d
          networkPolicy:
            egress:
              database: {to: [{ipBlock: {cidr: 127.0.0.1/32}}]}
              identityProvider: {to: [{ipBlock: {cidr: 127.0.0.1/32}}]}
              broker: {to: [{ipBlock: {cidr: 127.0.0.1/32}}]}
          """
              .formatted(
                  id,
                  council.displayName(),
                  ports.brokerTls(),
                  node.get("patchwork.oidc.issuer"),
                  node.get("patchwork.oidc.client-id"),
                  node.get("db.url"),
                  ports.node(council),
                  org.patchwork.stack.LocalTls.KEY_ALIAS);
      String namespace = "patchwork-" + id;
      RenderedManifests manifests =
          Charts.render(Charts.TENANT_NODE, id, namespace, folder, values);
      prepare(
          manifests.deployment(namespace, id + "-tenant-node"),
          "tenant-node",
          secrets,
          Map.of(),
          Map.of(8080, ports.node(council), 8443, ports.nodeTls(council)));
    }

    for (Map.Entry<String, RenderedPod> pod : pods.entrySet()) {
      processes.put(
          pod.getKey(), pod.getValue().start(folder.resolve(pod.getKey()).resolve("service.log")));
    }
    Instant deadline = Instant.now().plus(TimeFactor.scaled(Duration.ofMinutes(5)));
    for (String name : pods.keySet()) {
      awaitReady(name, deadline);
    }
  }

  @AfterAll
  static void stopEverything() {
    for (Process process : processes.values()) {
      process.destroy();
    }
    for (Process process : processes.values()) {
      try {
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (stack != null) {
      stack.down();
    }
  }

  @Test
  void everyRenderedDeploymentBecomesReadyWithWhatItsPodGets() throws Exception {
    assertThat(pods.keySet())
        .containsExactlyInAnyOrder(
            "patchwork-federation-broker",
            "patchwork-admin-console",
            "kingston-tenant-node",
            "yarra-tenant-node");
    for (String name : pods.keySet()) {
      assertThat(get(urls.get(name) + "/health/ready", null).statusCode()).as(name).isEqualTo(200);
      assertThat(get(urls.get(name) + "/health/live", null).statusCode()).as(name).isEqualTo(200);
    }
    // The application itself at "/", where the Service, the Ingress and the other services send
    // requests: the health endpoints answer at the root whatever the context root is.
    assertThat(get(urls.get("kingston-tenant-node") + "/api/me", null).statusCode()).isEqualTo(401);
    assertThat(get(urls.get("patchwork-federation-broker") + "/api/agreements", null).statusCode())
        .isEqualTo(401);
  }

  @Test
  void nodesAndTheBrokerServeHttpsWithTheCertificatesTheirSecretsHold() throws Exception {
    SSLContext trusting = trusting(caFile());
    HttpClient https =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .sslContext(trusting)
            .build();
    List<Integer> listeners =
        List.of(ports.brokerTls(), ports.nodeTls(Council.KINGSTON), ports.nodeTls(Council.YARRA));
    for (int port : listeners) {
      URI ready = URI.create("https://127.0.0.1:" + port + "/health/ready");
      assertThat(
              https
                  .send(HttpRequest.newBuilder(ready).GET().build(), BodyHandlers.discarding())
                  .statusCode())
          .as(ready.toString())
          .isEqualTo(200);
      // Not a certificate anyone trusts: without the CA the JDK refuses it.
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  HTTP.send(HttpRequest.newBuilder(ready).GET().build(), BodyHandlers.discarding()))
          .as(ready.toString())
          .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }
    // The console has no keystore: no https listener.
    assertThat(pods.get("patchwork-admin-console").command()).doesNotContain("--sslPort");
  }

  @Test
  void aNodeAnswersAPractitionersSearch() throws Exception {
    String node = urls.get("kingston-tenant-node");
    String practitioner = approvedPractitioner(Council.KINGSTON, node);
    HttpResponse<String> search =
        get(
            node
                + "/api/clients/search?given="
                + URLEncoder.encode("Conformance", StandardCharsets.UTF_8)
                + "&family=Tester&dob=2012-03-04",
            practitioner);
    assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
    assertThat(JSON.readTree(search.body()).isContainerNode()).isTrue();
  }

  @Test
  void aFederatedQueryCrossesTheBrokerToTheOtherCouncil() throws Exception {
    stack.federate();
    String node = urls.get("kingston-tenant-node");
    String practitioner = approvedPractitioner(Council.KINGSTON, node);
    String question =
        """
        {"givenNames":"Conformance","familyName":"Tester","dateOfBirth":"2012-03-04",
         "purpose":"safeguarding","basis":"safeguarding"}
        """;
    Instant deadline = Instant.now().plus(TimeFactor.scaled(Duration.ofSeconds(120)));
    String yarra = null;
    HttpResponse<String> answer = null;
    while (Instant.now().isBefore(deadline)) {
      answer = post(node + "/api/federated-queries", practitioner, question);
      if (answer.statusCode() == 200) {
        for (JsonNode council : JSON.readTree(answer.body()).path("nodes")) {
          if (council.path("council").asText().equals("yarra")) {
            yarra = council.path("status").asText();
          }
        }
        if ("NO_MATCH".equals(yarra) || "MATCH".equals(yarra)) {
          break;
        }
      }
      Thread.sleep(2_000); // the nodes refetch the directory that carries the new agreement
    }
    assertThat(yarra)
        .as("Yarra's answer through the broker: %s", answer == null ? "" : answer.body())
        .isEqualTo("NO_MATCH");
  }

  @Test
  void noServiceGrowsPastItsPodsMemoryLimit() throws Exception {
    // Load first, so the peak is not just the start's: searches at a node from several threads
    // (-Dpatchwork.conformance.searches, default 400) and federated queries across the broker.
    String node = urls.get("kingston-tenant-node");
    String practitioner = approvedPractitioner(Council.KINGSTON, node);
    int searches = Integer.getInteger("patchwork.conformance.searches", 400);
    java.util.concurrent.ExecutorService load =
        java.util.concurrent.Executors.newFixedThreadPool(6);
    java.util.concurrent.atomic.AtomicInteger answered =
        new java.util.concurrent.atomic.AtomicInteger();
    List<java.util.concurrent.Future<?>> calls = new java.util.ArrayList<>();
    for (int i = 0; i < searches; i++) {
      int n = i;
      calls.add(
          load.submit(
              () -> {
                HttpResponse<String> search =
                    get(
                        node
                            + "/api/clients/search?given=Load"
                            + (n % 50)
                            + "&family=Tester&dob=2011-0"
                            + (1 + n % 9)
                            + "-1"
                            + (n % 10),
                        practitioner);
                if (search.statusCode() == 200) {
                  answered.incrementAndGet();
                }
                return null;
              }));
    }
    for (java.util.concurrent.Future<?> call : calls) {
      call.get();
    }
    load.shutdown();
    assertThat(answered.get()).as("searches answered").isEqualTo(searches);
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            "# ChartConformanceIT memory, %s, after %d searches; JDK %s, %d cores, load %s%n",
            Instant.now(),
            searches,
            System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(),
            Files.readString(Path.of("/proc/loadavg")).strip()));
    for (Map.Entry<String, Process> process : processes.entrySet()) {
      long pid = process.getValue().pid();
      long peak = peakResidentBytes(pid);
      long limit = pods.get(process.getKey()).memoryLimit();
      String line =
          String.format(
              "%s: peak resident %d MiB of a %d MiB limit; %s; JDK_JAVA_OPTIONS %s",
              process.getKey(),
              peak >> 20,
              limit >> 20,
              jvmMemory(pid),
              pods.get(process.getKey()).environment().get("JDK_JAVA_OPTIONS"));
      System.out.println("[conformance] " + line);
      report.append(line).append(System.lineSeparator());
      assertThat(peak).as(process.getKey() + " peak resident bytes").isLessThan(limit);
    }
    Files.writeString(folder.resolve("memory.txt"), report.toString());
  }

  /** Heap and metaspace in use and committed, as the JVM itself reports them (jcmd). */
  private static String jvmMemory(long pid) throws Exception {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    String heap = run(jcmd, Long.toString(pid), "GC.heap_info");
    String meta = run(jcmd, Long.toString(pid), "VM.metaspace", "basic");
    java.util.regex.Matcher total =
        java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(heap);
    java.util.regex.Matcher metaspace =
        java.util.regex.Pattern.compile("(?m)^\\s*Both:.*?([\\d.]+ [KMG]B) committed")
            .matcher(meta);
    return "heap "
        + (total.find()
            ? (Long.parseLong(total.group(2)) >> 10)
                + " of "
                + (Long.parseLong(total.group(1)) >> 10)
                + " MiB committed"
            : "?")
        + ", metaspace+class space "
        + (metaspace.find() ? metaspace.group(1) + " committed" : "?");
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    return output;
  }

  // --- helpers ------------------------------------------------------------------------------

  private static void prepare(
      Deployment deployment,
      String service,
      Map<String, Map<String, byte[]>> secrets,
      Map<String, String> services,
      Map<Integer, Integer> localPorts)
      throws IOException {
    String name = deployment.getMetadata().getName();
    Path jar =
        Charts.PROJECT_ROOT.resolve(service).resolve("target").resolve(service + "-micro.jar");
    pods.put(
        name,
        RenderedPod.materialise(
            deployment,
            Containerfile.read(service),
            secrets,
            services,
            jar,
            localPorts,
            Files.createDirectories(folder.resolve(name))));
    urls.put(name, "http://127.0.0.1:" + localPorts.get(8080));
  }

  private static void awaitReady(String name, Instant deadline) throws Exception {
    while (true) {
      Process process = processes.get(name);
      if (!process.isAlive()) {
        throw new AssertionError(
            name + " stopped (exit " + process.exitValue() + "):\n" + tail(name));
      }
      try {
        if (get(urls.get(name) + "/health/ready", null).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(name + " did not become ready:\n" + tail(name));
      }
      Thread.sleep(1_000);
    }
  }

  private static String tail(String name) throws IOException {
    List<String> lines = Files.readAllLines(folder.resolve(name).resolve("service.log"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  private static String approvedPractitioner(Council council, String node) {
    String practitioner = token(council, "youth.worker");
    DemoPractitioners.approve(node, practitioner, token(council, "council.admin"));
    return practitioner;
  }

  private static String token(Council council, String username) {
    StackStatus.Login login =
        status.logins().stream()
            .filter(l -> l.realm().equals(council.id()) && l.username().equals(username))
            .findFirst()
            .orElseThrow();
    return DemoSignIn.accessToken(keycloakUrl, login);
  }

  private static HttpResponse<String> get(String url, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String url, String token, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static long peakResidentBytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmHWM for " + pid);
  }

  private static Path caFile() {
    return stack.tls().caCertificate();
  }

  /** A keystore Secret as cert-manager's keystores.pkcs12 makes it: the store and its password. */
  private static Map<String, byte[]> keystore(org.patchwork.stack.LocalTls.ServerKeystore store)
      throws IOException {
    return Map.of(
        "keystore.p12", read(store.file().toString()), "password", bytes(store.password()));
  }

  private static SSLContext trusting(Path pem) throws Exception {
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (var in = Files.newInputStream(pem)) {
      int n = 0;
      for (java.security.cert.Certificate certificate :
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + n++, certificate);
      }
    }
    javax.net.ssl.TrustManagerFactory factory =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static Map<String, byte[]> credentials(Map<String, String> settings) {
    return Map.of(
        "username", bytes(settings.get("db.user")), "password", bytes(settings.get("db.password")));
  }

  private static byte[] read(String file) throws IOException {
    return Files.readAllBytes(Path.of(file));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
