package org.patchwork.node.federation.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patchwork.node.clients.boundary.SearchPage;
import org.patchwork.node.federation.control.DirectoryCopy;
import org.patchwork.node.federation.control.FederatedQuestion;
import org.patchwork.node.federation.control.FederatedSearch;
import org.patchwork.node.federation.control.FederatedSearch.Answer;
import org.patchwork.node.federation.control.FederatedSearch.Answered;
import org.patchwork.node.federation.control.FederatedSearch.CouncilAnswer;
import org.patchwork.node.federation.control.FederatedSearch.CouncilStatus;
import org.patchwork.node.federation.control.FederatedSearch.NotConnected;
import org.patchwork.node.federation.control.FederatedSearch.Refused;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.practitioners.control.CurrentPractitioner;
import org.patchwork.node.refusals.control.Refusal;
import org.patchwork.protocol.query.LegalBasis;

/**
 * The search page's "also ask other councils": a purpose from the agreements this council is party
 * to and a legal basis, the same question and control call as {@code POST /api/federated-queries},
 * and each council's answer in words. The search here runs first, with the name and date of birth
 * typed on the page ({@link SearchPage}).
 */
@Named("others")
@ViewScoped
public class OtherCouncilsSearch implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A legal basis to choose: the value the form sends, and what it means. */
  public record BasisChoice(String value, String label) {}

  /** The question's fields by their API names, and the page's fields that hold them. */
  private static final Map<String, String> FIELDS =
      Map.of(
          "givenNames", "given",
          "familyName", "family",
          "dateOfBirth", "dob",
          "purpose", "purpose",
          "basis", "basis");

  @Inject transient FederatedSearch federatedSearch;
  @Inject transient DirectoryCopy directory;
  @Inject transient CurrentPractitioner caller;
  @Inject SearchPage here;

  private boolean askOthers;
  private String purpose;
  private String basis;

  private Answer federated;

  /** Each answering council's name as the directory lists it, read once per answer. */
  private Map<String, String> names = Map.of();

  private boolean federationUnavailable;
  private List<String> purposes;

  /** Searches here and, when the practitioner ticked it, asks the other councils too. */
  public String search() {
    boolean chosen = !askOthers || purposeAndBasisChosen();
    if (!here.searchHere(chosen)) {
      return null;
    }
    federated = null;
    federationUnavailable = false;
    if (askOthers) {
      ask();
    }
    return null;
  }

  private void ask() {
    FederatedSearch.Outcome outcome;
    try {
      FederatedQuestion question =
          FederatedQuestion.of(
              here.getGiven(),
              here.getFamily(),
              List.of(),
              here.getDob(),
              null,
              purpose,
              basis,
              null);
      outcome = federatedSearch.ask(caller.approved(), caller.username(), question);
    } catch (Refusal refusal) {
      Feedback.refused(refusal, FIELDS);
      return;
    }
    if (outcome instanceof Answered answered) {
      federated = answered.answer();
      Map<String, String> named = new java.util.HashMap<>();
      federated.nodes().forEach(n -> named.put(n.council(), directory.councilName(n.council())));
      names = Map.copyOf(named);
    } else if (outcome instanceof NotConnected) {
      federationUnavailable = true;
    } else {
      // No consent recorded, throttled, broker away: said above the form, local results stay.
      Feedback.page(((Refused) outcome).detail());
    }
  }

  private boolean purposeAndBasisChosen() {
    boolean chosen = required("purpose", purpose, "Say why you ask the other councils.");
    chosen &= required("basis", basis, "Say on what legal basis you ask.");
    if (purpose != null && !purpose.isBlank() && !getPurposes().contains(purpose)) {
      chosen &= required("purpose", null, "Choose a purpose from the list.");
    }
    if (basis != null
        && !basis.isBlank()
        && getBases().stream().noneMatch(choice -> choice.value().equals(basis))) {
      chosen &= required("basis", null, "Choose a legal basis from the list.");
    }
    return chosen;
  }

  private static boolean required(String field, String value, String message) {
    if (value == null || value.isBlank()) {
      Feedback.field(field, message);
      return false;
    }
    return true;
  }

  /** The purposes of the agreements in force this council is party to. */
  public List<String> getPurposes() {
    if (purposes == null) {
      purposes = federatedSearch.purposes();
    }
    return purposes;
  }

  /** A purpose code in words: {@code maternal-child-health} is "Maternal child health". */
  public static String purposeInWords(String code) {
    String words = code.replace('-', ' ');
    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  public List<BasisChoice> getBases() {
    return Arrays.stream(LegalBasis.values())
        .map(
            legalBasis ->
                new BasisChoice(legalBasis.name().toLowerCase(Locale.ROOT), label(legalBasis)))
        .toList();
  }

  private static String label(LegalBasis basis) {
    return switch (basis) {
      case CONSENT -> "The client consented";
      case SAFEGUARDING -> "Safeguarding exception (your council admin will review it)";
    };
  }

  public static String statusInWords(CouncilStatus status) {
    return switch (status) {
      case MATCH -> "Someone there is involved";
      case NO_MATCH -> "No involvement found";
      case DENIED -> "Their agreement does not allow this question";
      case UNAVAILABLE -> "Could not be reached";
      case TIMEOUT -> "Did not answer in time";
      case CIRCUIT_OPEN -> "Not asked: unreachable lately";
      case NOT_ASKED -> "Not asked";
    };
  }

  /** Another council by its name ("Wyndham City Council"), never its id unless it has none. */
  public String councilName(String council) {
    return names.getOrDefault(council, council);
  }

  /**
   * A team and its service, once when the team is named after its service: "Youth Services", not
   * "Youth Services (Youth Services)".
   */
  public static String teamAndService(String team, String service) {
    if (service == null || service.isBlank()) {
      return team;
    }
    if (team == null || team.isBlank()) {
      return service;
    }
    return team.strip().equalsIgnoreCase(service.strip()) ? team : team + " (" + service + ")";
  }

  public String teamOf(String team, String service) {
    return teamAndService(team, service);
  }

  public String statusOf(CouncilStatus status) {
    return statusInWords(status);
  }

  public String purposeLabel(String code) {
    return purposeInWords(code);
  }

  public boolean isAskOthers() {
    return askOthers;
  }

  public void setAskOthers(boolean askOthers) {
    this.askOthers = askOthers;
  }

  public String getPurpose() {
    return purpose;
  }

  public void setPurpose(String purpose) {
    this.purpose = purpose;
  }

  public String getBasis() {
    return basis;
  }

  public void setBasis(String basis) {
    this.basis = basis;
  }

  public Answer getFederated() {
    return federated;
  }

  public boolean isFederationUnavailable() {
    return federationUnavailable;
  }

  public List<CouncilAnswer> getCouncils() {
    return federated == null ? List.of() : federated.nodes();
  }
}
