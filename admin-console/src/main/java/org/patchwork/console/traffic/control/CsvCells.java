package org.patchwork.console.traffic.control;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV cells a spreadsheet will not run: a field beginning with {@code =}, {@code +}, {@code -},
 * {@code @} (or a tab or carriage return, which some spreadsheets skip before reading a formula) is
 * prefixed with an apostrophe, so that it is read as text (issue 12, item 8; OWASP's CSV injection
 * advice). Every field is then quoted by RFC 4180's rules.
 */
public final class CsvCells {

  private CsvCells() {}

  /** The value as text a spreadsheet will not evaluate. */
  public static String neutralised(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    char first = value.charAt(0);
    return first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r'
        ? "'" + value
        : value;
  }

  /** One CSV line (ending in CRLF) of neutralised, quoted fields. */
  public static String line(List<String> fields) {
    return fields.stream()
            .map(CsvCells::neutralised)
            .map(field -> "\"" + field.replace("\"", "\"\"") + "\"")
            .collect(Collectors.joining(","))
        + "\r\n";
  }
}
