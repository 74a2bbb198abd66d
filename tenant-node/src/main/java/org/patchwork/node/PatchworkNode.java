package org.patchwork.node;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The council's REST API; every resource under /api takes the council realm's bearer tokens. */
@ApplicationScoped
@ApplicationPath("api")
@DeclareRoles({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER, PatchworkNode.COUNCIL_ADMIN})
public class PatchworkNode extends Application {

  public static final String PRACTITIONER = "practitioner";
  public static final String GATEKEEPER = "gatekeeper";
  public static final String COUNCIL_ADMIN = "council-admin";
}
