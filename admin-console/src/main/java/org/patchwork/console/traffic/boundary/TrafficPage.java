package org.patchwork.console.traffic.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.patchwork.console.broker.control.Broker;
import org.patchwork.console.broker.control.BrokerRefused;
import org.patchwork.console.broker.control.Federation;
import org.patchwork.console.pages.boundary.Shown;
import org.patchwork.console.traffic.control.Charts;
import org.patchwork.console.traffic.control.TrafficFilter;
import org.patchwork.protocol.oversight.Oversight;

/** {@code traffic.xhtml}: the filtered metadata log and the charts of the last 14 days. */
@Named("trafficPage")
@RequestScoped
public class TrafficPage {

  static final int DAYS = 14;

  /**
   * Log entries shown on the page, newest first: a screenful or two, with a link to the older ones
   * (the CSV has up to {@link TrafficExport#MAX_ROWS}).
   */
  static final int SHOWN = 50;

  @Inject Broker broker;

  private String council;
  private String purpose;
  private String basis;
  private String outcome;
  private String from;
  private String to;
  private String before;

  private List<Federation.LogEntry> entries = List.of();
  private List<Oversight.TrafficDay> traffic = List.of();
  private List<String> councils = List.of();

  public void load() {
    try {
      // Three independent reads, asked at once: the page waits for the slowest, not the sum.
      Broker.Pending<List<Federation.LogEntry>> log =
          broker.getLater(filter().logQuery(SHOWN), Broker.listOf(Federation.LogEntry.class));
      Broker.Pending<List<Oversight.TrafficDay>> days =
          broker.getLater(
              "/api/operations/traffic?days=" + DAYS, Broker.listOf(Oversight.TrafficDay.class));
      Broker.Pending<List<Federation.NodeView>> nodes =
          broker.getLater("/api/nodes", Broker.listOf(Federation.NodeView.class));
      entries = log.get();
      traffic = days.get();
      councils = nodes.get().stream().map(Federation.NodeView::councilId).toList();
    } catch (BrokerRefused refused) {
      Shown.refused(refused);
    }
  }

  TrafficFilter filter() {
    return new TrafficFilter(council, purpose, basis, outcome, from, to, before);
  }

  /** The next page of the same filters, from just before the oldest entry shown; or null. */
  public String getOlderLink() {
    if (entries.size() < SHOWN) {
      return null;
    }
    return "traffic.xhtml?"
        + filter().olderThan(entries.get(entries.size() - 1).receivedAt()).pageQuery();
  }

  /** The CSV link: the same filters. */
  public String getCsvLink() {
    return "traffic.csv?" + filter().pageQuery();
  }

  public String getVolumeChart() {
    return Charts.lines(
        "volume-chart",
        "Questions per day per council pair, last " + DAYS + " days",
        "One line per asking council and asked council; the table below gives the numbers.",
        days(),
        series(day -> day.questions()),
        "questions");
  }

  public String getLatencyChart() {
    return Charts.lines(
        "latency-chart",
        "95th percentile answer time per day per council pair, last " + DAYS + " days",
        "One line per asking council and asked council, in milliseconds; the table below gives"
            + " the numbers.",
        days(),
        series(day -> day.p95Millis() == null ? 0L : day.p95Millis()),
        "ms");
  }

  /** The legend: each pair with its line's colour, in the chart's order. */
  public List<Map.Entry<String, String>> getLegend() {
    List<Map.Entry<String, String>> legend = new ArrayList<>();
    int i = 0;
    for (String pair : series(day -> day.questions()).keySet()) {
      legend.add(Map.entry(pair, Charts.colour(i++)));
    }
    return legend;
  }

  private List<LocalDate> days() {
    LocalDate today = LocalDate.now(java.time.ZoneId.of("Australia/Melbourne"));
    List<LocalDate> days = new ArrayList<>();
    for (int i = DAYS - 1; i >= 0; i--) {
      days.add(today.minusDays(i));
    }
    return days;
  }

  private SortedMap<String, Map<LocalDate, Long>> series(
      java.util.function.ToLongFunction<Oversight.TrafficDay> value) {
    SortedMap<String, Map<LocalDate, Long>> series = new TreeMap<>();
    for (Oversight.TrafficDay day : traffic) {
      series
          .computeIfAbsent(pair(day), k -> new TreeMap<>())
          .merge(day.day(), value.applyAsLong(day), Long::sum);
    }
    return series;
  }

  public static String pair(Oversight.TrafficDay day) {
    return day.requester() + " → " + day.target();
  }

  public List<String> getOutcomes() {
    return List.of("ANSWERED", "REFUSED", "THROTTLED", "RELAYED", "FAILED");
  }

  public List<String> getPurposes() {
    TreeSet<String> purposes = new TreeSet<>(List.of("youth-services", "maternal-child-health"));
    purposes.add("safeguarding");
    return List.copyOf(purposes);
  }

  public List<String> getCouncils() {
    return councils;
  }

  public int getShown() {
    return SHOWN;
  }

  public List<Federation.LogEntry> getEntries() {
    return entries;
  }

  public List<Oversight.TrafficDay> getTraffic() {
    return traffic;
  }

  /** "yarra answered in 120 ms, wyndham not asked". */
  public String asked(Federation.LogEntry entry) {
    if (entry.nodes() == null || entry.nodes().isEmpty()) {
      return entry.targetCouncil() == null ? "" : entry.targetCouncil();
    }
    return String.join(
        ", ",
        entry.nodes().stream()
            .map(
                n ->
                    n.council()
                        + " "
                        + n.status().toLowerCase().replace('_', ' ')
                        + ("NOT_ASKED".equals(n.status())
                            ? ""
                            : " in " + n.elapsedMillis() + " ms"))
            .toList());
  }

  public String getCouncil() {
    return council;
  }

  public void setCouncil(String council) {
    this.council = council;
  }

  public String getPurpose() {
    return purpose;
  }

  public void setPurpose(String purpose) {
    this.purpose = purpose;
  }

  public String getBasis() {
    return basis;
  }

  public void setBasis(String basis) {
    this.basis = basis;
  }

  public String getOutcome() {
    return outcome;
  }

  public void setOutcome(String outcome) {
    this.outcome = outcome;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  public String getBefore() {
    return before;
  }

  public void setBefore(String before) {
    this.before = before;
  }
}
