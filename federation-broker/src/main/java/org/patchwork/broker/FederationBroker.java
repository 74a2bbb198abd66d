package org.patchwork.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The broker's REST API. */
@ApplicationScoped
@ApplicationPath("api")
public class FederationBroker extends Application {}
