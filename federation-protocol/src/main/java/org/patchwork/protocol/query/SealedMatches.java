package org.patchwork.protocol.query;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.patchwork.protocol.envelope.Envelopes;

/**
 * A target node's answer as only the requester can read it, sealed with their pair key: the status
 * (which the broker never sees) and the matches, bound to the query and the council. {@code
 * padding} fills the JSON to a multiple of {@link #BUCKET} bytes (see {@link #padded}): AES-GCM
 * keeps the plaintext's length, so without it the sealed answer's length would tell the broker a
 * MATCH from a NO_MATCH, and roughly how many matches.
 */
public record SealedMatches(
    String queryId, String council, NodeStatus status, List<MatchView> matches, String padding) {

  /**
   * The size bucket in bytes of JSON. A match is 100 to 400 bytes, so a no-match, a denial and up
   * to about ten matches all seal to the same length; only a larger answer shows, by its bucket,
   * that it is large.
   */
  public static final int BUCKET = 4096;

  public SealedMatches {
    matches = List.copyOf(matches);
  }

  /** The answer, padded so that its JSON is a whole number of buckets long. */
  public static SealedMatches padded(
      String queryId, String council, NodeStatus status, List<MatchView> matches) {
    SealedMatches bare = new SealedMatches(queryId, council, status, matches, "");
    int length = Envelopes.toJson(bare).getBytes(StandardCharsets.UTF_8).length;
    int target = Math.max(1, (length + BUCKET - 1) / BUCKET) * BUCKET;
    // The padding is ASCII, one byte a character, and JSON-B writes it without escapes.
    return new SealedMatches(queryId, council, status, matches, " ".repeat(target - length));
  }
}
