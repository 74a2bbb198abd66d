package org.patchwork.stack;

import java.util.List;

/** The fictional staff of each council's demo realm, and the federation's operator. */
final class DemoPeople {

  private DemoPeople() {}

  static List<DemoLogin> of(Council council, Secrets secrets) {
    String[][] names =
        switch (council) {
          case KINGSTON ->
              new String[][] {
                {"Ava", "Thompson"}, {"Linh", "Tran"}, {"Grace", "O'Connor"}, {"Sanjay", "Patel"}
              };
          case YARRA ->
              new String[][] {
                {"Hamza", "Abdi"}, {"Sophie", "Nguyen"}, {"Eleni", "Papadopoulos"}, {"Tom", "Walsh"}
              };
          case MELBOURNE ->
              new String[][] {
                {"Mei", "Chen"}, {"Rosa", "Russo"}, {"Amira", "Haddad"}, {"James", "Kelly"}
              };
          case BRIMBANK ->
              new String[][] {
                {"Deng", "Garang"}, {"Priya", "Sharma"}, {"Maria", "Costa"}, {"Liam", "Murphy"}
              };
          case WYNDHAM ->
              new String[][] {
                {"Zoe", "Mitchell"}, {"Huong", "Le"}, {"Fatima", "Yusuf"}, {"Nikos", "Georgiou"}
              };
        };
    String realm = council.id();
    return List.of(
        login(realm, "youth.worker", names[0], List.of("practitioner"), secrets),
        login(realm, "mch.nurse", names[1], List.of("practitioner"), secrets),
        login(realm, "gatekeeper", names[2], List.of("practitioner", "gatekeeper"), secrets),
        login(realm, "council.admin", names[3], List.of("council-admin"), secrets));
  }

  /**
   * How many page-benchmark practitioners a benchmark stack's council realms hold besides the demo
   * staff: one account per simulated user, so that each has a session and a caseload of their own.
   */
  static final int BENCHMARK_PRACTITIONERS = 10;

  /**
   * {@code page.user01} … {@code page.user10}: practitioners for {@code ./patchwork bench pages}.
   */
  static List<DemoLogin> benchmarkPractitioners(Council council, Secrets secrets) {
    List<DemoLogin> logins = new java.util.ArrayList<>();
    for (int i = 1; i <= BENCHMARK_PRACTITIONERS; i++) {
      String number = String.format("%02d", i);
      logins.add(
          login(
              council.id(),
              "page.user" + number,
              new String[] {"Page", "User " + number},
              List.of("practitioner"),
              secrets));
    }
    return logins;
  }

  static List<DemoLogin> operators(Secrets secrets) {
    return List.of(
        login(
            Realms.FEDERATION,
            "operator",
            new String[] {"Olive", "Operator"},
            List.of("operator"),
            secrets),
        login(
            Realms.FEDERATION,
            "auditor",
            new String[] {"Audrey", "Auditor"},
            List.of("auditor"),
            secrets));
  }

  private static DemoLogin login(
      String realm, String username, String[] name, List<String> roles, Secrets secrets) {
    return new DemoLogin(
        realm, username, secrets.get("login." + realm + "." + username), roles, name[0], name[1]);
  }
}
