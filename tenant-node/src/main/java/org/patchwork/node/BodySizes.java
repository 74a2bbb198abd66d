package org.patchwork.node;

import jakarta.ws.rs.ext.Provider;
import java.util.OptionalLong;
import org.patchwork.edge.problems.BodySizeLimit;

/** The node's API takes bodies up to 1 MB, and caseload imports (CSV) up to 32 MB. */
@Provider
public class BodySizes extends BodySizeLimit {

  static final long IMPORT_LIMIT = 32L * 1024 * 1024;

  @Override
  protected OptionalLong limitFor(String path) {
    return OptionalLong.of(path.startsWith("imports") ? IMPORT_LIMIT : LIMIT);
  }
}
