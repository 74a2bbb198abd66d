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

  private final Map<String, Map<String, ECKey>> parsed = new ConcurrentHashMap<>();

  public Optional<RegisteredNode> node(String council) {
    return Optional.ofNullable(em.find(Node.class, council)).map(this::routable);
  }

  /** Every registered node, active or not, ordered by council id. */
  public List<RegisteredNode> all() {
    return em.createNamedQuery(Node.ALL, Node.class).getResultStream().map(this::routable).toList();
  }

  private RegisteredNode routable(Node node) {
    return new RegisteredNode(
        node.councilId(), node.baseUrl(), node.isActive(), signingKeys(node.publicKeys()));
  }

  private Map<String, ECKey> signingKeys(String jwks) {
    if (parsed.size() > MAX_PARSED) {
      parsed.clear();
    }
    return parsed.computeIfAbsent(jwks, NodeRegistry::parse);
  }

  private static Map<String, ECKey> parse(String jwks) {
    try {
      return JWKSet.parse(jwks).getKeys().stream()
          .filter(key -> key instanceof ECKey && key.getKeyID() != null)
          .filter(key -> key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))
          .map(JWK::toECKey)
          .collect(Collectors.toMap(ECKey::getKeyID, Function.identity(), (a, b) -> a));
    } catch (ParseException e) {
      return Map.of();
    }
  }
}
