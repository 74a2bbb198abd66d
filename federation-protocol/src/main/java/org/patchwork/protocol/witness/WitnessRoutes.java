package org.patchwork.protocol.witness;

import org.patchwork.protocol.http.FederationRoutes;

/** Where nodes send checkpoints to the broker's witness, and ask it for the latest it holds. */
public final class WitnessRoutes {

  public static final String CHECKPOINTS = "witness/checkpoints";
  public static final String LATEST = "witness/latest";

  public static final String BROKER_CHECKPOINTS = FederationRoutes.API + CHECKPOINTS;
  public static final String BROKER_LATEST = FederationRoutes.API + LATEST;

  private WitnessRoutes() {}
}
