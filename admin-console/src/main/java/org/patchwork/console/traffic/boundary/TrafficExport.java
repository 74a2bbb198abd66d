package org.patchwork.console.traffic.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.patchwork.console.broker.control.Broker;
import org.patchwork.console.broker.control.BrokerRefused;
import org.patchwork.console.broker.control.Federation;
import org.patchwork.console.traffic.control.TrafficCsv;
import org.patchwork.console.traffic.control.TrafficFilter;

/** {@code /traffic.csv}: what the traffic page shows for the same filters, as CSV. */
@WebServlet("/traffic.csv")
public class TrafficExport extends HttpServlet {

  /** The broker's own maximum per request. */
  static final int MAX_ROWS = 1000;

  private static final long serialVersionUID = 1L;

  @Inject Broker broker;

  /** The newest {@code limit} entries the broker holds for this filter (it filters, not we). */
  static List<Federation.LogEntry> entries(Broker broker, TrafficFilter filter, int limit) {
    return broker.get(filter.logQuery(limit), Broker.listOf(Federation.LogEntry.class));
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
            request.getParameter("to"),
            request.getParameter("before"));
    List<Federation.LogEntry> entries;
    try {
      entries = entries(broker, filter, MAX_ROWS);
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
