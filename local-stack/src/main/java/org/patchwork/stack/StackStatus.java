package org.patchwork.stack;

import java.util.List;

/** What {@code ./patchwork status --json} prints; the field names are part of its contract. */
public record StackStatus(List<Service> services, List<Database> databases, List<Login> logins) {

  public record Service(String name, String url, boolean healthy, long pid) {}

  public record Database(String name, String host, int port, String database, String user) {}

  public record Login(String realm, String username, String password, List<String> roles) {}

  /** The running service's address (benchmarks and tools look services up by name). */
  public String url(String service) {
    return services.stream()
        .filter(s -> s.name().equals(service))
        .findFirst()
        .orElseThrow(() -> new StackException(service + " is not running"))
        .url();
  }

  /** A demo login of the stack. */
  public Login login(String realm, String username) {
    return logins.stream()
        .filter(l -> l.realm().equals(realm) && l.username().equals(username))
        .findFirst()
        .orElseThrow(() -> new StackException("No demo login " + username + " at " + realm));
  }

  public boolean allHealthy() {
    return !services.isEmpty() && services.stream().allMatch(Service::healthy);
  }
}
