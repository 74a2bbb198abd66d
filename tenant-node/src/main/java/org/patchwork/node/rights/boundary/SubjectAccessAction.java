package org.patchwork.node.rights.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.pages.boundary.Feedback;
import org.patchwork.node.pages.control.InTransaction;
import org.patchwork.node.rights.control.SubjectAccessReport;
import org.patchwork.node.rights.control.SubjectAccessReports;

/**
 * A council admin produces a client's subject-access report from the client's page: the same
 * printable page the API serves, answered to the form post so that no client id enters a URL.
 */
@Named("subjectAccess")
@RequestScoped
public class SubjectAccessAction {

  @Inject SubjectAccessReports reports;

  @Inject InTransaction tx;

  @Inject SecurityContext security;

  public void produce(String clientRef) throws IOException {
    if (!security.isCallerInRole(PatchworkNode.COUNCIL_ADMIN)) {
      Feedback.page("Only a council admin can produce this report.");
      return;
    }
    UUID id;
    try {
      id = UUID.fromString(clientRef);
    } catch (IllegalArgumentException | NullPointerException e) {
      Feedback.page("There is no such client.");
      return;
    }
    String by = security.getCallerPrincipal().getName();
    Optional<SubjectAccessReport> report = tx.get(() -> reports.about(id, by));
    if (report.isEmpty()) {
      Feedback.page("There is no such client.");
      return;
    }
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    external.responseReset();
    external.setResponseContentType("text/html;charset=utf-8");
    // The report page carries its own print styles inline; everything in it is escaped.
    external.setResponseHeader(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
    external.setResponseHeader("Cache-Control", "no-store");
    external.setResponseHeader("X-Content-Type-Options", "nosniff");
    external
        .getResponseOutputStream()
        .write(SubjectAccessReportPage.render(report.get()).getBytes(StandardCharsets.UTF_8));
    faces.responseComplete();
  }
}
