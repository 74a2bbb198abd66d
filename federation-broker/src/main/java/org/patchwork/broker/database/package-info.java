/**
 * The broker's own PostgreSQL (routing metadata, never client data): its data source, schema
 * migrations and readiness.
 */
package org.patchwork.broker.database;
