package org.patchwork.broker.senders.control;

import java.util.regex.Pattern;

/**
 * What the broker accepts in the fields it reads and writes to its audit: ids and codes only, so a
 * hostile or careless sender cannot smuggle a name into the broker's database or logs.
 */
public final class EnvelopeFields {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
  private static final Pattern COUNCIL = Pattern.compile("[a-z][a-z0-9-]{1,39}");
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,59}");

  private EnvelopeFields() {}

  public static String id(String field, String value) throws Refused {
    return matching(field, value, ID);
  }

  public static String council(String field, String value) throws Refused {
    return matching(field, value, COUNCIL);
  }

  public static String code(String field, String value) throws Refused {
    return matching(field, value, CODE);
  }

  private static String matching(String field, String value, Pattern pattern) throws Refused {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new Refused(
          RefusalReason.MALFORMED, field + " is missing or not of the form " + pattern.pattern());
    }
    return value;
  }
}
