package org.patchwork.console.agreements.boundary;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.patchwork.console.broker.control.Broker;
import org.patchwork.console.broker.control.BrokerRefused;
import org.patchwork.console.broker.control.Federation;
import org.patchwork.console.pages.boundary.Shown;
import org.patchwork.protocol.oversight.Oversight;

/** {@code agreements.xhtml}: every agreement, those about to expire first, and the draft form. */
@Named("agreementsPage")
@ViewScoped
public class AgreementsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Broker broker;

  @Inject AgreementCodes codes;

  private List<Oversight.AgreementState> agreements = List.of();
  private List<Federation.NodeView> councils = List.of();
  private boolean loaded;

  private String title;
  private String legalBasis;
  private List<String> parties = new ArrayList<>();
  private List<String> purposes = new ArrayList<>();
  private List<String> services = new ArrayList<>();
  private boolean safeguardingAllowed;
  private String validFrom = LocalDate.now().toString();
  private String validUntil = LocalDate.now().plusYears(1).toString();
  private boolean drafted;

  public void load() {
    try {
      Broker.Pending<List<Oversight.AgreementState>> all =
          broker.getLater(
              "/api/operations/agreements", Broker.listOf(Oversight.AgreementState.class));
      Broker.Pending<List<Federation.NodeView>> nodes =
          broker.getLater("/api/nodes", Broker.listOf(Federation.NodeView.class));
      agreements = all.get();
      councils = nodes.get();
      loaded = true;
    } catch (BrokerRefused refused) {
      Shown.refused(refused);
    }
  }

  public void draft() throws IOException {
    if (drafted) {
      return;
    }
    LocalDate from;
    LocalDate until;
    try {
      from = LocalDate.parse(validFrom.strip());
      until = LocalDate.parse(validUntil.strip());
    } catch (DateTimeParseException | NullPointerException e) {
      Shown.refused(new BrokerRefused(400, "Give both dates as YYYY-MM-DD."));
      return;
    }
    Set<String> allPurposes = new LinkedHashSet<>(purposes);
    try {
      JsonObject created =
          broker.send(
              "POST",
              "/api/agreements",
              new Federation.Draft(
                  title,
                  legalBasis,
                  parties,
                  List.copyOf(allPurposes),
                  services,
                  from,
                  until,
                  safeguardingAllowed),
              JsonObject.class);
      drafted = true;
      Shown.done("Drafted. Each party's council admin now approves it on their own node.");
      FacesContext.getCurrentInstance()
          .getExternalContext()
          .redirect("agreement.xhtml?a=" + created.getString("id"));
    } catch (BrokerRefused refused) {
      Shown.refused(refused);
    }
  }

  public boolean isLoaded() {
    return loaded;
  }

  public List<Oversight.AgreementState> getAgreements() {
    return agreements;
  }

  public List<Oversight.AgreementState> getExpiring() {
    return agreements.stream()
        .filter(a -> a.expiresWithin30Days() && !"SUSPENDED".equals(a.status()))
        .toList();
  }

  public List<Federation.NodeView> getCouncils() {
    return councils;
  }

  public List<String> getPurposeCodes() {
    return codes.purposes();
  }

  public List<String> getServiceCodes() {
    return codes.services();
  }

  /** Who approved so far, in words: "kingston approved; yarra not yet". */
  public static String decisions(Oversight.AgreementState agreement) {
    List<String> each = new ArrayList<>();
    for (Oversight.PartyState party : agreement.parties()) {
      each.add(
          party.name()
              + ": "
              + (party.decision() == null
                  ? "not yet"
                  : switch (party.decision()) {
                    case "APPROVE" -> "approved";
                    case "DECLINE" -> "declined";
                    case "SUSPEND" -> "suspended";
                    default -> party.decision().toLowerCase();
                  }));
    }
    return String.join("; ", each);
  }

  public String decisionsOf(Oversight.AgreementState agreement) {
    return decisions(agreement);
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public String getLegalBasis() {
    return legalBasis;
  }

  public void setLegalBasis(String legalBasis) {
    this.legalBasis = legalBasis;
  }

  public List<String> getParties() {
    return parties;
  }

  public void setParties(List<String> parties) {
    this.parties = parties;
  }

  public List<String> getPurposes() {
    return purposes;
  }

  public void setPurposes(List<String> purposes) {
    this.purposes = purposes;
  }

  public List<String> getServices() {
    return services;
  }

  public void setServices(List<String> services) {
    this.services = services;
  }

  public boolean isSafeguardingAllowed() {
    return safeguardingAllowed;
  }

  public void setSafeguardingAllowed(boolean safeguardingAllowed) {
    this.safeguardingAllowed = safeguardingAllowed;
  }

  public String getValidFrom() {
    return validFrom;
  }

  public void setValidFrom(String validFrom) {
    this.validFrom = validFrom;
  }

  public String getValidUntil() {
    return validUntil;
  }

  public void setValidUntil(String validUntil) {
    this.validUntil = validUntil;
  }
}
