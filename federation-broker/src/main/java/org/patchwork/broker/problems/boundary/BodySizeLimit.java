package org.patchwork.broker.problems.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies over 1 MB before anything reads them, whether or not the caller declared a length.
 * Envelope routes read (and audit) their own oversized bodies instead.
 */
@Provider
public class BodySizeLimit implements ContainerRequestFilter {

  static final long LIMIT = 1024 * 1024;

  /** Paths (relative to /api) whose resources bound and audit their bodies themselves. */
  public static final java.util.Set<String> ENVELOPE_ROUTES =
      java.util.Set.of("queries", "queries/no-op", "contact-requests", "contact-replies");

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (ENVELOPE_ROUTES.contains(path.startsWith("/") ? path.substring(1) : path)) {
      return;
    }
    long limit = LIMIT;
    if (request.getLength() > limit) {
      request.abortWith(tooLarge(limit));
      return;
    }
    request.setEntityStream(new Limited(request.getEntityStream(), limit));
  }

  static Response tooLarge(long limit) {
    return Problem.response(
        Response.Status.REQUEST_ENTITY_TOO_LARGE,
        "The request is too large",
        "Send at most " + (limit / (1024 * 1024)) + " MB.");
  }

  /** Counts what is read and stops past the limit. */
  private static final class Limited extends FilterInputStream {
    private final long limit;
    private long read;

    Limited(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > limit) {
        throw new jakarta.ws.rs.WebApplicationException(tooLarge(limit));
      }
    }
  }
}
