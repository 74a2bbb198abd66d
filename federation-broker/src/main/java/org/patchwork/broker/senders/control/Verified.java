package org.patchwork.broker.senders.control;

import org.patchwork.broker.nodes.control.RegisteredNode;

/** An envelope whose signature, sender and form checked out, with the node that sent it. */
public record Verified<T>(T value, RegisteredNode sender, String compact) {}
