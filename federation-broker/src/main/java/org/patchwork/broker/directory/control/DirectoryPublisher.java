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
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patchwork.broker.agreements.entity.Agreement;
import org.patchwork.broker.agreements.entity.Party;
import org.patchwork.broker.nodes.entity.Node;
import org.patchwork.protocol.directory.DirectoryAgreement;
import org.patchwork.protocol.directory.DirectoryNode;
import org.patchwork.protocol.directory.FederationDirectory;
import org.patchwork.protocol.envelope.Envelopes;
import org.patchwork.protocol.query.Protocol;

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

  public String signedDirectory() {
    return Envelopes.sign(current(), keys.keys().signing());
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
                        agreement.validUntil()))
            .filter(agreement -> agreement.parties().size() >= 2)
            .toList();
    Instant now = Instant.now();
    return new FederationDirectory(
        Protocol.VERSION,
        now,
        now.plus(lifetime),
        active.stream().map(DirectoryPublisher::entry).toList(),
        agreements);
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
