package org.patchwork.node.pages.boundary;

/** A choice in a list on a page: the value sent and the words shown. */
public record Choice(String value, String label) {}
