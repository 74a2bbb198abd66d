package org.patchwork.node.audit.control;

import java.util.Optional;

/**
 * A witness outside this council's database that keeps the node's signed checkpoints (the broker,
 * over the federation). The audit component declares it and the federation component provides it,
 * so the dependency keeps pointing down.
 */
public interface AuditWitness {

  /** A checkpoint as the witness holds it, its countersignature verified. */
  record Witnessed(long seq, String hash) {}

  /**
   * The latest checkpoint the witness holds for this council; empty when it holds none.
   *
   * @throws Unavailable when the witness cannot be asked or its answer does not verify
   */
  Optional<Witnessed> latest();

  /** The witness could not be asked just now; the local verification stands on its own. */
  final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
