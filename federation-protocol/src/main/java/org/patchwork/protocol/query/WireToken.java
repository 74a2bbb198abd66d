package org.patchwork.protocol.query;

/** A match token as it travels: the key kind's name and the HMAC, base64url. */
public record WireToken(String kind, String value) {}
