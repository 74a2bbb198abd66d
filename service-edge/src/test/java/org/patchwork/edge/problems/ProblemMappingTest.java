package org.patchwork.edge.problems;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

class ProblemMappingTest {

  record NewTeam(
      @NotBlank(message = "Give the team a name.") String name,
      @Size(max = 3, message = "Use a short code of at most 3 letters.") String code) {}

  @Test
  void namesEachFieldToFixInOrderWithTheirMessagesAsTheDetail() {
    ConstraintViolationException invalid;
    try (ValidatorFactory factory =
        Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()) {
      invalid =
          new ConstraintViolationException(
              factory.getValidator().validate(new NewTeam(" ", "ABCD")));
    }

    Response response = new InvalidRequestMapper().toResponse(invalid);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
    InvalidRequestMapper.InvalidRequest body =
        (InvalidRequestMapper.InvalidRequest) response.getEntity();
    assertThat(body.title()).isEqualTo("Some details need fixing");
    assertThat(body.status()).isEqualTo(400);
    assertThat(body.errors())
        .containsExactly(
            new InvalidRequestMapper.FieldError("code", "Use a short code of at most 3 letters."),
            new InvalidRequestMapper.FieldError("name", "Give the team a name."));
    assertThat(body.detail())
        .isEqualTo("Use a short code of at most 3 letters. Give the team a name.");
  }

  @Test
  void answersAnUnknownAddressWithAProblemThatSaysThereIsNothingThere() {
    Response response = new WebApplicationExceptionMapper().toResponse(new NotFoundException());

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
    assertThat(response.getEntity())
        .isEqualTo(new Problem("about:blank", "Not Found", 404, "There is nothing here."));
  }

  @Test
  void answersAWrongMethodWithAProblem() {
    Response response =
        new WebApplicationExceptionMapper().toResponse(new NotAllowedException("GET"));

    assertThat(response.getStatus()).isEqualTo(405);
    assertThat(((Problem) response.getEntity()).detail())
        .isEqualTo("This address does not accept that method.");
  }

  @Test
  void passesARefusalThatIsAlreadyAProblemOnUnchanged() {
    var refusal =
        Problem.refusal(Response.Status.CONFLICT, "Already a member", "You are in this team.");

    Response response = new WebApplicationExceptionMapper().toResponse(refusal);

    assertThat(response.getStatus()).isEqualTo(409);
    assertThat(response.getEntity())
        .isEqualTo(new Problem("about:blank", "Already a member", 409, "You are in this team."));
  }

  @Test
  void answersABodyThatIsNotTheExpectedJsonWith400WithoutParserInternals() {
    Response response =
        new UnreadableEntityMapper()
            .toResponse(
                new ProcessingException(
                    "binding", new JsonbException("Unexpected char 39 at (line no=1)")));

    assertThat(response.getStatus()).isEqualTo(400);
    Problem problem = (Problem) response.getEntity();
    assertThat(problem.title()).isEqualTo("The request body could not be read");
    assertThat(problem.detail()).doesNotContain("Unexpected char");
  }

  @Test
  void answersAnyOtherFailureWith500AndAnIncidentIdButNoStackTrace() {
    Response response =
        new UnreadableEntityMapper()
            .toResponse(new ProcessingException("disk full", new IllegalStateException("boom")));

    assertThat(response.getStatus()).isEqualTo(500);
    Problem problem = (Problem) response.getEntity();
    assertThat(problem.title()).isEqualTo("Something went wrong on our side");
    assertThat(problem.detail())
        .containsPattern("incident id: [0-9a-f-]{36}$")
        .doesNotContain("boom", "disk full");
  }

  @Test
  void saysHowLargeARequestMayBe() {
    Response response = BodySizeLimit.tooLarge(32L * 1024 * 1024);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(((Problem) response.getEntity()).detail()).isEqualTo("Send at most 32 MB.");
  }
}
