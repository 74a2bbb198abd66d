/**
 * What the node's and the broker's own PostgreSQL have in common: the data source's name, running
 * the WAR's Flyway migrations, readiness, and Instant columns. Each WAR defines the data source and
 * keeps its migrations.
 */
package org.patchwork.edge.database;
