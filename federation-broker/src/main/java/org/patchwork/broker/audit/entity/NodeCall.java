package org.patchwork.broker.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One council's line of a routed query: what became of the delivery (never what the council
 * answered, which the broker cannot read) and how long the broker waited.
 */
@Embeddable
public class NodeCall {

  @Column(name = "council_id", nullable = false)
  private String council;

  @Column(nullable = false)
  private String status;

  @Column(name = "elapsed_ms", nullable = false)
  private long elapsedMillis;

  protected NodeCall() {}

  public NodeCall(String council, String status, long elapsedMillis) {
    this.council = council;
    this.status = status;
    this.elapsedMillis = elapsedMillis;
  }

  public String council() {
    return council;
  }

  public String status() {
    return status;
  }

  public long elapsedMillis() {
    return elapsedMillis;
  }
}
