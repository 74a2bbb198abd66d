package org.patchwork.console.overview.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.patchwork.console.broker.control.Broker;
import org.patchwork.console.broker.control.BrokerRefused;
import org.patchwork.console.pages.boundary.Shown;
import org.patchwork.protocol.oversight.Oversight;

/** {@code index.xhtml}: the broker's overview ({@code GET /api/operations/overview}). */
@Named("overviewPage")
@RequestScoped
public class OverviewPage {

  @Inject Broker broker;

  private Oversight.Overview overview;

  public void load() {
    try {
      overview = broker.get("/api/operations/overview", Oversight.Overview.class);
    } catch (BrokerRefused refused) {
      Shown.refused(refused);
    }
  }

  public boolean isLoaded() {
    return overview != null;
  }

  public Oversight.Overview getOverview() {
    return overview;
  }

  public List<Oversight.CouncilState> getCouncils() {
    return overview == null ? List.of() : overview.councils();
  }

  public long getProblems() {
    return getCouncils().stream()
        .filter(c -> c.state() != Oversight.NodeState.HEALTHY || c.problem() != null)
        .count();
  }

  public String getSummary() {
    long problems = getProblems();
    return problems == 0
        ? "Every council is healthy."
        : problems + " of " + getCouncils().size() + " councils need attention; they come first.";
  }

  /** The state as a person says it. */
  public String state(Oversight.NodeState state) {
    return switch (state) {
      case HEALTHY -> "Healthy";
      case SLOW -> "Slow";
      case DOWN -> "Down";
      case CIRCUIT_OPEN -> "Circuit open";
      case SUSPENDED -> "Suspended";
      case UNKNOWN -> "Not checked yet";
    };
  }

  /** "ANSWERED 12, TIMEOUT 1" or "none". */
  public String counts(Oversight.Window window) {
    if (window == null || window.byStatus() == null || window.byStatus().isEmpty()) {
      return "none";
    }
    return window.byStatus().entrySet().stream()
        .map(Map.Entry::getKey)
        .sorted()
        .map(status -> status.toLowerCase().replace('_', ' ') + " " + window.byStatus().get(status))
        .collect(Collectors.joining(", "));
  }
}
