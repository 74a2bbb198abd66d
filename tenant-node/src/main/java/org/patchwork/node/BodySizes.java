package org.patchwork.node;

import jakarta.ws.rs.ext.Provider;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.ConfigProvider;
import org.patchwork.edge.problems.BodySizeLimit;

/**
 * The node's API takes bodies up to 1 MB, and caseload imports (CSV) up to {@value
 * #IMPORT_LIMIT_KEY} bytes (32 MB unless configured): a larger declared length is refused with 413
 * before anything is read, and an undeclared one as soon as the spooling passes the limit.
 */
@Provider
public class BodySizes extends BodySizeLimit {

  static final String IMPORT_LIMIT_KEY = "patchwork.imports.max-bytes";

  static final long IMPORT_LIMIT = 32L * 1024 * 1024;

  private volatile long importLimit;

  @Override
  protected OptionalLong limitFor(String path) {
    return OptionalLong.of(path.startsWith("imports") ? importLimit() : LIMIT);
  }

  private long importLimit() {
    if (importLimit == 0) {
      importLimit =
          ConfigProvider.getConfig()
              .getOptionalValue(IMPORT_LIMIT_KEY, Long.class)
              .filter(limit -> limit > 0)
              .orElse(IMPORT_LIMIT);
    }
    return importLimit;
  }
}
