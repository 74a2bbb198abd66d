package org.patchwork.protocol.query;

/**
 * A target node's signed answer. The broker reads the status for its metadata audit; the matches
 * travel sealed to the requesting node ({@code sealedMatches}, a compact JWE of {@link
 * SealedMatches}), so the broker never learns which services are involved.
 */
public record NodeAnswer(
    String protocol, String queryId, String council, NodeStatus status, String sealedMatches) {}
