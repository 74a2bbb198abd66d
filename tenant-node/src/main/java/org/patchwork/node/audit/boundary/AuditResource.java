package org.patchwork.node.audit.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.audit.control.AuditChain;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.control.AuditVerification;
import org.patchwork.node.audit.control.ChainVerification;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.audit.entity.AuditCheckpoint;

/** A council admin checks that the audit log is intact, and asks for a signed checkpoint. */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
@RolesAllowed(PatchworkNode.COUNCIL_ADMIN)
public class AuditResource {

  public record Verification(
      boolean intact,
      long records,
      long checkpoints,
      Broken firstBroken,
      ChainVerification.Witnessing witness,
      long pending) {

    /**
     * Written by hand because {@code firstBroken} must appear as null when intact, and Yasson
     * leaves null components out whatever {@code @JsonbNillable} says.
     */
    JsonObject toJson() {
      JsonObjectBuilder json =
          Json.createObjectBuilder()
              .add("intact", intact)
              .add("records", records)
              .add("checkpoints", checkpoints)
              // Committed while the verification ran, not linked into the chain yet: not checked.
              .add("pending", pending);
      if (firstBroken == null) {
        json.addNull("firstBroken");
      } else {
        json.add(
            "firstBroken",
            Json.createObjectBuilder()
                .add("seq", firstBroken.seq())
                .add("reason", firstBroken.reason()));
      }
      if (witness == null) {
        json.addNull("witness");
      } else {
        // Records after witnessedSeq could still be cut or rewritten unseen: say how many.
        JsonObjectBuilder held =
            Json.createObjectBuilder()
                .add("consulted", witness.consulted())
                .add("unwitnessedRecords", witness.unwitnessedRecords())
                .add("note", witness.note());
        if (witness.witnessedSeq() == null) {
          held.addNull("witnessedSeq");
        } else {
          held.add("witnessedSeq", witness.witnessedSeq());
        }
        json.add("witness", held);
      }
      return json.build();
    }

    static Verification of(ChainVerification.Verdict verdict) {
      ChainVerification.Broken broken = verdict.firstBroken();
      return new Verification(
          verdict.intact(),
          verdict.records(),
          verdict.checkpoints(),
          broken == null ? null : new Broken(broken.seq(), broken.reason()),
          verdict.witnessing(),
          verdict.pending());
    }
  }

  public record Broken(long seq, String reason) {}

  public record Checkpoint(long seq, String hash, String keyId, Instant createdAt) {
    static Checkpoint of(AuditCheckpoint checkpoint) {
      return new Checkpoint(
          checkpoint.seq(), checkpoint.hash(), checkpoint.keyId(), checkpoint.createdAt());
    }
  }

  @Inject AuditVerification verification;

  @Inject AuditChain chain;

  @Inject AuditTrail audit;

  @PersistenceContext EntityManager em;

  @GET
  @Path("verification")
  public JsonObject verify(@Context SecurityContext security) {
    ChainVerification.Verdict verdict = verification.verify();
    audit.record(
        security.getUserPrincipal().getName(),
        AuditAction.AUDIT_VERIFICATION,
        "audit",
        null,
        verdict.intact() ? "intact" : "broken at record " + verdict.firstBroken().seq(),
        null);
    return Verification.of(verdict).toJson();
  }

  /**
   * Signs the chain up to and including the record of this request: the record commits first, so
   * that the linker can link it before the end is signed.
   */
  @POST
  @Path("checkpoints")
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public Checkpoint checkpoint(@Context SecurityContext security) {
    audit.recordCommitted(
        security.getUserPrincipal().getName(),
        AuditAction.AUDIT_CHECKPOINT,
        "audit",
        null,
        "on demand",
        null);
    return Checkpoint.of(chain.signEnd());
  }
}
