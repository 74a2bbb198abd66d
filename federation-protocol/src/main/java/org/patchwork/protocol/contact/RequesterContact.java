package org.patchwork.protocol.contact;

/**
 * Who asks and how to reach them, for the gatekeeper's eyes only: a practitioner's work contact,
 * never anything about the client.
 */
public record RequesterContact(String name, String team, String callbackRoute) {}
