package org.patchwork.broker.senders.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads an envelope body of at most 1 MB. Envelope routes read their own bodies (the generic size
 * filter leaves them alone) so that an oversized envelope is refused like any other and audited.
 */
public final class EnvelopeBody {

  public static final int LIMIT = 1024 * 1024;

  private EnvelopeBody() {}

  public static String read(InputStream body) throws Refused {
    try (body) {
      byte[] bytes = body.readNBytes(LIMIT + 1);
      if (bytes.length > LIMIT) {
        throw Refused.unauthenticated(RefusalReason.OVERSIZED, "Send at most 1 MB.");
      }
      String compact = new String(bytes, StandardCharsets.US_ASCII).strip();
      if (compact.isEmpty()) {
        throw Refused.unauthenticated(
            RefusalReason.MALFORMED, "Send a compact JWS (application/jose).");
      }
      return compact;
    } catch (IOException e) {
      throw Refused.unauthenticated(RefusalReason.MALFORMED, "The body could not be read.");
    }
  }
}
