package org.patchwork.broker.database.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import javax.sql.DataSource;
import org.patchwork.edge.database.SchemaMigrations;

/**
 * Brings the broker's schema up to date before it serves anything. The data source reads its
 * settings from the environment (DB_URL, DB_USER, DB_PASSWORD) because Payara resolves them before
 * the application's own configuration exists.
 */
@DataSourceDefinition(
    name = SchemaMigration.DATA_SOURCE,
    className = "org.postgresql.ds.PGSimpleDataSource",
    url = "${MPCONFIG=db.url}",
    user = "${MPCONFIG=db.user}",
    password = "${MPCONFIG=db.password}",
    minPoolSize = 2,
    maxPoolSize = 32)
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

  public static final String DATA_SOURCE = SchemaMigrations.DATA_SOURCE;

  @Resource(lookup = DATA_SOURCE)
  DataSource dataSource;

  @PostConstruct
  void migrate() {
    SchemaMigrations.apply(dataSource, SchemaMigration.class.getClassLoader());
  }
}
