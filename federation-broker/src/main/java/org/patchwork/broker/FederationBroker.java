package org.patchwork.broker;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The broker's REST API: operators (federation realm) and council admins (their council's realm)
 * with bearer tokens; the signed directory is public.
 */
@ApplicationScoped
@ApplicationPath("api")
@DeclareRoles({FederationBroker.OPERATOR, FederationBroker.AUDITOR, FederationBroker.COUNCIL_ADMIN})
public class FederationBroker extends Application {

  public static final String OPERATOR = "operator";
  public static final String COUNCIL_ADMIN = "council-admin";

  /** Reads what operators read (the console's pages), changes nothing. */
  public static final String AUDITOR = "auditor";
}
