package org.patchwork.edge.database;

import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings a service's schema up to date from the Flyway migrations in its own WAR ({@code
 * db/migration}). Each service calls it from its startup singleton, which also defines the data
 * source under {@link #DATA_SOURCE}.
 */
public final class SchemaMigrations {

  /** Where each WAR defines its data source ({@code @DataSourceDefinition}). */
  public static final String DATA_SOURCE = "java:app/jdbc/patchwork";

  private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

  private SchemaMigrations() {}

  /** Applies what is pending; {@code migrations} is the loader that sees the WAR's scripts. */
  public static void apply(DataSource dataSource, ClassLoader migrations) {
    var result =
        Flyway.configure(migrations)
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    LOG.info(
        () ->
            "Schema at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied now)");
  }
}
