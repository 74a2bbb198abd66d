package org.patchwork.protocol.query;

import java.time.LocalDate;

/**
 * One involvement as another council may see it. A restricted involvement carries only {@code
 * restricted=true} and an opaque {@code handle} for a contact request: no service, team, contact or
 * start date.
 *
 * @param grade {@code certain}, {@code probable} or {@code possible}; never a score
 * @param since when the involvement started
 */
public record MatchView(
    String grade,
    String service,
    String team,
    String contact,
    LocalDate since,
    boolean restricted,
    String handle) {

  public static MatchView restricted(String grade, String handle) {
    return new MatchView(grade, null, null, null, null, true, handle);
  }
}
