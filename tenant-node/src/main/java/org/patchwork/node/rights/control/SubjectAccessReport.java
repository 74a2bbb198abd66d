package org.patchwork.node.rights.control;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Everything this council holds about one client, and every recorded access to it. */
public record SubjectAccessReport(
    String council,
    Instant generatedAt,
    Identity identity,
    List<InvolvementHeld> involvements,
    ConsentHeld consent,
    List<Access> accesses) {

  public record Identity(
      UUID id,
      String givenNames,
      String familyName,
      List<String> otherNames,
      String dateOfBirth,
      String address,
      String suburb,
      String postcode,
      String councilReference,
      Instant recordedAt) {}

  public record InvolvementHeld(
      String team,
      String service,
      String role,
      String practitioner,
      LocalDate startedOn,
      LocalDate endedOn,
      String endReason,
      Instant lastActivityAt) {}

  /** Who recorded the client's current consent state, when and how. */
  public record ConsentHeld(String state, String method, String recordedBy, Instant recordedAt) {}

  /** One audited access: who, when, what and why. */
  public record Access(long seq, Instant at, String who, String action, String purpose) {}
}
