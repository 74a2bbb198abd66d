package org.patchwork.stack.testing;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.patchwork.protocol.contact.ContactRelay;
import org.patchwork.protocol.contact.ContactReply;
import org.patchwork.protocol.envelope.EnvelopeRejected;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.Forwarded;
import org.patchwork.protocol.envelope.PairKey;
import org.patchwork.protocol.envelope.PairKeys;
import org.patchwork.protocol.envelope.PartyKeys;
import org.patchwork.protocol.query.MatchView;
import org.patchwork.protocol.query.NodeAnswer;
import org.patchwork.protocol.query.NodeStatus;
import org.patchwork.protocol.query.Protocol;
import org.patchwork.protocol.query.QueryRequest;
import org.patchwork.protocol.query.SealedMatches;
import org.patchwork.protocol.query.SealedTokens;

/**
 * Councils' nodes simulated in this process on 127.0.0.1, for the broker's tests and the fan-out
 * benchmark. Each has real keys and checks what the broker forwards as a real node would (the
 * broker's signature, that it is the target, the requester's signature) before it answers as its
 * {@link Behaviour} says. A dead council's port is closed; a stalled one accepts the connection and
 * never answers.
 */
public final class SimulatedCouncils implements AutoCloseable {

  /** How a simulated council answers. */
  public enum Behaviour {
    /** A signed NO_MATCH. */
    NO_MATCH,
    /** A signed MATCH with one restricted match sealed to the requester. */
    MATCH,
    /** A signed DENIED. */
    DENIED,
    /** HTTP 403 with a problem document. */
    REFUSES,
    /** HTTP 500. */
    FAILS,
    /** A NO_MATCH signed with a key the federation does not know. */
    FORGES,
    /** Nothing listens on its port. */
    DEAD,
    /** Accepts the connection and never answers. */
    STALLED
  }

  /** One simulated council: its id, keys and the base URL to register. */
  public record Council(
      String id, Behaviour behaviour, PartyKeys keys, PairKeys pairs, String baseUrl) {

    /** The public JWKS to register with the broker. */
    public String publicKeysJson() {
      return keys.publicKeys().toString();
    }
  }

  private final ECKey brokerKey;
  private final ECKey brokerEncryptionKey;
  private final HttpServer server;
  private final ExecutorService executor;
  private final ServerSocket stalled;
  private final List<Socket> held = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Council> councils = new LinkedHashMap<>();
  private final Map<String, ECKey> requesterKeys = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
  private final Map<String, QueryRequest> verifiedQueries = new ConcurrentHashMap<>();
  private final Map<String, List<Forwarded>> relayed = new ConcurrentHashMap<>();

  private SimulatedCouncils(JWKSet brokerKeys, int threads) throws IOException {
    this.brokerKey = brokerKey(brokerKeys, "broker:sig:");
    this.brokerEncryptionKey = brokerKey(brokerKeys, "broker:enc:");
    InetAddress loopback = InetAddress.getLoopbackAddress();
    this.server = HttpServer.create(new InetSocketAddress(loopback, 0), 1024);
    this.executor = Executors.newFixedThreadPool(threads);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    this.stalled = new ServerSocket(0, 1024, loopback);
    Thread acceptor = new Thread(this::holdConnections, "stalled-councils");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Starts the councils, in order, each with its own keys.
   *
   * @param brokerKeys the broker's public keys, from its /api/directory/keys
   */
  public static SimulatedCouncils start(JWKSet brokerKeys, Map<String, Behaviour> behaviours) {
    try {
      SimulatedCouncils simulated =
          new SimulatedCouncils(
              brokerKeys, Math.max(8, Runtime.getRuntime().availableProcessors() * 4));
      int deadPort = closedPort();
      for (Map.Entry<String, Behaviour> entry : behaviours.entrySet()) {
        String id = entry.getKey();
        int port =
            switch (entry.getValue()) {
              case DEAD -> deadPort;
              case STALLED -> simulated.stalled.getLocalPort();
              default -> simulated.server.getAddress().getPort();
            };
        PartyKeys keys = PartyKeys.generate(id);
        simulated.councils.put(
            id,
            new Council(
                id,
                entry.getValue(),
                keys,
                new PairKeys(keys.encryption()),
                "http://127.0.0.1:" + port + "/" + id));
        simulated.requesterKeys.put(keys.signing().getKeyID(), keys.signing().toPublicJWK());
      }
      return simulated;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Council council(String id) {
    return Optional.ofNullable(councils.get(id))
        .orElseThrow(() -> new IllegalArgumentException("No simulated council " + id));
  }

  /** The pair key a council shares with the broker, as the council derives it. */
  public PairKey pairWithBroker(String id) {
    return council(id).pairs().with(brokerEncryptionKey);
  }

  public List<Council> councils() {
    return List.copyOf(councils.values());
  }

  /** How many requests reached this council, on any of its endpoints. */
  public int received(String id) {
    return received.getOrDefault(id, new AtomicInteger()).get();
  }

  /** The contact requests and replies the broker relayed to this council, in arrival order. */
  public List<Forwarded> relayedTo(String id) {
    return List.copyOf(relayed.getOrDefault(id, List.of()));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String[] path = exchange.getRequestURI().getPath().split("/", 3);
      Council council = path.length == 3 ? councils.get(path[1]) : null;
      if (council == null || !"POST".equals(exchange.getRequestMethod())) {
        reply(exchange, 404, "text/plain", "no such council");
        return;
      }
      received.computeIfAbsent(council.id(), id -> new AtomicInteger()).incrementAndGet();
      String body = read(exchange.getRequestBody());
      switch ("/" + path[2]) {
        case "/api/federation/echo" -> reply(exchange, 200, "application/jose", body);
        case "/api/federation/queries" -> answerQuery(exchange, council, body);
        case "/api/federation/contact-requests" ->
            takeRelay(exchange, council, body, Forwarded.CONTACT_REQUEST);
        case "/api/federation/contact-replies" ->
            takeRelay(exchange, council, body, Forwarded.CONTACT_REPLY);
        default -> reply(exchange, 404, "text/plain", "no such endpoint");
      }
    } catch (RuntimeException e) {
      reply(exchange, 500, "text/plain", "simulated node failed");
    }
  }

  private void answerQuery(HttpExchange exchange, Council council, String body) throws IOException {
    QueryRequest query;
    try {
      Forwarded forwarded = fromBroker(body, council, Forwarded.QUERY);
      query = verifiedQuery(forwarded.envelope(), council);
    } catch (EnvelopeRejected e) {
      reply(exchange, 401, "application/problem+json", problem(401, e.reason().name()));
      return;
    }
    switch (council.behaviour()) {
      case REFUSES ->
          reply(exchange, 403, "application/problem+json", problem(403, "not agreed here"));
      case FAILS -> reply(exchange, 500, "text/plain", "simulated failure");
      case FORGES ->
          reply(
              exchange,
              200,
              "application/jose",
              Envelopes.authenticate(
                  answer(query, council, NodeStatus.NO_MATCH, null),
                  new PairKeys(PartyKeys.generate(council.id()).encryption())
                      .with(brokerEncryptionKey)));
      default -> {
        NodeStatus status =
            switch (council.behaviour()) {
              case MATCH -> NodeStatus.MATCH;
              case DENIED -> NodeStatus.DENIED;
              default -> NodeStatus.NO_MATCH;
            };
        String sealed = sealedAnswer(query, council, status).orElse(null);
        reply(
            exchange,
            200,
            "application/jose",
            Envelopes.authenticate(
                answer(query, council, status, sealed), pairWithBroker(council.id())));
      }
    }
  }

  /**
   * The requester's query, verified once per query rather than once per simulated council: 80
   * councils on one machine would otherwise spend most of the benchmark's CPU checking the same
   * signature 80 times, which 80 real machines would do in parallel.
   */
  private QueryRequest verifiedQuery(String envelope, Council council) throws EnvelopeRejected {
    QueryRequest claimed = Envelopes.unverified(envelope, QueryRequest.class);
    String sealed = claimed.sealedTokens().get(council.id());
    if (sealed != null) {
      // As a real node proves it: the tokens sealed to us with the requester's pair key.
      Envelopes.Signed<SealedTokens> tokens =
          Envelopes.open(
              sealed,
              SealedTokens.class,
              kid -> requesterEncryptionKey(kid).map(key -> council.pairs().with(key)));
      if (!tokens.signer().equals(claimed.requesterCouncil())
          || !claimed.digest().equals(tokens.value().query())) {
        throw new EnvelopeRejected(EnvelopeRejected.Reason.BAD_SIGNATURE, "Not the sealed query");
      }
      return claimed;
    }
    QueryRequest known = verifiedQueries.get(envelope);
    if (known != null) {
      return known;
    }
    QueryRequest query =
        Envelopes.verify(
                envelope, QueryRequest.class, kid -> Optional.ofNullable(requesterKeys.get(kid)))
            .value();
    if (verifiedQueries.size() > 10_000) {
      verifiedQueries.clear();
    }
    verifiedQueries.put(envelope, query);
    return query;
  }

  private Optional<ECKey> requesterEncryptionKey(String kid) {
    return councils.values().stream()
        .map(c -> c.keys().encryption())
        .filter(key -> key.getKeyID().equals(kid))
        .map(ECKey::toPublicJWK)
        .findFirst();
  }

  /** What a real node seals for the requester: the status, and one restricted match if any. */
  private Optional<String> sealedAnswer(QueryRequest query, Council council, NodeStatus status) {
    return Optional.ofNullable(councils.get(query.requesterCouncil()))
        .map(
            requester ->
                Envelopes.seal(
                    new SealedMatches(
                        query.queryId(),
                        council.id(),
                        status,
                        status == NodeStatus.MATCH
                            ? List.of(MatchView.restricted("certain", "handle-" + council.id()))
                            : List.of()),
                    council.pairs().with(requester.keys().encryption().toPublicJWK())));
  }

  private static NodeAnswer answer(
      QueryRequest query, Council council, NodeStatus status, String sealed) {
    return new NodeAnswer(Protocol.VERSION, query.queryId(), council.id(), status, sealed);
  }

  private void takeRelay(HttpExchange exchange, Council council, String body, String kind)
      throws IOException {
    try {
      Forwarded forwarded = fromBroker(body, council, kind);
      Class<?> type =
          Forwarded.CONTACT_REQUEST.equals(kind) ? ContactRelay.class : ContactReply.class;
      Envelopes.verify(
          forwarded.envelope(), type, kid -> Optional.ofNullable(requesterKeys.get(kid)));
      if (council.behaviour() == Behaviour.FAILS || council.behaviour() == Behaviour.REFUSES) {
        reply(exchange, council.behaviour() == Behaviour.FAILS ? 500 : 403, "text/plain", "no");
        return;
      }
      relayed
          .computeIfAbsent(council.id(), id -> new java.util.concurrent.CopyOnWriteArrayList<>())
          .add(forwarded);
      reply(exchange, 202, "text/plain", "");
    } catch (EnvelopeRejected e) {
      reply(exchange, 401, "application/problem+json", problem(401, e.reason().name()));
    }
  }

  /** What the broker forwarded, once its signature, kind and target check out. */
  private Forwarded fromBroker(String body, Council council, String kind) throws EnvelopeRejected {
    Forwarded forwarded =
        Envelopes.verify(
                body,
                Forwarded.class,
                kid -> kid.equals(brokerKey.getKeyID()) ? Optional.of(brokerKey) : Optional.empty(),
                kid ->
                    kid.equals(brokerEncryptionKey.getKeyID())
                        ? Optional.of(pairWithBroker(council.id()))
                        : Optional.empty())
            .value();
    if (!kind.equals(forwarded.kind())
        || !council.id().equals(forwarded.target())
        || forwarded.forwardedAt() == null
        || forwarded.forwardedAt().isBefore(Instant.now().minusSeconds(120))) {
      throw new EnvelopeRejected(EnvelopeRejected.Reason.MALFORMED, "Not forwarded to us");
    }
    return forwarded;
  }

  private static ECKey brokerKey(JWKSet keys, String kidPrefix) {
    return keys.getKeys().stream()
        .filter(key -> key.getKeyID() != null && key.getKeyID().startsWith(kidPrefix))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("The broker publishes no " + kidPrefix))
        .toECKey();
  }

  private static String problem(int status, String detail) {
    return "{\"type\":\"about:blank\",\"status\":"
        + status
        + ",\"title\":\"Refused\",\"detail\":\""
        + detail.replaceAll("[^A-Za-z0-9 .:-]", "")
        + "\"}";
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static void reply(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private void holdConnections() {
    while (!stalled.isClosed()) {
      try {
        held.add(stalled.accept());
      } catch (IOException e) {
        return;
      }
    }
  }

  /** A port that was free a moment ago and that nobody here listens on. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      stalled.close();
    } catch (IOException e) {
      // closing anyway
    }
    synchronized (held) {
      for (Socket socket : held) {
        try {
          socket.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }
  }
}
