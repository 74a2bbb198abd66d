package org.patchwork.broker.audit.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.net.URI;
import java.security.Principal;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.patchwork.broker.audit.control.OperatorAudit;
import org.patchwork.broker.signin.control.AccessTokenVerifier;

/**
 * Writes every change a federation-realm user (an operator, through the console or the API) asks of
 * the broker to the operators' audit, refused or not: one place, so that a route added later is
 * audited without anyone remembering to. It runs once the resource answered (its transaction is
 * over), in a transaction of its own.
 */
@Provider
public class OperatorActions implements ContainerResponseFilter {

  private static final Logger LOG = Logger.getLogger(OperatorActions.class.getName());

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  @Inject OperatorAudit audit;

  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Principal principal =
        request.getSecurityContext() == null
            ? null
            : request.getSecurityContext().getUserPrincipal();
    if (principal == null
        || READS.contains(request.getMethod())
        || !principal.getName().endsWith("@" + AccessTokenVerifier.FEDERATION_REALM)) {
      return;
    }
    try {
      audit.record(
          principal.getName(),
          request.getMethod() + " " + template(),
          subject(request, response),
          response.getStatus());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "An operator action could not be audited", e);
    }
  }

  /** The route as declared ("agreements/{id}/suspension"): the action, without the ids. */
  private String template() {
    if (resource == null || resource.getResourceClass() == null) {
      return "(no route)";
    }
    Path type = resource.getResourceClass().getAnnotation(Path.class);
    Method method = resource.getResourceMethod();
    Path path = method == null ? null : method.getAnnotation(Path.class);
    String template =
        "/" + (type == null ? "" : type.value()) + (path == null ? "" : "/" + path.value());
    // "{councilId: [a-z][a-z0-9-]{1,39}}" reads as "{councilId}" (a path segment has no slash)
    return template.replaceAll("\\{(\\w+)\\s*:[^/]*}", "{$1}").replace("//", "/");
  }

  /** What the action was about: the route's ids, or the id of what it created. */
  private static String subject(
      ContainerRequestContext request, ContainerResponseContext response) {
    var parameters = request.getUriInfo().getPathParameters();
    for (String name : new String[] {"id", "councilId", "council"}) {
      if (parameters.getFirst(name) != null) {
        return parameters.getFirst(name);
      }
    }
    URI location = response.getLocation();
    if (location != null) {
      String path = location.getPath();
      return path.substring(path.lastIndexOf('/') + 1);
    }
    return null;
  }
}
