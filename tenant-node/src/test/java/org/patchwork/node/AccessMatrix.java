package org.patchwork.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Who gets which status from which endpoint. Each row is tried for every caller in {@link Caller}'s
 * order, refusals first, so that a success changing state comes after the refusals.
 */
final class AccessMatrix {

  /** The kinds of caller the node tells apart. */
  enum Caller {
    NO_TOKEN,
    OTHER_COUNCIL,
    /** Signed in for the first time, waiting for a council admin's approval. */
    PENDING,
    /** Approved once, then suspended by a council admin. */
    SUSPENDED,
    PRACTITIONER_OUTSIDE_TEAM,
    GATEKEEPER_OUTSIDE_TEAM,
    COUNCIL_ADMIN,
    PRACTITIONER_IN_TEAM
  }

  /** One endpoint, with the status each caller expects; a missing caller is tried elsewhere. */
  record Row(String method, String path, Supplier<String> body, Map<Caller, Integer> expected) {}

  private final List<Row> rows = new ArrayList<>();

  /**
   * Expected statuses in the order practitioner in the team, practitioner outside it, gatekeeper
   * outside it, council admin; no token and another council's token are always 401, and a pending
   * or suspended practitioner always 403 (unless the row is {@link #openWhileWaiting()}).
   */
  AccessMatrix row(
      String method,
      String path,
      Supplier<String> body,
      Integer inTeam,
      Integer outsideTeam,
      Integer gatekeeper,
      Integer admin) {
    Map<Caller, Integer> expected = new LinkedHashMap<>();
    expected.put(Caller.NO_TOKEN, 401);
    expected.put(Caller.OTHER_COUNCIL, 401);
    expected.put(Caller.PENDING, 403);
    expected.put(Caller.SUSPENDED, 403);
    put(expected, Caller.PRACTITIONER_OUTSIDE_TEAM, outsideTeam);
    put(expected, Caller.GATEKEEPER_OUTSIDE_TEAM, gatekeeper);
    put(expected, Caller.COUNCIL_ADMIN, admin);
    put(expected, Caller.PRACTITIONER_IN_TEAM, inTeam);
    rows.add(new Row(method, path, body, expected));
    return this;
  }

  /**
   * A route whose answers to approved callers other rows or tests cover: here only that no token,
   * another council's token, a pending and a suspended practitioner are refused.
   */
  AccessMatrix refusedToTheWaiting(String method, String path, Supplier<String> body) {
    return row(method, path, body, null, null, null, null);
  }

  /** The last row is one a practitioner may use while waiting: who am I, my own details. */
  AccessMatrix openWhileWaiting(int status) {
    Row last = rows.get(rows.size() - 1);
    last.expected().put(Caller.PENDING, status);
    last.expected().put(Caller.SUSPENDED, status);
    return this;
  }

  private static void put(Map<Caller, Integer> expected, Caller caller, Integer status) {
    if (status != null) {
      expected.put(caller, status);
    }
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }
}
