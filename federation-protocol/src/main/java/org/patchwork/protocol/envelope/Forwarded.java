package org.patchwork.protocol.envelope;

import java.time.Instant;

/**
 * What the broker sends a node: another party's signed envelope, wrapped and signed by the broker
 * for one target. The target checks both signatures, so a node only acts on what a known node sent
 * and the broker routed to it, and a broker cannot invent a query.
 *
 * @param kind {@code query}, {@code contact-request} or {@code contact-reply}
 * @param target the council the broker routed it to; a node refuses one addressed to another
 * @param envelope the sending party's compact JWS, unchanged
 */
public record Forwarded(
    String protocol, String kind, String target, String envelope, Instant forwardedAt) {

  public static final String QUERY = "query";
  public static final String CONTACT_REQUEST = "contact-request";
  public static final String CONTACT_REPLY = "contact-reply";
}
