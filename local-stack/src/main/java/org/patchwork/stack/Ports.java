package org.patchwork.stack;

/**
 * Every port of the local stack, derived from one base so that a second stack (the system tests
 * beside a running demo) needs only a different base.
 */
public record Ports(int base) {

  public static final int DEFAULT_BASE = 18000;

  public Ports {
    if (base < 1024 || base > 65000) {
      throw new StackException(
          "Port base " + base + " is out of range: choose a number between 1024 and 65000.");
    }
  }

  public int postgres() {
    return base + 32;
  }

  public int keycloak() {
    return base + 80;
  }

  public int keycloakManagement() {
    return base + 90;
  }

  public int broker() {
    return base + 100;
  }

  /** The broker's https listener, which the nodes call (the http one serves tests and tools). */
  public int brokerTls() {
    return base + 110;
  }

  public int console() {
    return base + 200;
  }

  public int node(Council council) {
    return base + 301 + council.ordinal();
  }

  /** A node's https listener, which the broker calls (below the fault proxies' +450). */
  public int nodeTls(Council council) {
    return base + 401 + council.ordinal();
  }
}
