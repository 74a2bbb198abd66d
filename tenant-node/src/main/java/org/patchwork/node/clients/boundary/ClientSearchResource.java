package org.patchwork.node.clients.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.patchwork.node.PatchworkNode;
import org.patchwork.node.audit.control.AuditTrail;
import org.patchwork.node.audit.entity.AuditAction;
import org.patchwork.node.clients.control.ClientSearch;
import org.patchwork.node.clients.control.SearchResult;
import org.patchwork.node.clients.control.SearchTerms;
import org.patchwork.protocol.matching.PersonIdentity;

/** Finding a client at this council by name and date of birth, however they were recorded. */
@Path("clients/search")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class ClientSearchResource {

  @Inject ClientSearch search;

  @Inject AuditTrail audit;

  @GET
  @RolesAllowed({PatchworkNode.PRACTITIONER, PatchworkNode.GATEKEEPER, PatchworkNode.COUNCIL_ADMIN})
  public List<SearchResult> search(
      @QueryParam("given") String given,
      @QueryParam("family") String family,
      @QueryParam("dob") String dob,
      @Context SecurityContext security) {
    PersonIdentity query = SearchTerms.of(given, family, dob);
    List<SearchResult> results = search.search(query).stream().map(SearchResult::of).toList();
    // Who searched and why, never what for or what was found (see brief: audit and lifecycle).
    audit.record(
        security.getUserPrincipal().getName(),
        AuditAction.SEARCH,
        "client",
        null,
        "local search",
        null);
    return results;
  }
}
