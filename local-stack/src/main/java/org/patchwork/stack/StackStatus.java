package org.patchwork.stack;

import java.util.List;

/** What {@code ./patchwork status --json} prints; the field names are part of its contract. */
public record StackStatus(List<Service> services, List<Database> databases, List<Login> logins) {

  public record Service(String name, String url, boolean healthy, long pid) {}

  public record Database(String name, String host, int port, String database, String user) {}

  public record Login(String realm, String username, String password, List<String> roles) {}

  public boolean allHealthy() {
    return !services.isEmpty() && services.stream().allMatch(Service::healthy);
  }
}
