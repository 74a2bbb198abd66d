package org.patchwork.protocol.envelope;

import java.time.Instant;

/**
 * What the broker sends a node: another party's envelope, wrapped for one target and authenticated
 * with the pair key broker and target share. The target checks the wrapper and then the sender
 * itself (a contact request's signature; a query's tokens, sealed with the pair key of requester
 * and target), so a node only acts on what a known node sent and the broker routed to it, and a
 * broker cannot invent a query.
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
