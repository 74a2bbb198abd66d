package org.patchwork.console.flags.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.patchwork.console.broker.control.Broker;
import org.patchwork.console.broker.control.BrokerRefused;
import org.patchwork.console.pages.boundary.Shown;
import org.patchwork.protocol.oversight.Oversight;

/** {@code flags.xhtml}: throttled practitioners ({@code GET /api/operations/flags}). */
@Named("flagsPage")
@RequestScoped
public class FlagsPage {

  @Inject Broker broker;

  private List<Oversight.Flag> flags = List.of();

  public void load() {
    try {
      flags = broker.get("/api/operations/flags?days=30", Broker.listOf(Oversight.Flag.class));
    } catch (BrokerRefused refused) {
      Shown.refused(refused);
    }
  }

  public List<Oversight.Flag> getFlags() {
    return flags;
  }
}
