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
