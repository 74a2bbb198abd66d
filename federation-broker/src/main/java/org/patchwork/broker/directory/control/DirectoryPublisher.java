package org.patchwork.broker.directory.control;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.broker.agreements.control.CouncilDecisions;
import org.patchwork.broker.agreements.entity.Agreement;
import org.patchwork.broker.agreements.entity.Party;
import org.patchwork.broker.nodes.entity.Node;
import org.patchwork.protocol.directory.DirectoryAgreement;
import org.patchwork.protocol.directory.DirectoryNode;
import org.patchwork.protocol.directory.FederationDirectory;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.query.Protocol;
import org.patchwork.protocol.trust.SignedAgreement;

/**
 * Builds and signs the directory from the registry as it is now: active nodes, agreements in force
 * today between active nodes. Short-lived, so a suspension reaches every node within minutes even
 * if a node keeps an old copy.
 */
@ApplicationScoped
public class DirectoryPublisher {

  public static final ZoneId FEDERATION_ZONE = ZoneId.of("Australia/Melbourne");

  @PersistenceContext EntityManager em;

  @Inject BrokerKeys keys;

  @Inject
  @ConfigProperty(name = "patchwork.directory.lifetime", defaultValue = "PT5M")
  Duration lifetime;

  /** The directory this instance last signed for a node, for the operators' overview. */
  private final AtomicReference<FederationDirectory> lastPublished = new AtomicReference<>();

  public String signedDirectory() {
    FederationDirectory directory = current();
    lastPublished.set(directory);
    return Envelopes.sign(directory, keys.keys().signing());
  }

  /**
   * The directory this broker instance last gave a node (its version, when it was signed and when
   * it expires), or one built now if none has been asked for since it started. The operators'
   * overview reads it on every load: building the directory reads and hashes every agreement and
   * key set, and would raise the version for a mere look.
   */
  public FederationDirectory lastPublished() {
    FederationDirectory published = lastPublished.get();
    return published != null ? published : current();
  }

  public FederationDirectory current() {
    List<Node> active =
        em.createNamedQuery(Node.ALL, Node.class).getResultStream().filter(Node::isActive).toList();
    List<String> activeIds = active.stream().map(Node::councilId).toList();
    LocalDate today = LocalDate.now(FEDERATION_ZONE);
    List<DirectoryAgreement> agreements =
        em.createNamedQuery(Agreement.ALL, Agreement.class)
            .getResultStream()
            .filter(agreement -> agreement.isInForceOn(today))
            .map(
                agreement ->
                    new DirectoryAgreement(
                        agreement.id().toString(),
                        agreement.parties().stream()
                            .map(Party::councilId)
                            .filter(activeIds::contains)
                            .toList(),
                        List.copyOf(agreement.purposes()),
                        List.copyOf(agreement.services()),
                        agreement.validUntil(),
                        agreement.safeguardingAllowed()))
            .filter(agreement -> agreement.parties().size() >= 2)
            .toList();
    List<String> keySets =
        active.stream().map(Node::keySet).flatMap(java.util.Optional::stream).toList();
    // Every version a council may still decide on or act under: drafts too, so that each party's
    // node can show them to its council admin; the broker's suspension travels as a flag.
    List<SignedAgreement> signed =
        em.createNamedQuery(Agreement.ALL, Agreement.class)
            .getResultStream()
            .flatMap(
                agreement ->
                    // The version in force and a renewal waiting for approval, side by side: each
                    // node acts on the newest one that holds every party's signature.
                    CouncilDecisions.versions(agreement).stream()
                        .filter(terms -> !terms.validUntil().isBefore(today))
                        .filter(terms -> activeIds.containsAll(terms.parties()))
                        .map(
                            terms ->
                                new SignedAgreement(
                                    terms, agreement.decisions(), agreement.isStopped())))
            .toList();
    List<DirectoryNode> nodes = active.stream().map(DirectoryPublisher::entry).toList();
    long sequence = sequenceFor(List.of(nodes, agreements, keySets, signed));
    Instant now = Instant.now();
    return new FederationDirectory(
        Protocol.VERSION, now, now.plus(lifetime), nodes, agreements, sequence, keySets, signed);
  }

  /**
   * The sequence number of a directory with this content: raised (under the row's lock) whenever
   * the content differs from the last one published, so nodes can refuse an older directory sent
   * again while it is still unexpired.
   */
  private long sequenceFor(Object content) {
    String hash = org.patchwork.protocol.trust.CouncilKey.sha256(Envelopes.toJson(content));
    em.createNativeQuery(
            "update directory_state set sequence = sequence + 1, content_hash = ?1"
                + " where id = 1 and content_hash <> ?1")
        .setParameter(1, hash)
        .executeUpdate();
    return ((Number)
            em.createNativeQuery("select sequence from directory_state where id = 1")
                .getSingleResult())
        .longValue();
  }

  private static DirectoryNode entry(Node node) {
    try {
      List<Map<String, String>> keys =
          JWKSet.parse(node.publicKeys()).getKeys().stream()
              .map(JWK::toPublicJWK)
              .map(
                  jwk ->
                      jwk.toJSONObject().entrySet().stream()
                          .collect(
                              Collectors.toMap(
                                  Map.Entry::getKey, e -> String.valueOf(e.getValue()))))
              .toList();
      return new DirectoryNode(node.councilId(), node.name(), node.baseUrl(), keys);
    } catch (ParseException e) {
      throw new IllegalStateException("Stored keys of " + node.councilId() + " are unreadable", e);
    }
  }
}
