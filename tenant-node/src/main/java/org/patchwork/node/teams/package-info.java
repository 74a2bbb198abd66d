/**
 * Services and teams of the council and its partners (youth services, maternal and child health,
 * police, schools, health, charities): how to reach them, and whether they are restricted.
 */
package org.patchwork.node.teams;
