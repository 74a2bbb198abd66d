package org.patchwork.systemtests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.patchwork.stack.Council;

/** Reads a council node's own database, with the credentials the launcher gave that node. */
final class NodeDatabase {

  private final Map<String, String> settings;

  private NodeDatabase(Map<String, String> settings) {
    this.settings = settings;
  }

  static NodeDatabase of(RunningFederation.Federation federation, String council) {
    return new NodeDatabase(federation.stack().nodeSettings(Council.byId(council)));
  }

  /**
   * The broker's database, for the tests that play a compromised broker or operator: what they
   * write there is what an attacker with the broker's database could write.
   */
  static NodeDatabase broker(RunningFederation.Federation federation) {
    return new NodeDatabase(federation.stack().brokerSettings());
  }

  /** Runs one statement with positional parameters; the rows it changed. */
  int update(String sql, Object... parameters) {
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new AssertionError("Cannot write the database: " + e.getMessage(), e);
    }
  }

  /** The first column of the first row a query returns, or null. */
  Object single(String sql, Object... parameters) {
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getObject(1) : null;
      }
    } catch (SQLException e) {
      throw new AssertionError("Cannot read the database: " + e.getMessage(), e);
    }
  }

  /** The refusals audited since {@code since}: "kind: reason" of each FEDERATION_REFUSED. */
  List<String> refusalsSince(Instant since) {
    try (Connection connection = connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "select subject_type, purpose from audit_record where recorded_at >= ?"
                    + " and action = 'FEDERATION_REFUSED' order by seq")) {
      statement.setTimestamp(1, Timestamp.from(since));
      List<String> refusals = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          refusals.add(rows.getString(1) + ": " + rows.getString(2));
        }
      }
      return refusals;
    } catch (SQLException e) {
      throw new AssertionError("Cannot read the node's audit: " + e.getMessage(), e);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(
        settings.get("db.url"), settings.get("db.user"), settings.get("db.password"));
  }

  /** The actions of the audit records written since {@code since}, oldest first. */
  List<String> auditActionsSince(Instant since) {
    try (Connection connection =
            DriverManager.getConnection(
                settings.get("db.url"), settings.get("db.user"), settings.get("db.password"));
        PreparedStatement statement =
            connection.prepareStatement(
                "select action from audit_record where recorded_at >= ? order by seq")) {
      statement.setTimestamp(1, Timestamp.from(since));
      List<String> actions = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          actions.add(rows.getString(1));
        }
      }
      return actions;
    } catch (SQLException e) {
      throw new AssertionError("Cannot read the node's audit: " + e.getMessage(), e);
    }
  }

  /**
   * The reasons of the unauthenticated federation refusals logged since {@code since} (the bounded
   * log outside the audit chain), oldest first.
   */
  List<String> unauthenticatedRefusalsSince(Instant since) {
    try (Connection connection =
            DriverManager.getConnection(
                settings.get("db.url"), settings.get("db.user"), settings.get("db.password"));
        PreparedStatement statement =
            connection.prepareStatement(
                "select reason from inbound_refusal where refused_at >= ? order by id")) {
      statement.setTimestamp(1, Timestamp.from(since));
      List<String> reasons = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          reasons.add(rows.getString(1));
        }
      }
      return reasons;
    } catch (SQLException e) {
      throw new AssertionError("Cannot read the node's refusal log: " + e.getMessage(), e);
    }
  }
}
