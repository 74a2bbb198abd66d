package org.patchwork.node.pages.boundary;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates and times as people read them on the pages (the council's time zone, no seconds). */
public final class Shown {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.forLanguageTag("en-AU"));
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy, h:mm a", Locale.forLanguageTag("en-AU"));
  private static final ZoneId COUNCIL_TIME = ZoneId.of("Australia/Melbourne");

  private Shown() {}

  public static String date(LocalDate date) {
    return date == null ? "" : DATE.format(date);
  }

  public static String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant.atZone(COUNCIL_TIME));
  }

  /** A birth date, or the year alone when that is all that is known. */
  public static String birth(String wireValue) {
    if (wireValue == null || wireValue.length() != 10) {
      return wireValue == null ? "" : wireValue + " (year only)";
    }
    return date(LocalDate.parse(wireValue));
  }
}
