package org.patchwork.edge.problems;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Refuses a JSON body whose text holds U+0000, which PostgreSQL cannot store: the database would
 * refuse it mid-transaction and the caller would get a 500 for their own mistake (the hardening
 * bench's generated requests found one). JSON can only carry the character escaped ({@code \u0000};
 * a raw NUL is malformed JSON already), so the body is scanned for that escape before JSON-B reads
 * it. The body is already bounded by {@link BodySizeLimit}.
 */
@Provider
public class TextWithoutNul implements ReaderInterceptor {

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    MediaType type = context.getMediaType();
    if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
      return context.proceed();
    }
    byte[] body = context.getInputStream().readAllBytes();
    if (holdsEscapedNul(body)) {
      // Mapped like any other unreadable body: 400, without echoing what was sent.
      throw new JsonbException("Text may not contain the NUL character (U+0000)");
    }
    context.setInputStream(new ByteArrayInputStream(body));
    return context.proceed();
  }

  /** Whether the JSON text holds the escape {@code \u0000} (not an escaped backslash before it). */
  static boolean holdsEscapedNul(byte[] json) {
    for (int i = 0; i + 5 < json.length; i++) {
      if (json[i] != '\\') {
        continue;
      }
      if (json[i + 1] == '\\') {
        i++; // an escaped backslash: the next character is text, not an escape
        continue;
      }
      if ((json[i + 1] == 'u' || json[i + 1] == 'U')
          && json[i + 2] == '0'
          && json[i + 3] == '0'
          && json[i + 4] == '0'
          && json[i + 5] == '0') {
        return true;
      }
    }
    return false;
  }
}
