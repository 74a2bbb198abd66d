package org.patchwork.protocol.http;

/**
 * Where the federation's envelopes go. The segments are what JAX-RS resources declare under their
 * application's {@code api} path; the full paths are what a caller appends to a base URL.
 */
public final class FederationRoutes {

  /** Compact JWS or JWE, the body of every federation route. */
  public static final String JOSE = "application/jose";

  /** Every service's REST application lives under this path. */
  public static final String API = "/api/";

  public static final String QUERIES = "queries";
  public static final String NO_OP = "no-op";
  public static final String CONTACT_REQUESTS = "contact-requests";
  public static final String CONTACT_REPLIES = "contact-replies";
  public static final String DIRECTORY = "directory";
  public static final String KEYS = "keys";

  /** The resource at a node that takes what the broker delivers. */
  public static final String NODE_INBOX = "federation";

  public static final String ECHO = "echo";

  // At the broker, sent by nodes.
  public static final String BROKER_QUERIES = API + QUERIES;
  public static final String BROKER_NO_OP = API + QUERIES + "/" + NO_OP;
  public static final String BROKER_CONTACT_REQUESTS = API + CONTACT_REQUESTS;
  public static final String BROKER_CONTACT_REPLIES = API + CONTACT_REPLIES;
  public static final String BROKER_DIRECTORY = API + DIRECTORY;
  public static final String BROKER_DIRECTORY_KEYS = API + DIRECTORY + "/" + KEYS;

  // At a node, sent by the broker.
  public static final String NODE_PREFIX = API + NODE_INBOX + "/";
  public static final String NODE_QUERIES = NODE_PREFIX + QUERIES;
  public static final String NODE_CONTACT_REQUESTS = NODE_PREFIX + CONTACT_REQUESTS;
  public static final String NODE_CONTACT_REPLIES = NODE_PREFIX + CONTACT_REPLIES;
  public static final String NODE_ECHO = NODE_PREFIX + ECHO;

  private FederationRoutes() {}
}
