package org.patchwork.console.traffic.control;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;
import org.patchwork.console.broker.control.Federation;

/** The metadata log as CSV: one line per routed, relayed, refused or throttled envelope. */
public final class TrafficCsv {

  static final List<String> HEADER =
      List.of(
          "receivedAt",
          "kind",
          "id",
          "correlationId",
          "requesterCouncil",
          "requesterRef",
          "targetCouncil",
          "purpose",
          "legalBasis",
          "outcome",
          "reason",
          "httpStatus",
          "partial",
          "elapsedMillis",
          "councilsAsked");

  private TrafficCsv() {}

  public static void write(List<Federation.LogEntry> entries, Writer out) throws IOException {
    out.write(CsvCells.line(HEADER));
    for (Federation.LogEntry e : entries) {
      out.write(
          CsvCells.line(
              java.util.Arrays.asList(
                  String.valueOf(e.receivedAt()),
                  e.kind(),
                  e.id(),
                  e.correlationId(),
                  e.requesterCouncil(),
                  e.requesterRef(),
                  e.targetCouncil(),
                  e.purpose(),
                  e.legalBasis(),
                  e.outcome(),
                  e.reason(),
                  Integer.toString(e.httpStatus()),
                  e.partial() == null ? "" : e.partial().toString(),
                  Long.toString(e.elapsedMillis()),
                  e.nodes() == null
                      ? ""
                      : e.nodes().stream()
                          .map(n -> n.council() + ":" + n.status() + ":" + n.elapsedMillis())
                          .collect(Collectors.joining(" ")))));
    }
  }
}
