package org.patchwork.console.traffic.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.patchwork.console.broker.control.Broker;
import org.patchwork.console.broker.control.BrokerRefused;
import org.patchwork.console.broker.control.Federation;
import org.patchwork.console.traffic.control.TrafficCsv;
import org.patchwork.console.traffic.control.TrafficFilter;

/** {@code /traffic.csv}: what the traffic page shows for the same filters, as CSV. */
@WebServlet("/traffic.csv")
public class TrafficExport extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject Broker broker;

  /** The log since the filter's start (the broker's at most 1,000 newest), filtered. */
  static List<Federation.LogEntry> entries(Broker broker, TrafficFilter filter) {
    List<Federation.LogEntry> all =
        broker.get(
            "/api/queries/log?since="
                + URLEncoder.encode(
                    DateTimeFormatter.ISO_INSTANT.format(filter.since()), StandardCharsets.UTF_8),
            Broker.listOf(Federation.LogEntry.class));
    return all.stream().filter(filter::matches).toList();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    TrafficFilter filter =
        new TrafficFilter(
            request.getParameter("council"),
            request.getParameter("purpose"),
            request.getParameter("basis"),
            request.getParameter("outcome"),
            request.getParameter("from"),
            request.getParameter("to"));
    List<Federation.LogEntry> entries;
    try {
      entries = entries(broker, filter);
    } catch (BrokerRefused refused) {
      response.sendError(
          refused.status() == 0 ? HttpServletResponse.SC_BAD_GATEWAY : refused.status(),
          refused.getMessage());
      return;
    }
    response.setContentType("text/csv; charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"patchwork-traffic.csv\"");
    TrafficCsv.write(entries, response.getWriter());
  }
}
