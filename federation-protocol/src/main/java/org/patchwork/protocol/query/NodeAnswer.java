package org.patchwork.protocol.query;

/**
 * A target node's answer, authenticated to the broker with their pair key. It says nothing about
 * the client in clear: the council's status and its matches travel only sealed to the requesting
 * node ({@code sealedMatches}, a compact JWE of {@link SealedMatches} under the pair key of target
 * and requester, padded to a fixed size), so the broker learns only that the council answered,
 * never whether it knows the person, and cannot alter the answer.
 */
public record NodeAnswer(String protocol, String queryId, String council, String sealedMatches) {}
