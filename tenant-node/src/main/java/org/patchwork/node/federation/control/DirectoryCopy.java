package org.patchwork.node.federation.control;

import com.nimbusds.jose.jwk.ECKey;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.node.federation.entity.CouncilDecision;
import org.patchwork.protocol.directory.DirectoryAgreement;
import org.patchwork.protocol.directory.DirectoryNode;
import org.patchwork.protocol.directory.FederationDirectory;
import org.patchwork.protocol.envelope.EnvelopeRejected;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.PairKey;
import org.patchwork.protocol.http.FederationRoutes;
import org.patchwork.protocol.query.LegalBasis;
import org.patchwork.protocol.query.Protocol;
import org.patchwork.protocol.trust.AgreementTerms;
import org.patchwork.protocol.trust.CouncilStatements;
import org.patchwork.protocol.trust.KeySet;
import org.patchwork.protocol.trust.SignedAgreement;
import org.patchwork.protocol.trust.StatementRefused;
import org.patchwork.protocol.trust.TrustVerifier;

/**
 * This node's copy of the broker's signed directory bundle and the trusted view it derives from it:
 * which nodes exist, their public keys (only from key sets their council key signed, under the
 * fingerprint this council's approval pinned) and the agreements in force (only with every party's
 * signature). Inbound queries are checked against it as well as by the broker, so a broker that
 * misroutes, adds a key or a party, or replays an older directory cannot make this node answer a
 * council it has no agreement with. A bad bundle is refused whole and audited; the trusted view in
 * hand is kept.
 */
@ApplicationScoped
public class DirectoryCopy {

  private static final Logger LOG = Logger.getLogger(DirectoryCopy.class.getName());

  /**
   * An unknown key may mean a node rotated its keys; asking again sooner would let anyone make us.
   */
  private static final Duration MIN_REFETCH = Duration.ofSeconds(5);

  @Inject FederationLink link;

  @Inject
  @ConfigProperty(name = "patchwork.federation.directory-refresh", defaultValue = "PT60S")
  Duration refresh;

  /** How long a key set this node's council key signs is valid; it is signed again before. */
  private static final Duration KEY_SET_LIFETIME = Duration.ofDays(90);

  @Inject CouncilKeyFile councilKey;

  @Inject InboundLedger ledger;

  @Inject OwnDecisions ownDecisions;

  @Inject DirectorySequence sequences;

  @Resource ManagedScheduledExecutorService scheduler;

  private final Clock clock = Clock.systemUTC();

  /** The broker-signed bundle as received: only its sequence and statements are used. */
  private volatile FederationDirectory bundle;

  /** The trusted view derived from {@link #bundle}: what every other class reads. */
  private volatile FederationDirectory directory;

  private volatile List<TrustVerifier.Assessment> assessments = List.of();
  private volatile Instant lastPublished = Instant.EPOCH;

  /** Refusals already audited, so that a refresh every minute does not repeat them. */
  private final java.util.Set<String> audited = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Fetched soon after the start and then every refresh, so that this council's key set reaches the
   * broker and suspensions reach this node even while nobody asks anything.
   */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    if (link.isConnected() && scheduler != null) {
      scheduler.scheduleWithFixedDelay(
          () -> {
            try {
              fetch(); // every refresh, not only when a request finds the copy old
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, "Refreshing the federation directory failed", e);
            }
          },
          2_000,
          Math.max(5_000, refresh.toMillis()),
          TimeUnit.MILLISECONDS);
    }
  }

  private volatile Instant fetchedAt = Instant.EPOCH;

  public String council() {
    return link.council();
  }

  /** The current directory, fetched again when it is old or expired. */
  public FederationDirectory current() {
    Instant now = clock.instant();
    FederationDirectory known = directory;
    if (known == null
        || !known.expiresAt().isAfter(now)
        || Duration.between(fetchedAt, now).compareTo(refresh) > 0) {
      return fetch();
    }
    return known;
  }

  public Optional<DirectoryNode> node(String council) {
    return current().nodes().stream().filter(node -> node.council().equals(council)).findFirst();
  }

  /**
   * The agreements in force under which {@code requester} may ask {@code target} for a purpose. A
   * miss makes the directory be fetched again (at most every few seconds): an agreement approved a
   * moment ago must not wait for the next scheduled refresh.
   */
  public List<DirectoryAgreement> agreementsAllowing(
      String requester, String target, String purpose) {
    List<DirectoryAgreement> allowing = allowing(current(), requester, target, purpose);
    if (allowing.isEmpty()
        && Duration.between(fetchedAt, clock.instant()).compareTo(MIN_REFETCH) > 0) {
      allowing = allowing(fetch(), requester, target, purpose);
    }
    return allowing;
  }

  /**
   * The agreements in force under which {@code requester} may ask {@code target} for a purpose on a
   * legal basis: under the safeguarding exception, only those whose signed terms allow it.
   */
  public List<DirectoryAgreement> agreementsAllowing(
      String requester, String target, String purpose, LegalBasis basis) {
    return agreementsAllowing(requester, target, purpose).stream()
        .filter(agreement -> agreement.allows(requester, target, purpose, basis))
        .toList();
  }

  private static List<DirectoryAgreement> allowing(
      FederationDirectory directory, String requester, String target, String purpose) {
    return directory.agreements().stream()
        .filter(agreement -> agreement.allows(requester, target, purpose))
        .toList();
  }

  /**
   * The public key a kid names, among the keys of the node the kid says it belongs to. An unknown
   * kid makes the directory be fetched again (a node may have rotated its keys), at most every few
   * seconds.
   */
  public Optional<ECKey> nodeKey(String kid) {
    if (kid == null) {
      return Optional.empty();
    }
    Optional<ECKey> key = Optional.ofNullable(keysOf(current()).byKid().get(kid));
    if (key.isEmpty() && Duration.between(fetchedAt, clock.instant()).compareTo(MIN_REFETCH) > 0) {
      key = Optional.ofNullable(keysOf(fetch()).byKid().get(kid));
    }
    return key;
  }

  /** The encryption key of a council, to seal what only that council may read. */
  public Optional<ECKey> encryptionKey(String council) {
    Optional<ECKey> key = Optional.ofNullable(keysOf(current()).encryptionByCouncil().get(council));
    // A council listed without a vouched key set may have one by now (sent after we fetched).
    if (key.isEmpty() && Duration.between(fetchedAt, clock.instant()).compareTo(MIN_REFETCH) > 0) {
      key = Optional.ofNullable(keysOf(fetch()).encryptionByCouncil().get(council));
    }
    return key;
  }

  /** The pair key this node shares with a council, by the council's current encryption key. */
  public Optional<PairKey> pairWithCouncil(String council) {
    return encryptionKey(council).map(link.pairs()::with);
  }

  /**
   * The pair key this node shares with the owner of the encryption key {@code kid}: how a sealed
   * payload or an authenticated envelope names its sender. Unknown kids refetch, as for {@link
   * #nodeKey}.
   */
  public Optional<PairKey> pair(String kid) {
    if (kid == null) {
      return Optional.empty();
    }
    Optional<ECKey> key = Optional.ofNullable(keysOf(current()).encryptionByKid().get(kid));
    if (key.isEmpty() && Duration.between(fetchedAt, clock.instant()).compareTo(MIN_REFETCH) > 0) {
      key = Optional.ofNullable(keysOf(fetch()).encryptionByKid().get(kid));
    }
    return key.map(link.pairs()::with);
  }

  /** A directory's keys, parsed once: every query checks signatures and seals with them. */
  private record Keys(
      FederationDirectory of,
      Map<String, ECKey> byKid,
      Map<String, ECKey> encryptionByCouncil,
      Map<String, ECKey> encryptionByKid) {}

  private volatile Keys keys = new Keys(null, Map.of(), Map.of(), Map.of());

  private Keys keysOf(FederationDirectory directory) {
    Keys known = keys;
    if (known.of() == directory) {
      return known;
    }
    Map<String, ECKey> byKid = new HashMap<>();
    Map<String, ECKey> encryption = new HashMap<>();
    Map<String, ECKey> encryptionByKid = new HashMap<>();
    for (DirectoryNode node : directory.nodes()) {
      for (Map<String, String> jwk : node.keys()) {
        String kid = jwk.get("kid");
        // A node's keys must carry its own council in their kid, or a node could claim another's.
        if (kid == null || !kid.startsWith(node.council() + ":")) {
          continue;
        }
        parse(jwk)
            .ifPresent(
                key -> {
                  byKid.put(kid, key);
                  if ("enc".equals(jwk.get("use"))) {
                    encryption.putIfAbsent(node.council(), key);
                    encryptionByKid.put(kid, key);
                  }
                });
      }
    }
    Keys parsed =
        new Keys(directory, Map.copyOf(byKid), Map.copyOf(encryption), Map.copyOf(encryptionByKid));
    keys = parsed;
    return parsed;
  }

  private static Optional<ECKey> parse(Map<String, String> jwk) {
    try {
      ECKey key = ECKey.parse(new HashMap<String, Object>(jwk));
      return key.isPrivate() ? Optional.empty() : Optional.of(key);
    } catch (ParseException e) {
      LOG.warning("The directory lists an unreadable key " + jwk.get("kid"));
      return Optional.empty();
    }
  }

  private synchronized FederationDirectory fetch() {
    Instant now = clock.instant();
    FederationDirectory known = directory;
    if (known != null
        && known.expiresAt().isAfter(now)
        && Duration.between(fetchedAt, now).compareTo(MIN_REFETCH) < 0) {
      return known; // another thread fetched it a moment ago
    }
    HttpResponse<String> response;
    try {
      response = link.getFromBroker(FederationRoutes.BROKER_DIRECTORY, Duration.ofSeconds(5));
      if (response.statusCode() != 200) {
        throw new IllegalStateException("The broker answered " + response.statusCode());
      }
    } catch (RuntimeException e) {
      fetchedAt = now; // do not hammer a broker that is down
      return keepOrNothing(known, now, e.getMessage());
    }
    try {
      FederationDirectory fetched =
          Envelopes.verify(response.body(), FederationDirectory.class, link::brokerKey).value();
      if (!Protocol.speaks(fetched.protocol()) || !fetched.expiresAt().isAfter(now)) {
        throw new IllegalStateException("The broker sent an expired or foreign directory");
      }
      FederationDirectory held = bundle;
      if (held != null && fetched.sequence() < held.sequence()) {
        throw new IllegalStateException(
            "The broker sent directory "
                + fetched.sequence()
                + ", older than the one held ("
                + held.sequence()
                + "): a replay or a rollback");
      }
      // Also against what this node accepted before it (re)started, kept in its database.
      sequences.admit(fetched.sequence());
      FederationDirectory trusted = trusted(fetched, now);
      // Switched in one step: readers see the old trusted state or the new one, never a mix.
      bundle = fetched;
      directory = trusted;
      fetchedAt = now;
      publishOwnStatements(fetched, now);
      return trusted;
    } catch (EnvelopeRejected | RuntimeException e) {
      fetchedAt = now;
      audit("directory", e.getMessage());
      return keepOrNothing(known, now, e.getMessage());
    }
  }

  private FederationDirectory keepOrNothing(FederationDirectory known, Instant now, String why) {
    if (known != null && known.expiresAt().isAfter(now)) {
      LOG.log(Level.WARNING, "Keeping the current directory: " + why);
      return known;
    }
    LOG.log(Level.WARNING, "No valid federation directory: " + why);
    return new FederationDirectory(
        Protocol.VERSION, now, now, List.of(), List.of(), 0, List.of(), List.of());
  }

  /**
   * What this node may act on, from a broker-signed bundle: peers' keys only from key sets signed
   * by a council key this council pinned, agreements only with every party's signature ({@link
   * TrustVerifier}); the broker's own lists of keys and agreements are never used.
   */
  private FederationDirectory trusted(FederationDirectory fetched, Instant now) {
    Optional<String> fingerprint = councilKey.fingerprint();
    List<CouncilDecision> own = ownDecisions.get();
    List<SignedAgreement> merged =
        fetched.signedAgreements().stream()
            .map(
                agreement -> {
                  List<String> decisions = new ArrayList<>(agreement.decisions());
                  own.stream()
                      .filter(
                          d ->
                              d.agreementId().equals(agreement.terms().id())
                                  && d.termsVersion() == agreement.terms().version())
                      .map(CouncilDecision::statement)
                      .filter(statement -> !decisions.contains(statement))
                      .forEach(decisions::add);
                  return new SignedAgreement(
                      agreement.terms(), decisions, agreement.suspendedByBroker());
                })
            .toList();
    TrustVerifier.Trusted verdict =
        fingerprint.isEmpty()
            ? new TrustVerifier.Trusted(List.of(), Map.of(), List.of())
            : new TrustVerifier(link.council(), fingerprint.get())
                .evaluate(
                    fetched.keySets(),
                    merged,
                    now,
                    java.time.LocalDate.now(java.time.ZoneId.of("Australia/Melbourne")));
    for (String refusal : verdict.refusals()) {
      if (audited.add(refusal)) {
        audit("council-statement", refusal);
      }
    }
    List<DirectoryNode> nodes = new ArrayList<>();
    for (DirectoryNode node : fetched.nodes()) {
      if (node.council().equals(link.council())) {
        nodes.add(new DirectoryNode(node.council(), node.name(), node.baseUrl(), publicJwks(link)));
      } else {
        // Listed without keys until a key set signed by a pinned council key vouches for them: a
        // council nobody can seal to, but whose name shows and whose agreement, once every party
        // signed it, makes a query's miss fetch the directory again.
        KeySet keySet = verdict.keySets().get(node.council());
        nodes.add(
            new DirectoryNode(
                node.council(),
                node.name(),
                node.baseUrl(),
                keySet == null ? List.of() : keySet.keys()));
      }
    }
    List<DirectoryAgreement> agreements =
        verdict.inForce().stream()
            .map(
                terms ->
                    new DirectoryAgreement(
                        terms.id(),
                        terms.parties(),
                        terms.purposes(),
                        terms.services(),
                        terms.validUntil(),
                        terms.safeguardingAllowed()))
            .toList();
    assessments = verdict.agreements();
    return new FederationDirectory(
        fetched.protocol(),
        fetched.issuedAt(),
        fetched.expiresAt(),
        nodes,
        agreements,
        fetched.sequence(),
        fetched.keySets(),
        merged);
  }

  private static List<Map<String, String>> publicJwks(FederationLink link) {
    return link.ownKeys().publicKeys().getKeys().stream()
        .map(
            jwk ->
                jwk.toJSONObject().entrySet().stream()
                    .collect(
                        java.util.stream.Collectors.toMap(
                            Map.Entry::getKey, e -> String.valueOf(e.getValue()))))
        .toList();
  }

  /**
   * Applies a decision this council just signed to the bundle held, without waiting for the broker
   * to hand it back: our own suspension takes effect here at once.
   */
  public synchronized void reassess() {
    FederationDirectory held = bundle;
    if (held != null) {
      directory = trusted(held, clock.instant());
    }
  }

  /** Every agreement version offered to or binding this council, as this node assesses it. */
  public List<TrustVerifier.Assessment> assessments() {
    fetch(); // an admin's view: fresh (at most every few seconds), not up to a refresh old
    return assessments;
  }

  /** The terms of an agreement version the broker offers, if it does. */
  public Optional<AgreementTerms> offered(String id, int version) {
    fetch();
    FederationDirectory held = bundle;
    return held == null
        ? Optional.empty()
        : held.signedAgreements().stream()
            .map(SignedAgreement::terms)
            .filter(terms -> terms.id().equals(id) && terms.version() == version)
            .findFirst();
  }

  /**
   * The fingerprint of the council key that signed each council's key set in the bundle: what the
   * broker claims, for the admin to compare with what the council says out of band.
   */
  public Map<String, String> claimedFingerprints() {
    current();
    FederationDirectory held = bundle;
    Map<String, String> claimed = new java.util.TreeMap<>();
    if (held != null) {
      for (String statement : held.keySets()) {
        try {
          CouncilStatements.Stated<KeySet> stated = CouncilStatements.read(statement, KeySet.class);
          claimed.put(stated.value().council(), stated.fingerprint());
        } catch (StatementRefused e) {
          // audited when the bundle was assessed
        }
      }
    }
    return claimed;
  }

  /**
   * A council's name as the directory lists it ("Wyndham City Council"), for people to read; its id
   * while no directory is held. Never fetches: pages call it while they render.
   */
  public String councilName(String council) {
    FederationDirectory held = directory;
    if (held == null || council == null) {
      return council;
    }
    return held.nodes().stream()
        .filter(node -> node.council().equals(council))
        .map(DirectoryNode::name)
        .filter(name -> name != null && !name.isBlank())
        .findFirst()
        .orElse(council);
  }

  /**
   * Whether any agreement version offered to or binding this council names the purpose, in force or
   * not (a suspended agreement's purpose is known: asking under it is a truthful NOT_ASKED). A miss
   * fetches the directory again (at most every few seconds): an agreement drafted a moment ago
   * names a purpose the copy in hand does not know yet.
   */
  public boolean knowsPurpose(String purpose) {
    current();
    if (namesPurpose(assessments, purpose)) {
      return true;
    }
    if (Duration.between(fetchedAt, clock.instant()).compareTo(MIN_REFETCH) > 0) {
      fetch();
    }
    return namesPurpose(assessments, purpose);
  }

  private static boolean namesPurpose(List<TrustVerifier.Assessment> offered, String purpose) {
    return offered.stream()
        .filter(a -> a.state() != TrustVerifier.State.NOT_A_PARTY)
        .anyMatch(a -> a.terms().purposes().contains(purpose));
  }

  /** Whether this node holds a directory from the broker at all (none without a broker). */
  public boolean held() {
    return bundle != null;
  }

  /**
   * This council's key set as the broker publishes it, signed by this council's own key: what the
   * other councils take this node's keys from. Empty until the broker took it.
   */
  public Optional<KeySet> ownKeySet() {
    FederationDirectory held = bundle;
    Optional<String> fingerprint = councilKey.fingerprint();
    if (held == null || fingerprint.isEmpty()) {
      return Optional.empty();
    }
    return held.keySets().stream()
        .map(
            statement -> {
              try {
                return CouncilStatements.read(statement, KeySet.class);
              } catch (StatementRefused e) {
                return null;
              }
            })
        .filter(
            stated ->
                stated != null
                    && stated.fingerprint().equals(fingerprint.get())
                    && link.council().equals(stated.value().council()))
        .map(CouncilStatements.Stated::value)
        .max(java.util.Comparator.comparing(KeySet::issuedAt));
  }

  /**
   * Makes sure the broker publishes this council's current key set and every decision this council
   * signed (a delivery that failed earlier, or a set about to expire or naming rotated keys).
   */
  private void publishOwnStatements(FederationDirectory fetched, Instant now) {
    Optional<ECKey> councilSigningKey = councilKey.key();
    if (councilSigningKey.isEmpty()
        || Duration.between(lastPublished, now).compareTo(Duration.ofSeconds(30)) < 0) {
      return;
    }
    String fingerprint = councilKey.fingerprint().orElseThrow();
    java.util.Set<String> ownKids =
        publicJwks(link).stream()
            .map(jwk -> jwk.get("kid"))
            .collect(java.util.stream.Collectors.toSet());
    boolean published =
        fetched.keySets().stream()
            .anyMatch(
                statement -> {
                  try {
                    CouncilStatements.Stated<KeySet> stated =
                        CouncilStatements.read(statement, KeySet.class);
                    return stated.fingerprint().equals(fingerprint)
                        && link.council().equals(stated.value().council())
                        && stated.value().isValidAt(now.plus(Duration.ofDays(7)))
                        && stated.value().keys().stream()
                            .map(jwk -> jwk.get("kid"))
                            .collect(java.util.stream.Collectors.toSet())
                            .equals(ownKids);
                  } catch (StatementRefused e) {
                    return false;
                  }
                });
    try {
      if (!published) {
        String keySet =
            CouncilStatements.sign(
                new KeySet(
                    link.council(),
                    publicJwks(link),
                    now,
                    now.minus(Duration.ofMinutes(5)),
                    now.plus(KEY_SET_LIFETIME)),
                councilSigningKey.get());
        HttpResponse<String> sent =
            link.sendStatementToBroker(
                "PUT", "/api/nodes/" + link.council() + "/key-set", keySet, Duration.ofSeconds(5));
        LOG.info("Sent this council's key set to the broker: HTTP " + sent.statusCode());
        if (sent.statusCode() < 300) {
          lastPublished = now; // a refused or failed delivery is tried again on the next fetch
        }
      }
      for (SignedAgreement agreement : fetched.signedAgreements()) {
        for (CouncilDecision decision : ownDecisions.get()) {
          if (decision.agreementId().equals(agreement.terms().id())
              && decision.termsVersion() == agreement.terms().version()
              && !agreement.decisions().contains(decision.statement())) {
            deliver(decision.agreementId(), decision.statement());
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Cannot send this council's statements to the broker", e);
    }
  }

  /** Delivers a decision this council signed; the broker only keeps and publishes it. */
  HttpResponse<String> deliver(String agreementId, String statement) {
    return link.sendStatementToBroker(
        "POST", "/api/agreements/" + agreementId + "/decisions", statement, Duration.ofSeconds(5));
  }

  private void audit(String kind, String reason) {
    try {
      ledger.refused(kind, "broker", reason == null ? "unreadable" : reason, null);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Cannot audit a refused " + kind + ": " + reason, e);
    }
  }
}
