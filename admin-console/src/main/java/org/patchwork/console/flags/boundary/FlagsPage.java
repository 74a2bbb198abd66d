package org.patchwork.console.flags.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.patchwork.console.broker.control.Broker;
import org.patchwork.console.broker.control.BrokerRefused;
import org.patchwork.console.broker.control.Federation;
import org.patchwork.console.pages.boundary.Shown;

/** {@code flags.xhtml}: throttled practitioners ({@code GET /api/operations/flags}). */
@Named("flagsPage")
@RequestScoped
public class FlagsPage {

  @Inject Broker broker;

  private List<Federation.Flag> flags = List.of();

  public void load() {
    try {
      flags = broker.get("/api/operations/flags?days=30", Broker.listOf(Federation.Flag.class));
    } catch (BrokerRefused refused) {
      Shown.refused(refused);
    }
  }

  public List<Federation.Flag> getFlags() {
    return flags;
  }
}
