package org.patchwork.node.federation.control;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.edge.tls.TrustedCertificates;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.protocol.envelope.PairKey;
import org.patchwork.protocol.envelope.PairKeys;
import org.patchwork.protocol.envelope.PartyKeys;
import org.patchwork.protocol.http.FederationRoutes;

/**
 * How this node takes part in the federation: its own key pairs, the broker's public keys and the
 * broker's address. A node without them still serves its own council; it just cannot ask or answer
 * other councils.
 */
@ApplicationScoped
public class FederationLink {

  @Inject
  @ConfigProperty(name = "patchwork.council.id")
  String council;

  @Inject
  @ConfigProperty(name = "patchwork.broker.url")
  Optional<String> brokerUrl;

  @Inject
  @ConfigProperty(name = "patchwork.node.keys-file")
  Optional<String> keysFile;

  @Inject
  @ConfigProperty(name = "patchwork.broker.public-keys-file")
  Optional<String> brokerKeysFile;

  private volatile HttpClient http;

  private volatile PartyKeys ownKeys;
  private volatile PairKeys pairs;
  private volatile JWKSet brokerKeys;

  /**
   * The client for the broker, made at first use: its TLS context trusts the CA certificates of
   * {@code patchwork.tls.trusted-certificates} (the broker's https certificate) besides the JDK's.
   */
  private HttpClient http() {
    HttpClient client = http;
    if (client == null) {
      client =
          HttpClient.newBuilder()
              // HTTP/2 upgrade requests hang against Payara's listener (docs/development.md).
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(2))
              .sslContext(TrustedCertificates.context())
              .build();
      http = client;
    }
    return client;
  }

  public String council() {
    return council;
  }

  public boolean isConnected() {
    return brokerUrl.isPresent() && keysFile.isPresent() && brokerKeysFile.isPresent();
  }

  /** This node's private keys, read once from the secret file the deployment mounts. */
  public PartyKeys ownKeys() {
    PartyKeys keys = ownKeys;
    if (keys == null) {
      String file = requireConnected(keysFile);
      try {
        keys = PartyKeys.fromPrivateJson(council, Files.readString(Path.of(file)));
      } catch (IOException | ParseException e) {
        throw new IllegalStateException("Cannot read this node's keys from " + file, e);
      }
      pairs = new PairKeys(keys.encryption());
      ownKeys = keys;
    }
    return keys;
  }

  /** The pair keys this node shares with the broker and other nodes (see {@link PairKeys}). */
  public PairKeys pairs() {
    ownKeys();
    return pairs;
  }

  /** The pair key shared with the broker, by the broker's encryption key {@code kid}. */
  public Optional<PairKey> brokerPair(String kid) {
    return brokerKeys(kid)
        .filter(key -> KeyUse.ENCRYPTION.equals(key.getKeyUse()))
        .map(pairs()::with);
  }

  /** The pair key to start an exchange with the broker: its (newest) encryption key. */
  public PairKey brokerPair() {
    loadBrokerKeys();
    return brokerKeys.getKeys().stream()
        .filter(key -> KeyUse.ENCRYPTION.equals(key.getKeyUse()) && key instanceof ECKey)
        .filter(key -> !key.isPrivate())
        .map(JWK::toECKey)
        .max(java.util.Comparator.comparing(ECKey::getKeyID))
        .map(pairs()::with)
        .orElseThrow(
            () ->
                Refusal.of(
                    Refusal.Kind.UNAVAILABLE,
                    "broker-keys-incomplete",
                    "Not connected to a federation",
                    "The broker's public keys name no encryption key."));
  }

  /** The broker's public signing key named by {@code kid}, if it is one of the broker's. */
  public Optional<ECKey> brokerKey(String kid) {
    return brokerKeys(kid).filter(key -> !KeyUse.ENCRYPTION.equals(key.getKeyUse()));
  }

  private Optional<ECKey> brokerKeys(String kid) {
    return Optional.ofNullable(loadBrokerKeys().getKeyByKeyId(kid))
        .filter(key -> !key.isPrivate())
        .filter(ECKey.class::isInstance)
        .map(JWK::toECKey);
  }

  private JWKSet loadBrokerKeys() {
    JWKSet keys = brokerKeys;
    if (keys == null) {
      String file = requireConnected(brokerKeysFile);
      try {
        keys = JWKSet.parse(Files.readString(Path.of(file)));
      } catch (IOException | ParseException e) {
        throw new IllegalStateException("Cannot read the broker's public keys from " + file, e);
      }
      brokerKeys = keys;
    }
    return keys;
  }

  /**
   * Posts a signed envelope to the broker and waits at most {@code timeout} for the whole answer.
   *
   * @throws Refusal {@code UNAVAILABLE} or {@code PEER_TIMEOUT} when the broker cannot be reached
   *     in time
   */
  public HttpResponse<String> postToBroker(String path, String envelope, Duration timeout) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(requireConnected(brokerUrl) + path))
            .timeout(timeout)
            .header("Content-Type", FederationRoutes.JOSE)
            .header("Accept", FederationRoutes.JOSE + ", application/problem+json")
            .POST(HttpRequest.BodyPublishers.ofString(envelope))
            .build();
    return await(http().sendAsync(request, HttpResponse.BodyHandlers.ofString()), timeout);
  }

  /**
   * Sends a council-signed statement (a key set, a decision) to the broker: no credentials, the
   * council key's signature is what the broker and every node check.
   */
  public HttpResponse<String> sendStatementToBroker(
      String method, String path, String statement, Duration timeout) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(requireConnected(brokerUrl) + path))
            .timeout(timeout)
            .header("Content-Type", FederationRoutes.JOSE)
            .header("Accept", "application/json, application/problem+json")
            .method(method, HttpRequest.BodyPublishers.ofString(statement))
            .build();
    return await(http().sendAsync(request, HttpResponse.BodyHandlers.ofString()), timeout);
  }

  /** Fetches from the broker without credentials: only public, signed documents are read so. */
  public HttpResponse<String> getFromBroker(String path, Duration timeout) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(requireConnected(brokerUrl) + path))
            .timeout(timeout)
            .GET()
            .build();
    return await(http().sendAsync(request, HttpResponse.BodyHandlers.ofString()), timeout);
  }

  /**
   * sendAsync with a hard deadline: a stalled peer must not hold a request thread for ever. The
   * request's own timeout ends only the wait for the headers; this deadline covers the body too (a
   * broker that sends its headers and then stalls), and it is the same {@code timeout}, so a
   * practitioner waits no longer than it whichever way the broker stalls.
   */
  private static HttpResponse<String> await(
      CompletableFuture<HttpResponse<String>> pending, Duration timeout) {
    try {
      return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw notInTime();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
        throw notInTime();
      }
      throw Refusal.of(
          Refusal.Kind.UNAVAILABLE,
          "broker-unreachable",
          "The federation cannot be reached",
          "Other councils could not be asked just now. Try again in a minute.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Refusal.of(
          Refusal.Kind.UNAVAILABLE,
          "broker-unreachable",
          "The federation cannot be reached",
          "The request was interrupted.");
    }
  }

  private static Refusal notInTime() {
    return Refusal.of(
        Refusal.Kind.PEER_TIMEOUT,
        "broker-timeout",
        "The federation did not answer in time",
        "Other councils could not be asked just now. Try again in a minute.");
  }

  private static String requireConnected(Optional<String> setting) {
    return setting.orElseThrow(
        () ->
            Refusal.of(
                Refusal.Kind.UNAVAILABLE,
                "not-connected",
                "Not connected to a federation",
                "This council's node is not set up to ask or answer other councils."));
  }
}
