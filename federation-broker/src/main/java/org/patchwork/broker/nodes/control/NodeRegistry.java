package org.patchwork.broker.nodes.control;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.patchwork.broker.nodes.entity.Node;

/**
 * Reads the registry for routing. Every call reads the database, so a suspension or a key rotation
 * made through any broker instance counts at once; only the parsing of a JWKS is remembered, keyed
 * by its exact text.
 */
@ApplicationScoped
public class NodeRegistry {

  private static final int MAX_PARSED = 10_000;

  @PersistenceContext EntityManager em;

  private final Map<String, Keys> parsed = new ConcurrentHashMap<>();

  /** A node's published keys by kid: the ones it signs with, and the ones pair keys come from. */
  private record Keys(Map<String, ECKey> signing, Map<String, ECKey> encryption) {}

  public Optional<RegisteredNode> node(String council) {
    return Optional.ofNullable(em.find(Node.class, council)).map(this::routable);
  }

  /** Every registered node, active or not, ordered by council id. */
  public List<RegisteredNode> all() {
    return em.createNamedQuery(Node.ALL, Node.class).getResultStream().map(this::routable).toList();
  }

  private RegisteredNode routable(Node node) {
    Keys keys = keys(node.publicKeys());
    return new RegisteredNode(
        node.councilId(), node.baseUrl(), node.isActive(), keys.signing(), keys.encryption());
  }

  private Keys keys(String jwks) {
    if (parsed.size() > MAX_PARSED) {
      parsed.clear();
    }
    return parsed.computeIfAbsent(jwks, NodeRegistry::parse);
  }

  private static Keys parse(String jwks) {
    try {
      List<ECKey> keys =
          JWKSet.parse(jwks).getKeys().stream()
              .filter(key -> key instanceof ECKey && key.getKeyID() != null)
              .filter(key -> !key.isPrivate())
              .map(JWK::toECKey)
              .toList();
      return new Keys(
          byKid(
              keys.stream()
                  .filter(
                      key -> key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))
                  .toList()),
          byKid(keys.stream().filter(key -> KeyUse.ENCRYPTION.equals(key.getKeyUse())).toList()));
    } catch (ParseException e) {
      return new Keys(Map.of(), Map.of());
    }
  }

  private static Map<String, ECKey> byKid(List<ECKey> keys) {
    return keys.stream()
        .collect(Collectors.toMap(ECKey::getKeyID, Function.identity(), (a, b) -> a));
  }
}
