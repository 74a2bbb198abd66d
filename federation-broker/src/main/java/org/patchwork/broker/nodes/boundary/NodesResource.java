package org.patchwork.broker.nodes.boundary;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import org.patchwork.broker.FederationBroker;
import org.patchwork.broker.nodes.control.KeyHistory;
import org.patchwork.broker.nodes.entity.Node;
import org.patchwork.broker.nodes.entity.NodeStatus;
import org.patchwork.edge.problems.Problem;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.protocol.http.FederationRoutes;
import org.patchwork.protocol.trust.CouncilStatements;
import org.patchwork.protocol.trust.KeySet;
import org.patchwork.protocol.trust.StatementRefused;

/** The operator's view of the node registry: register, update keys, suspend, reinstate. */
@Path("nodes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(FederationBroker.OPERATOR)
@Transactional
public class NodesResource {

  /** A node as the operator sees it. */
  public record NodeView(String councilId, String name, String baseUrl, NodeStatus status) {
    static NodeView of(Node node) {
      return new NodeView(node.councilId(), node.name(), node.baseUrl(), node.status());
    }
  }

  /** A node's registration. */
  public record Registration(
      @NotBlank(message = "Give the council's name.")
          @Size(max = 200, message = "Keep the name under 200 characters.")
          String name,
      @NotBlank(message = "Give the node's base URL.")
          @Pattern(regexp = "https?://[^\\s]{1,480}", message = "The base URL must be http(s)://…")
          String baseUrl,
      @NotNull(message = "Give the node's public keys as a JWKS.") JsonObject publicKeys) {}

  @PersistenceContext EntityManager em;

  @Inject RequestValidation validation;

  @GET
  @RolesAllowed({FederationBroker.OPERATOR, FederationBroker.AUDITOR})
  public List<NodeView> all() {
    return em.createNamedQuery(Node.ALL, Node.class).getResultStream().map(NodeView::of).toList();
  }

  @PUT
  @Path("{councilId: [a-z][a-z0-9-]{1,39}}")
  public Response register(@PathParam("councilId") String councilId, Registration body) {
    Registration registration = validation.check(body);
    String keys = publicKeysOnly(registration.publicKeys());
    Node existing = em.find(Node.class, councilId);
    if (existing != null) {
      existing.update(registration.name(), registration.baseUrl(), keys);
      return Response.ok(NodeView.of(existing)).build();
    }
    Node node = new Node(councilId, registration.name(), registration.baseUrl(), keys);
    em.persist(node);
    return Response.status(Response.Status.CREATED).entity(NodeView.of(node)).build();
  }

  /**
   * A node's key set, signed by its council key (compact JWS), as the node sends it at start and
   * after rotating its working keys. No bearer token: the council key's signature counts, and only
   * the council key that signed the node's first set may sign the next; nodes check each set
   * against the council key their own council pinned.
   */
  @PUT
  @Path("{councilId}/key-set")
  @Consumes(FederationRoutes.JOSE)
  @PermitAll
  public Response keySet(@PathParam("councilId") String councilId, String statement) {
    Node node = find(councilId);
    CouncilStatements.Stated<KeySet> stated;
    try {
      stated = CouncilStatements.read(statement, KeySet.class);
    } catch (StatementRefused e) {
      throw Problem.badRequest("Unusable key set", e.getMessage());
    }
    if (!councilId.equals(stated.value().council()) || !stated.value().isValidAt(Instant.now())) {
      throw Problem.badRequest(
          "Unusable key set", "The key set must name " + councilId + " and be valid now.");
    }
    if (!node.acceptKeySet(statement, stated.fingerprint())) {
      throw Problem.refusal(
          Response.Status.CONFLICT,
          "Another council key",
          "This key set is not signed by the council key that signed " + councilId + "'s first.");
    }
    KeyHistory.keep(em, councilId, stated.fingerprint(), statement);
    return Response.noContent().build();
  }

  @POST
  @Path("{councilId}/suspension")
  public NodeView suspend(@PathParam("councilId") String councilId) {
    Node node = find(councilId);
    node.suspend();
    return NodeView.of(node);
  }

  @POST
  @Path("{councilId}/reinstatement")
  public NodeView reinstate(@PathParam("councilId") String councilId) {
    Node node = find(councilId);
    node.reinstate();
    return NodeView.of(node);
  }

  private Node find(String councilId) {
    Node node = em.find(Node.class, councilId);
    if (node == null) {
      throw Problem.refusal(
          Response.Status.NOT_FOUND,
          "No such node",
          "No node is registered for " + councilId + ".");
    }
    return node;
  }

  /** The keys as a JWKS of public EC keys; a private key sent by mistake is refused, not stored. */
  private static String publicKeysOnly(JsonObject jwks) {
    try {
      JWKSet set = JWKSet.parse(jwks.toString());
      if (set.getKeys().isEmpty() || set.getKeys().stream().anyMatch(JWK::isPrivate)) {
        throw Problem.badRequest(
            "Unusable keys", "Send at least one public key and no private key material.");
      }
      return set.toString(true);
    } catch (ParseException e) {
      throw Problem.badRequest("Unusable keys", "publicKeys is not a JWKS: " + e.getMessage());
    }
  }
}
