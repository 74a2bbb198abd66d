package org.patchwork.broker.operations.boundary;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.broker.FederationBroker;
import org.patchwork.broker.audit.control.OperatorAudit;
import org.patchwork.broker.nodes.control.KeyHistory;
import org.patchwork.broker.nodes.entity.Node;
import org.patchwork.broker.operations.control.Operations;
import org.patchwork.edge.problems.Problem;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.protocol.oversight.Oversight;
import org.patchwork.protocol.trust.CouncilKey;
import org.patchwork.protocol.trust.CouncilStatements;
import org.patchwork.protocol.trust.KeySet;
import org.patchwork.protocol.trust.StatementRefused;

/**
 * What the operators' console reads (operators and read-only auditors) and the council registration
 * it writes (operators): a council is registered from the key set its council key signed, so the
 * broker takes a node's keys only with that signature.
 */
@Path("operations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({FederationBroker.OPERATOR, FederationBroker.AUDITOR})
@Transactional
public class OperationsResource {

  /** What a signed key set says, for the operator to check by phone before registering. */
  public record KeySetPreview(
      String council,
      String fingerprint,
      String fingerprintHex,
      Instant validFrom,
      Instant validUntil,
      boolean validNow,
      List<String> keyIds) {}

  /** A council as the councils page lists it. */
  public record CouncilView(
      String council,
      String name,
      String baseUrl,
      String status,
      Instant registeredAt,
      String fingerprint,
      String fingerprintHex,
      List<Oversight.KeyHistoryEntry> keyHistory) {}

  /** Registers a council from its signed key set, or changes its name or node's base URL. */
  public record CouncilRegistration(
      @NotBlank(message = "Give the council's name.")
          @Size(max = 200, message = "Keep the name under 200 characters.")
          String name,
      @NotBlank(message = "Give the node's base URL.")
          @Pattern(
              regexp = "https?://[^\\s]{1,480}",
              message = "The base URL must start with http:// or https://.")
          String baseUrl,
      @Size(max = 60000, message = "A key set is a few kilobytes.") String keySet) {}

  /** The operators' audit with the chain's check. */
  public record AuditView(
      OperatorAudit.Verification verification, List<OperatorAudit.Action> actions) {}

  @PersistenceContext EntityManager em;

  @Inject Operations operations;

  @Inject OperatorAudit audit;

  @Inject RequestValidation validation;

  @GET
  @Path("overview")
  public Oversight.Overview overview() {
    return operations.overview();
  }

  /**
   * @param days how many days back (default 14, at most 90)
   */
  @GET
  @Path("traffic")
  public List<Oversight.TrafficDay> traffic(@QueryParam("days") Integer days) {
    return operations.traffic(days == null ? 14 : days);
  }

  @GET
  @Path("flags")
  public List<Oversight.Flag> flags(@QueryParam("days") Integer days) {
    return operations.flags(days == null ? 30 : days);
  }

  @GET
  @Path("agreements")
  public List<Oversight.AgreementState> agreements() {
    return operations.agreements();
  }

  @GET
  @Path("agreements/{id}/history")
  public List<Oversight.Event> history(@PathParam("id") UUID id) {
    return operations
        .history(id)
        .orElseThrow(
            () ->
                Problem.refusal(
                    Response.Status.NOT_FOUND, "No such agreement", "There is no agreement " + id));
  }

  @GET
  @Path("audit")
  public AuditView audit(@QueryParam("limit") Integer limit) {
    return new AuditView(
        audit.verify(), audit.recent(limit == null ? 200 : limit, Optional.empty()));
  }

  @GET
  @Path("councils")
  public List<CouncilView> councils() {
    List<CouncilView> councils = new ArrayList<>();
    for (Node node : em.createNamedQuery(Node.ALL, Node.class).getResultList()) {
      councils.add(
          new CouncilView(
              node.councilId(),
              node.name(),
              node.baseUrl(),
              node.status().name(),
              node.registeredAt(),
              node.councilFingerprint().orElse(null),
              node.councilFingerprint().map(CouncilKey::grouped).orElse(null),
              operations.keyHistory(node.councilId())));
    }
    return councils;
  }

  /** Reads a signed key set (the compact JWS, as text) without keeping anything. */
  @POST
  @Path("key-set-preview")
  @Consumes({MediaType.TEXT_PLAIN, "application/jose"})
  public KeySetPreview preview(String statement) {
    CouncilStatements.Stated<KeySet> stated = read(statement);
    return preview(stated);
  }

  /**
   * Registers a council from its council-signed key set, or changes a registered council's name and
   * node base URL (a key set is then optional; one given must be signed by the same council key as
   * before).
   */
  @PUT
  @Path("councils/{councilId: [a-z][a-z0-9-]{1,39}}")
  @RolesAllowed(FederationBroker.OPERATOR)
  public Response register(@PathParam("councilId") String councilId, CouncilRegistration body) {
    CouncilRegistration registration = validation.check(body);
    Node node = em.find(Node.class, councilId);
    String keySet = registration.keySet() == null ? null : registration.keySet().strip();
    if (keySet == null || keySet.isEmpty()) {
      if (node == null) {
        throw Problem.badRequest(
            "Some details need fixing",
            "Paste or upload the key set the council's platform team sent: a new council is"
                + " registered from it.");
      }
      node.update(registration.name().strip(), registration.baseUrl(), node.publicKeys());
      return Response.ok(Map.of("council", councilId)).build();
    }
    CouncilStatements.Stated<KeySet> stated = read(keySet);
    if (!councilId.equals(stated.value().council())) {
      throw Problem.badRequest(
          "Some details need fixing",
          "This key set is for " + stated.value().council() + ", not " + councilId + ".");
    }
    if (!stated.value().isValidAt(Instant.now())) {
      throw Problem.badRequest(
          "Some details need fixing", "This key set is not valid now: ask for a current one.");
    }
    String keys = jwks(stated.value());
    boolean created = node == null;
    if (created) {
      node = new Node(councilId, registration.name().strip(), registration.baseUrl(), keys);
      em.persist(node);
    } else {
      node.update(registration.name().strip(), registration.baseUrl(), keys);
    }
    if (!node.acceptKeySet(keySet, stated.fingerprint())) {
      throw Problem.refusal(
          Response.Status.CONFLICT,
          "Another council key",
          "This key set is not signed by the council key that signed " + councilId + "'s first.");
    }
    em.flush();
    KeyHistory.keep(em, councilId, stated.fingerprint(), keySet);
    return Response.status(created ? Response.Status.CREATED : Response.Status.OK)
        .entity(preview(stated))
        .build();
  }

  private static CouncilStatements.Stated<KeySet> read(String statement) {
    if (statement == null || statement.isBlank()) {
      throw Problem.badRequest("Some details need fixing", "The key set is empty.");
    }
    try {
      return CouncilStatements.read(statement.strip(), KeySet.class);
    } catch (StatementRefused | RuntimeException e) {
      throw Problem.badRequest(
          "Unusable key set", "This is not a key set signed by a council key: " + e.getMessage());
    }
  }

  private static KeySetPreview preview(CouncilStatements.Stated<KeySet> stated) {
    KeySet set = stated.value();
    return new KeySetPreview(
        set.council(),
        stated.fingerprint(),
        CouncilKey.grouped(stated.fingerprint()),
        set.validFrom(),
        set.validUntil(),
        set.isValidAt(Instant.now()),
        set.keys().stream().map(key -> key.getOrDefault("kid", "?")).toList());
  }

  /** The set's keys as the node row keeps them: public EC keys only. */
  private static String jwks(KeySet set) {
    try {
      List<JWK> keys = new ArrayList<>();
      for (Map<String, String> key : set.keys()) {
        keys.add(JWK.parse(new java.util.HashMap<String, Object>(key)));
      }
      if (keys.isEmpty() || keys.stream().anyMatch(JWK::isPrivate)) {
        throw Problem.badRequest(
            "Unusable keys", "A key set holds at least one public key and no private key.");
      }
      return new JWKSet(keys).toString(true);
    } catch (ParseException e) {
      throw Problem.badRequest("Unusable keys", "A key in the set is not a JWK: " + e.getMessage());
    }
  }
}
