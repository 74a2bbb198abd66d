package org.patchwork.protocol.query;

/**
 * A target node's answer, authenticated to the broker with their pair key. The broker reads the
 * status for its metadata audit; the status again and the matches travel sealed to the requesting
 * node ({@code sealedMatches}, a compact JWE of {@link SealedMatches} under the pair key of target
 * and requester), so the broker never learns which services are involved and cannot alter them.
 */
public record NodeAnswer(
    String protocol, String queryId, String council, NodeStatus status, String sealedMatches) {}
