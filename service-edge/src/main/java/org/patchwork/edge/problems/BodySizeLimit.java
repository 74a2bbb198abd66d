package org.patchwork.edge.problems;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Refuses bodies over 1 MB before anything reads them, whether or not the caller declared a length.
 * Not a provider itself: each service registers a subclass ({@code @Provider}) that names the
 * routes whose limit differs.
 */
public abstract class BodySizeLimit implements ContainerRequestFilter {

  public static final long LIMIT = 1024 * 1024;

  /**
   * The most a request to this path (relative to the API root, as JAX-RS gives it, with or without
   * a leading slash) may send, or empty where the resource bounds its body itself.
   */
  protected OptionalLong limitFor(String path) {
    return OptionalLong.of(LIMIT);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    OptionalLong limited = limitFor(request.getUriInfo().getPath());
    if (limited.isEmpty()) {
      return;
    }
    long limit = limited.getAsLong();
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
