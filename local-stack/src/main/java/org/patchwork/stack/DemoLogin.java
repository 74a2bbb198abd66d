package org.patchwork.stack;

import java.util.List;

/** A demo account in one realm; printed by the launcher, for local use only. */
public record DemoLogin(
    String realm,
    String username,
    String password,
    List<String> roles,
    String firstName,
    String lastName) {

  public String email() {
    return username + "@" + realm + ".patchwork.test";
  }
}
