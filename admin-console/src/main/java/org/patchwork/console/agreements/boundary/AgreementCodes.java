package org.patchwork.console.agreements.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The purposes and services the draft form offers. Configuration lives here, not in the view-scoped
 * page: a config value injected into a passivating bean fails the deployment (WELD-001413).
 */
@ApplicationScoped
public class AgreementCodes {

  @Inject
  @ConfigProperty(
      name = "patchwork.console.purposes",
      defaultValue = "youth-services,maternal-child-health,safeguarding")
  String purposes;

  @Inject
  @ConfigProperty(
      name = "patchwork.console.services",
      defaultValue = "youth-services,maternal-child-health,police,school,health,charity,other")
  String services;

  public List<String> purposes() {
    return codes(purposes);
  }

  public List<String> services() {
    return codes(services);
  }

  private static List<String> codes(String list) {
    return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
