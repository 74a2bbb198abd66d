package org.patchwork.node.federation.control;

import com.nimbusds.jose.jwk.ECKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.protocol.directory.DirectoryAgreement;
import org.patchwork.protocol.directory.DirectoryNode;
import org.patchwork.protocol.directory.FederationDirectory;
import org.patchwork.protocol.envelope.EnvelopeRejected;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.envelope.PairKey;
import org.patchwork.protocol.http.FederationRoutes;
import org.patchwork.protocol.query.Protocol;

/**
 * This node's copy of the broker's signed directory: which nodes exist, their public keys, and the
 * agreements in force. Inbound queries are checked against it as well as by the broker, so a broker
 * that misroutes cannot make this node answer a council it has no agreement with.
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

  private final Clock clock = Clock.systemUTC();
  private volatile FederationDirectory directory;
  private volatile Instant fetchedAt = Instant.EPOCH;

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
    return Optional.ofNullable(keysOf(current()).encryptionByCouncil().get(council));
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
    try {
      HttpResponse<String> response =
          link.getFromBroker(FederationRoutes.BROKER_DIRECTORY, Duration.ofSeconds(5));
      if (response.statusCode() != 200) {
        throw new IllegalStateException("The broker answered " + response.statusCode());
      }
      FederationDirectory fetched =
          Envelopes.verify(response.body(), FederationDirectory.class, link::brokerKey).value();
      if (!Protocol.speaks(fetched.protocol()) || !fetched.expiresAt().isAfter(now)) {
        throw new IllegalStateException("The broker sent an expired or foreign directory");
      }
      directory = fetched;
      fetchedAt = now;
      return fetched;
    } catch (EnvelopeRejected | RuntimeException e) {
      fetchedAt = now; // do not hammer a broker that is down
      if (known != null && known.expiresAt().isAfter(now)) {
        LOG.log(Level.WARNING, "Keeping the current directory: " + e.getMessage());
        return known;
      }
      LOG.log(Level.WARNING, "No valid federation directory: " + e.getMessage());
      return new FederationDirectory(Protocol.VERSION, now, now, List.of(), List.of());
    }
  }
}
