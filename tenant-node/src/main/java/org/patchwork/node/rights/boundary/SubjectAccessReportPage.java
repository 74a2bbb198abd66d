package org.patchwork.node.rights.boundary;

import java.util.List;
import org.patchwork.node.rights.control.SubjectAccessReport;

/**
 * The report as a plain HTML page for printing. Every value is escaped: names and purposes come
 * from people and may hold markup.
 */
final class SubjectAccessReportPage {

  private static final String STYLE =
      """
      body { font-family: system-ui, sans-serif; margin: 2rem; color: #111; }
      table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
      th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; }
      dt { font-weight: bold; }
      @media print {
        body { margin: 0; font-size: 10pt; }
        table { page-break-inside: auto; }
        tr { page-break-inside: avoid; }
        thead { display: table-header-group; }
      }
      """;

  private final StringBuilder html = new StringBuilder();

  private SubjectAccessReportPage() {}

  static String render(SubjectAccessReport report) {
    return new SubjectAccessReportPage().page(report);
  }

  private String page(SubjectAccessReport report) {
    SubjectAccessReport.Identity who = report.identity();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Subject-access report</title>\n<style>")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<header>\n<h1>Subject-access report</h1>\n<p>")
        .append(text(report.council()))
        .append(", generated ")
        .append(text(report.generatedAt()))
        .append("</p>\n</header>\n<main>\n");

    html.append("<section>\n<h2>Identity held</h2>\n<dl>\n");
    item("Client id", who.id());
    item("Given names", who.givenNames());
    item("Family name", who.familyName());
    item("Other names", String.join(", ", who.otherNames()));
    item("Date of birth", who.dateOfBirth());
    item("Address", who.address());
    item("Suburb", who.suburb());
    item("Postcode", who.postcode());
    item("Council reference", who.councilReference());
    item("Recorded", who.recordedAt());
    html.append("</dl>\n</section>\n");

    html.append("<section>\n<h2>Consent</h2>\n");
    SubjectAccessReport.ConsentHeld consent = report.consent();
    if (consent == null) {
      html.append("<p>No consent is recorded.</p>\n");
    } else {
      html.append("<dl>\n");
      item("State", consent.state());
      item("How", consent.method());
      item("Recorded by", consent.recordedBy());
      item("Recorded", consent.recordedAt());
      html.append("</dl>\n");
    }
    html.append("</section>\n");

    html.append("<section>\n<h2>Services involved</h2>\n");
    table(
        List.of("Team", "Service", "Role", "Practitioner", "Since", "Until", "Why it ended"),
        report.involvements().stream()
            .map(
                i ->
                    List.<Object>of(
                        i.team(),
                        i.service(),
                        i.role(),
                        orEmpty(i.practitioner()),
                        i.startedOn(),
                        orEmpty(i.endedOn()),
                        orEmpty(i.endReason())))
            .toList());
    html.append("</section>\n");

    html.append("<section>\n<h2>Who accessed these records</h2>\n");
    table(
        List.of("When", "Who", "What", "Why"),
        report.accesses().stream()
            .map(a -> List.<Object>of(a.at(), a.who(), a.action(), orEmpty(a.purpose())))
            .toList());
    html.append("</section>\n</main>\n</body>\n</html>\n");
    return html.toString();
  }

  private void item(String term, Object value) {
    html.append("<dt>")
        .append(text(term))
        .append("</dt><dd>")
        .append(text(value))
        .append("</dd>\n");
  }

  private void table(List<String> headings, List<List<Object>> rows) {
    if (rows.isEmpty()) {
      html.append("<p>None.</p>\n");
      return;
    }
    html.append("<table>\n<thead><tr>");
    headings.forEach(h -> html.append("<th scope=\"col\">").append(text(h)).append("</th>"));
    html.append("</tr></thead>\n<tbody>\n");
    for (List<Object> row : rows) {
      html.append("<tr>");
      row.forEach(cell -> html.append("<td>").append(text(cell)).append("</td>"));
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  private static Object orEmpty(Object value) {
    return value == null ? "" : value;
  }

  static String text(Object value) {
    if (value == null) {
      return "";
    }
    String raw = value.toString();
    StringBuilder escaped = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
