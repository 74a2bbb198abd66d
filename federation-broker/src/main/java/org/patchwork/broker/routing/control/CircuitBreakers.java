package org.patchwork.broker.routing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A breaker per node (see {@link CircuitBreaker} for why not MicroProfile Fault Tolerance). */
@ApplicationScoped
public class CircuitBreakers {

  @Inject
  @ConfigProperty(name = "patchwork.broker.circuit.failure-threshold", defaultValue = "5")
  int threshold;

  @Inject
  @ConfigProperty(name = "patchwork.broker.circuit.open-for", defaultValue = "PT30S")
  Duration openFor;

  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  CircuitBreaker of(String council) {
    return breakers.computeIfAbsent(
        council, c -> new CircuitBreaker(threshold, openFor, Clock.systemUTC()));
  }

  /** Whether the node's breaker is open now (the overview shows it); never creates a breaker. */
  public boolean isOpen(String council) {
    CircuitBreaker breaker = breakers.get(council);
    return breaker != null && breaker.state() == CircuitBreaker.State.OPEN;
  }
}
