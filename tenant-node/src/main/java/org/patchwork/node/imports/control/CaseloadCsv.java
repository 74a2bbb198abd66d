package org.patchwork.node.imports.control;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.patchwork.node.consent.entity.ConsentState;
import org.patchwork.node.teams.entity.Sensitivity;
import org.patchwork.protocol.matching.BirthDate;
import org.patchwork.protocol.matching.PersonIdentity;

/**
 * Reads a caseload file: UTF-8 CSV with a header row naming the columns (in any order, any case;
 * others are ignored). Each row is checked on its own, so one bad row never hides the good ones.
 */
public final class CaseloadCsv {

  public static final List<String> COLUMNS =
      List.of(
          "client_ref",
          "given_names",
          "family_name",
          "date_of_birth",
          "postcode",
          "team",
          "practitioner_email",
          "started_on",
          "sensitivity",
          "consent");

  /** The rows that can be imported and those that cannot (a whole file, for small files). */
  public record Parsed(List<CaseloadRow> rows, List<Rejection> rejected) {
    public int total() {
      return rows.size() + rejected.size();
    }
  }

  /** What one pass over a file found: how many rows were good, and the bad ones with reasons. */
  public record Scanned(int good, List<Rejection> rejected) {
    public int total() {
      return good + rejected.size();
    }
  }

  /**
   * No value of a caseload comes near this; a longer one (an unclosed quote, a hostile file) is
   * refused as the reader reaches it, before the parser holds it in memory.
   */
  private static final int MAX_VALUE = 64 * 1024;

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreHeaderCase(true)
          .setIgnoreEmptyLines(true)
          .setTrim(true)
          .get();

  private CaseloadCsv() {}

  /** Reads a whole file held in memory: for small files and tests. */
  public static Parsed read(byte[] file) {
    List<CaseloadRow> rows = new ArrayList<>();
    Scanned scanned = scan(new ByteArrayInputStream(file), rows::add);
    return new Parsed(rows, scanned.rejected());
  }

  /**
   * Reads a file row by row, never holding more than a row: each good row goes to {@code good} as
   * soon as it is checked, and the bad ones are returned with their line numbers. A file that is
   * unreadable part way (bad UTF-8, an unclosed quote) throws only when the reader gets there, so
   * read it once without writing anything before a pass that writes.
   *
   * @throws UnreadableCaseloadException if the bytes are not UTF-8, the CSV is malformed, or the
   *     header row lacks a column
   */
  public static Scanned scan(InputStream file, Consumer<CaseloadRow> good) {
    return scan(file, row -> null, good);
  }

  /**
   * As {@link #scan(InputStream, Consumer)}, with a check that needs more than the row (the
   * council's teams): a row it gives a reason for is rejected with that reason.
   */
  public static Scanned scan(
      InputStream file,
      java.util.function.Function<CaseloadRow, String> check,
      Consumer<CaseloadRow> good) {
    int count = 0;
    List<Rejection> rejected = new ArrayList<>();
    try (LineCountingReader text = new LineCountingReader(withoutByteOrderMark(file));
        CSVParser parser = FORMAT.parse(text)) {
      List<String> header = parser.getHeaderNames().stream().map(CaseloadCsv::lower).toList();
      List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
      if (!missing.isEmpty()) {
        throw new UnreadableCaseloadException(
            "The header row lacks "
                + (missing.size() == 1 ? "the column " : "the columns ")
                + String.join(", ", missing)
                + ". The first line must name the columns: "
                + String.join(",", COLUMNS)
                + ".");
      }
      for (CSVRecord record : parser) {
        int line = text.lineAt(record.getCharacterPosition());
        CaseloadRow row;
        try {
          row = row(line, record, header.size());
        } catch (IllegalArgumentException e) {
          rejected.add(new Rejection(line, e.getMessage()));
          continue;
        }
        String refused = check.apply(row);
        if (refused != null) {
          rejected.add(new Rejection(line, refused));
          continue;
        }
        good.accept(row);
        count++;
      }
    } catch (UncheckedIOException | IOException e) {
      if (e instanceof CharacterCodingException
          || e.getCause() instanceof CharacterCodingException) {
        throw new UnreadableCaseloadException(
            "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and send it again.", e);
      }
      throw new UnreadableCaseloadException(
          "The file is not valid CSV: "
              + e.getMessage()
              + ". Quote values that contain commas or quotes, and close every quote.",
          e);
    } catch (IllegalArgumentException e) {
      // commons-csv refuses a header that names a column twice.
      throw new UnreadableCaseloadException(
          "The header row cannot be read: " + e.getMessage() + ".", e);
    }
    return new Scanned(count, rejected);
  }

  /**
   * Strict UTF-8 (a Latin-1 file is refused, not misread), without the byte order mark that
   * spreadsheets put before "CSV UTF-8".
   */
  private static Reader withoutByteOrderMark(InputStream file) throws IOException {
    PushbackReader reader =
        new PushbackReader(
            new BufferedReader(
                new InputStreamReader(
                    file,
                    StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)),
                64 * 1024));
    int first = reader.read();
    if (first >= 0 && first != '\uFEFF') {
      reader.unread(first);
    }
    return reader;
  }

  /**
   * Checks one row.
   *
   * @throws IllegalArgumentException naming what to fix in the row
   */
  static CaseloadRow row(int line, CSVRecord record, int columns) {
    if (record.size() < columns) {
      throw new IllegalArgumentException(
          "the row has "
              + record.size()
              + " values but the header names "
              + columns
              + " columns: a column is missing");
    }
    List<String> problems = new ArrayList<>();
    String clientRef = text(record, "client_ref", 64, true, problems);
    String given = text(record, "given_names", 300, true, problems);
    String family = text(record, "family_name", 100, true, problems);
    String dob = text(record, "date_of_birth", 10, true, problems);
    String postcode = text(record, "postcode", 4, false, problems);
    String team = text(record, "team", 200, true, problems);
    // Required for now: an involvement without a practitioner fails to insert (EclipseLink binds
    // the
    // null foreign key as varchar, which PostgreSQL refuses for a uuid column).
    String email = text(record, "practitioner_email", 254, true, problems);
    String started = text(record, "started_on", 10, true, problems);
    String sensitivity = text(record, "sensitivity", 20, false, problems);
    String consent = text(record, "consent", 20, false, problems);

    PersonIdentity identity = null;
    if (given != null && family != null && dob != null) {
      try {
        identity =
            new PersonIdentity(
                Arrays.asList(given.split("\\s+")),
                family,
                List.of(),
                BirthDate.parse(dob),
                postcode);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (email != null && !EMAIL.matcher(email).matches()) {
      problems.add("practitioner_email " + email + " is not an e-mail address");
    }
    LocalDate startedOn = started == null ? null : date("started_on", started, problems);
    Sensitivity level = sensitivity(sensitivity, problems);
    ConsentState state = consent(consent, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new CaseloadRow(
        line,
        clientRef,
        identity,
        given.replaceAll("\\s+", " "),
        family,
        team,
        lower(email),
        startedOn,
        level,
        state);
  }

  /** The trimmed value, or null when blank; a problem when required and blank or when hostile. */
  private static String text(
      CSVRecord record, String column, int maxLength, boolean required, List<String> problems) {
    String value = record.get(column);
    if (value == null || value.isBlank()) {
      if (required) {
        problems.add(column + " is missing");
      }
      return null;
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      problems.add(column + " contains a control character (such as a tab or a line break)");
      return null;
    }
    if (value.length() > maxLength) {
      problems.add(
          column + " is too long: " + value.length() + " characters, at most " + maxLength);
      return null;
    }
    return value;
  }

  private static LocalDate date(String column, String value, List<String> problems) {
    try {
      return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
    } catch (DateTimeParseException e) {
      problems.add(column + " " + value + " is not a date that exists: write it as YYYY-MM-DD");
      return null;
    }
  }

  private static Sensitivity sensitivity(String value, List<String> problems) {
    if (value == null) {
      return Sensitivity.STANDARD;
    }
    return switch (lower(value)) {
      case "standard" -> Sensitivity.STANDARD;
      case "restricted" -> Sensitivity.RESTRICTED;
      default -> {
        problems.add("sensitivity " + value + " is unknown: write standard or restricted");
        yield null;
      }
    };
  }

  private static ConsentState consent(String value, List<String> problems) {
    if (value == null) {
      return ConsentState.NOT_ASKED;
    }
    return switch (lower(value)) {
      case "given" -> ConsentState.GIVEN;
      case "not-asked" -> ConsentState.NOT_ASKED;
      case "refused" -> ConsentState.REFUSED;
      case "withdrawn" -> ConsentState.WITHDRAWN;
      default -> {
        problems.add(
            "consent " + value + " is unknown: write given, not-asked, refused or withdrawn");
        yield null;
      }
    };
  }

  private static String lower(String value) {
    return value.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Counts line breaks as the parser reads, so rows are reported where an editor shows them without
   * keeping the text: the parser asks for lines in increasing order, so only the breaks it has read
   * ahead of the current record are remembered.
   */
  private static final class LineCountingReader extends FilterReader {
    private final ArrayDeque<Long> newlines = new ArrayDeque<>();
    private final ArrayDeque<Long> returns = new ArrayDeque<>();
    private long position;
    private int linesBefore;
    private boolean quoted;
    private int valueLength;

    LineCountingReader(Reader in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        note((char) c);
      }
      return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      for (int i = 0; i < n; i++) {
        note(buffer[offset + i]);
      }
      return n;
    }

    private void note(char c) {
      if (c == '\n') {
        newlines.add(position);
      } else if (c == '\r') {
        returns.add(position);
      }
      position++;
      // A doubled quote inside a quoted value toggles twice, so this follows CSV's quoting.
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == ',' || c == '\n' || c == '\r')) {
        valueLength = 0;
        return;
      }
      if (++valueLength > MAX_VALUE) {
        throw new UnreadableCaseloadException(
            "A value on line "
                + (linesBefore + newlines.size() + 1 - (c == '\n' ? 1 : 0))
                + " is longer than 64 KB (an unclosed quote?). Close every quote, and keep"
                + " each value short.");
      }
    }

    /** The line (1 = the header) of a record starting at this character position. */
    int lineAt(long recordStart) {
      // A record's start lies before the blank lines the parser skipped to reach it.
      long start = recordStart;
      while (true) {
        while (!newlines.isEmpty() && newlines.peek() < start) {
          newlines.poll();
          linesBefore++;
        }
        while (!returns.isEmpty() && returns.peek() < start) {
          returns.poll();
        }
        if ((!newlines.isEmpty() && newlines.peek() == start)
            || (!returns.isEmpty() && returns.peek() == start)) {
          start++;
        } else {
          return linesBefore + 1;
        }
      }
    }
  }
}
