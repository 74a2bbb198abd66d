package org.patchwork.broker;

import jakarta.ws.rs.ext.Provider;
import java.util.OptionalLong;
import java.util.Set;
import org.patchwork.edge.problems.BodySizeLimit;

/**
 * The broker's API takes bodies up to 1 MB; envelope routes read (and audit) their own oversized
 * bodies instead.
 */
@Provider
public class BodySizes extends BodySizeLimit {

  /** Paths (relative to /api) whose resources bound and audit their bodies themselves. */
  public static final Set<String> ENVELOPE_ROUTES =
      Set.of("queries", "queries/no-op", "contact-requests", "contact-replies");

  @Override
  protected OptionalLong limitFor(String path) {
    if (ENVELOPE_ROUTES.contains(path.startsWith("/") ? path.substring(1) : path)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(LIMIT);
  }
}
