package org.patchwork.protocol.contact;

/** What a gatekeeper chose to share: the service and how to reach it. */
public record SharedContact(String service, String team, String contact) {}
