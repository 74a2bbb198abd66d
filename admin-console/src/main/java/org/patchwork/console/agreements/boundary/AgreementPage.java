package org.patchwork.console.agreements.boundary;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.patchwork.console.broker.control.Broker;
import org.patchwork.console.broker.control.BrokerRefused;
import org.patchwork.console.broker.control.Federation;
import org.patchwork.console.pages.boundary.Shown;
import org.patchwork.protocol.oversight.Oversight;

/**
 * {@code agreement.xhtml?a=<id>}: one agreement's terms, each party's signed decision as it
 * arrives, its history, and the operator's actions: suspend at once, retire, renew as a new
 * version.
 */
@Named("agreementPage")
@ViewScoped
public class AgreementPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Broker broker;

  private String id;
  private Oversight.AgreementState agreement;
  private List<Oversight.Event> history = List.of();
  private String renewFrom;
  private String renewUntil;
  private boolean acted;

  public void load() {
    UUID uuid;
    try {
      uuid = UUID.fromString(id == null ? "" : id);
    } catch (IllegalArgumentException e) {
      Shown.refused(new BrokerRefused(400, "No such agreement: open one from the list."));
      return;
    }
    try {
      // Both asked at once; the history is read only for an agreement the broker has.
      Broker.Pending<List<Oversight.AgreementState>> all =
          broker.getLater(
              "/api/operations/agreements", Broker.listOf(Oversight.AgreementState.class));
      Broker.Pending<List<Oversight.Event>> events =
          broker.getLater(
              "/api/operations/agreements/" + uuid + "/history",
              Broker.listOf(Oversight.Event.class));
      agreement = all.get().stream().filter(a -> a.id().equals(uuid)).findFirst().orElse(null);
      if (agreement == null) {
        Shown.refused(new BrokerRefused(404, "The broker has no agreement " + uuid + "."));
        return;
      }
      history = events.get();
      renewFrom = agreement.validUntil().plusDays(1).toString();
      renewUntil = agreement.validUntil().plusYears(1).toString();
    } catch (BrokerRefused refused) {
      Shown.refused(refused);
    }
  }

  public void suspend() throws IOException {
    act("suspension", "Suspended: no question flows under it from now on.");
  }

  /** trust2's route (issue 11 follow-up): the agreement ends for good. */
  public void retire() throws IOException {
    act("retirement", "Retired: it no longer appears in the directory.");
  }

  /** A new version with new dates, which every party approves again on their own node. */
  public void renew() throws IOException {
    if (acted || agreement == null) {
      return;
    }
    LocalDate from;
    LocalDate until;
    try {
      from = LocalDate.parse(renewFrom.strip());
      until = LocalDate.parse(renewUntil.strip());
    } catch (DateTimeParseException | NullPointerException e) {
      Shown.refused(new BrokerRefused(400, "Give both dates as YYYY-MM-DD."));
      return;
    }
    try {
      JsonObject renewed =
          broker.send(
              "POST",
              "/api/agreements/" + agreement.id() + "/versions",
              new Federation.Draft(
                  agreement.title(),
                  agreement.legalBasis(),
                  agreement.parties().stream().map(Oversight.PartyState::council).toList(),
                  agreement.purposes(),
                  agreement.services(),
                  from,
                  until,
                  agreement.safeguardingAllowed()),
              JsonObject.class);
      acted = true;
      Shown.done("Renewed as a new version: each party's council admin approves it again.");
      String next =
          renewed != null
                  && renewed.get("id") != null
                  && renewed.get("id").getValueType() == JsonValue.ValueType.STRING
              ? renewed.getString("id")
              : agreement.id().toString();
      redirect(next);
    } catch (BrokerRefused refused) {
      Shown.refused(refused);
    }
  }

  private void act(String route, String done) throws IOException {
    if (acted || agreement == null) {
      return;
    }
    try {
      broker.send("POST", "/api/agreements/" + agreement.id() + "/" + route, null, null);
      acted = true;
      Shown.done(done);
      redirect(agreement.id().toString());
    } catch (BrokerRefused refused) {
      Shown.refused(refused);
    }
  }

  private static void redirect(String agreementId) throws IOException {
    FacesContext.getCurrentInstance()
        .getExternalContext()
        .redirect("agreement.xhtml?a=" + agreementId);
  }

  public String getDecisions() {
    return agreement == null ? "" : AgreementsPage.decisions(agreement);
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public Oversight.AgreementState getAgreement() {
    return agreement;
  }

  public List<Oversight.Event> getHistory() {
    return history;
  }

  public String getRenewFrom() {
    return renewFrom;
  }

  public void setRenewFrom(String renewFrom) {
    this.renewFrom = renewFrom;
  }

  public String getRenewUntil() {
    return renewUntil;
  }

  public void setRenewUntil(String renewUntil) {
    this.renewUntil = renewUntil;
  }
}
