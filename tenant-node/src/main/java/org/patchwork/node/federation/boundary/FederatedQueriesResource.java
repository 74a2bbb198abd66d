package org.patchwork.node.federation.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.patchwork.edge.problems.Problem;
import org.patchwork.edge.problems.RequestValidation;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.federation.control.FederatedQuestion;
import org.patchwork.node.federation.control.FederatedSearch;
import org.patchwork.node.federation.control.FederatedSearch.Answered;
import org.patchwork.node.federation.control.FederatedSearch.BrokerUnreachable;
import org.patchwork.node.federation.control.FederatedSearch.ConsentMissing;
import org.patchwork.node.federation.control.FederatedSearch.FederationBusy;
import org.patchwork.node.federation.control.FederatedSearch.NotConnected;
import org.patchwork.node.federation.control.FederatedSearch.Refused;
import org.patchwork.node.federation.control.FederatedSearch.Throttled;
import org.patchwork.node.federation.control.FederationLink;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.protocol.http.FederationRoutes;

/** "Is anyone at another council involved with this person?", asked by a practitioner. */
@Path("federated-queries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FederatedQueriesResource {

  /** The question. */
  public record Question(
      @NotBlank(message = "Give the client's given names.")
          @Size(max = 200, message = "Keep given names under 200 characters.")
          String givenNames,
      @NotBlank(message = "Give the client's family name.")
          @Size(max = 100, message = "Keep the family name under 100 characters.")
          String familyName,
      @Size(max = 10, message = "Give at most 10 other names.") List<String> otherNames,
      @NotBlank(
              message =
                  "Give the date of birth as YYYY-MM-DD, or YYYY when only the year is known.")
          String dateOfBirth,
      @Pattern(regexp = "\\d{4}", message = "A postcode has 4 digits.") String postcode,
      @NotBlank(message = "Say why you are asking: the purpose, e.g. youth-services.")
          @Pattern(
              regexp = "[a-z][a-z-]{1,59}",
              message = "A purpose is a code from the trust agreement, e.g. youth-services.")
          String purpose,
      @NotBlank(message = "Give the legal basis: consent or safeguarding.")
          @Pattern(
              regexp = "(?i)consent|safeguarding",
              message = "The legal basis is consent or safeguarding.")
          String basis,
      UUID clientId) {}

  @Inject FederatedSearch search;

  @Inject CurrentPractitioner caller;

  @Inject RequestValidation validation;

  @Inject FederationLink link;

  @Inject
  @ConfigProperty(name = "patchwork.federation.benchmark-routes", defaultValue = "false")
  boolean benchmarkRoutes;

  /**
   * The benchmark's baseline: the same hops as a federated query (practitioner → node → broker →
   * every other node and back) with no tokens, crypto or database work. Off unless the deployment
   * turns it on.
   */
  @POST
  @Path("no-op")
  @RolesAllowed(PatchworkNode.PRACTITIONER)
  @Operation(hidden = true)
  public Response noOp() {
    if (!benchmarkRoutes) {
      throw Problem.refusal(Response.Status.NOT_FOUND, "Not found", "No such route.");
    }
    HttpResponse<String> answer =
        link.postToBroker(
            FederationRoutes.BROKER_NO_OP + "?requester=" + link.council(),
            "no-op",
            Duration.ofSeconds(5));
    return Response.status(answer.statusCode())
        .type(MediaType.APPLICATION_JSON)
        .entity(answer.body())
        .build();
  }

  @POST
  @RolesAllowed(PatchworkNode.PRACTITIONER)
  @Operation(
      summary = "Ask the other councils who is involved with a person",
      description =
          "Under consent, the client (clientId, or else this council's certain match of the"
              + " person) must certainly be the person asked about, work with the practitioner and"
              + " have consent recorded here (422, 403, 409 otherwise); or the basis is"
              + " safeguarding (reviewed by the council admins of both councils). The answer lists"
              + " every other council with its status.")
  public FederatedSearch.Answer ask(Question body) {
    Question question = validation.check(body);
    FederatedSearch.Outcome outcome =
        search.ask(
            caller.approved(),
            caller.username(),
            FederatedQuestion.of(
                question.givenNames(),
                question.familyName(),
                question.otherNames(),
                question.dateOfBirth(),
                question.postcode(),
                question.purpose(),
                question.basis(),
                question.clientId()));
    if (outcome instanceof Answered answered) {
      return answered.answer();
    }
    Refused refused = (Refused) outcome;
    if (outcome instanceof FederationBusy busy) {
      // The broker's Retry-After, passed on: a client may wait that long and ask again.
      throw new WebApplicationException(
          Response.fromResponse(
                  Problem.response(
                      Response.Status.SERVICE_UNAVAILABLE, refused.title(), refused.detail()))
              .header("Retry-After", busy.retryAfterSeconds())
              .build());
    }
    throw Problem.refusal(status(outcome), refused.title(), refused.detail());
  }

  private static Response.Status status(FederatedSearch.Outcome outcome) {
    if (outcome instanceof NotConnected) {
      return Response.Status.SERVICE_UNAVAILABLE;
    }
    if (outcome instanceof ConsentMissing) {
      return Response.Status.CONFLICT;
    }
    if (outcome instanceof Throttled) {
      return Response.Status.TOO_MANY_REQUESTS;
    }
    if (outcome instanceof BrokerUnreachable unreachable) {
      return unreachable.timedOut()
          ? Response.Status.GATEWAY_TIMEOUT
          : Response.Status.SERVICE_UNAVAILABLE;
    }
    // The broker refused the question, or its answer failed the checks.
    return Response.Status.BAD_GATEWAY;
  }
}
