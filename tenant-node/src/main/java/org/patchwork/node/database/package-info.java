/** The council's own PostgreSQL: its data source, schema migrations and readiness. */
package org.patchwork.node.database;
