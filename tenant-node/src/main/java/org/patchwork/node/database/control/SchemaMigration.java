package org.patchwork.node.database.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.patchwork.edge.database.SchemaMigrations;

/**
 * Brings the council's schema up to date before the node serves anything. The data source reads its
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
    maxPoolSize = 32,
    // stringType=unspecified: EclipseLink binds a null UUID (e.g. an unset foreign key) as
    // varchar, which PostgreSQL refuses for a uuid column; untyped strings let the server infer
    // the column's type. reWriteBatchedInserts: turns JDBC insert batches into multi-row inserts,
    // since a caseload import writes ~20 match keys per client and row-by-row round trips would
    // dominate it.
    properties = {"stringType=unspecified", "reWriteBatchedInserts=true"})
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
    claimForThisCouncil();
  }

  /**
   * A database holds one council's data. The first start records which council; a node configured
   * for another council refuses to start on it rather than mix two councils' clients.
   */
  private void claimForThisCouncil() {
    Config config = ConfigProvider.getConfig();
    String councilId = config.getValue("patchwork.council.id", String.class);
    String councilName = config.getValue("patchwork.council.name", String.class);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement claim =
            connection.prepareStatement(
                "insert into council (id, name) select ?, ? where not exists (select 1 from"
                    + " council)");
        PreparedStatement owners = connection.prepareStatement("select id from council")) {
      claim.setString(1, councilId);
      claim.setString(2, councilName);
      claim.executeUpdate();
      try (ResultSet rows = owners.executeQuery()) {
        while (rows.next()) {
          if (!councilId.equals(rows.getString(1))) {
            throw new IllegalStateException(
                "This database belongs to council '"
                    + rows.getString(1)
                    + "', not '"
                    + councilId
                    + "': point DB_URL at "
                    + councilId
                    + "'s own database.");
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot record the council's identity: " + e.getMessage(), e);
    }
  }
}
