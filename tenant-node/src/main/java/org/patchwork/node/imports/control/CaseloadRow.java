package org.patchwork.node.imports.control;

import java.time.LocalDate;
import org.patchwork.node.consent.entity.ConsentState;
import org.patchwork.node.teams.entity.Sensitivity;
import org.patchwork.protocol.matching.PersonIdentity;

/**
 * One checked row of a caseload file: a client, the team and practitioner involved with them since
 * a date, and the client's consent.
 *
 * @param line the row's line in the file, the header being line 1
 * @param clientRef the council's own reference, which identifies the client across imports
 * @param practitionerEmail lower case
 */
public record CaseloadRow(
    int line,
    String clientRef,
    PersonIdentity identity,
    String givenNames,
    String familyName,
    String team,
    String practitionerEmail,
    LocalDate startedOn,
    Sensitivity sensitivity,
    ConsentState consent) {}
