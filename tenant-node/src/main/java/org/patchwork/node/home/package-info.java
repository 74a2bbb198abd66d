/**
 * The home page: a practitioner's clients, alerts and contact requests at a glance. It sits on top
 * of the components it gathers from, so that {@code pages} stays what every page may use.
 */
package org.patchwork.node.home;
