package org.patchwork.helm;

/** Values documents used by several tests. */
final class Councils {

  /** Three councils, each naming its own database and Secret. */
  static final String THREE_COUNCILS =
      """
      councils:
        - id: kingston
          name: City of Kingston
          database:
            url: jdbc:postgresql://postgresql.patchwork-kingston.svc:5432/patchwork
            existingSecret: kingston-db
        - id: bayside
          name: Bayside City Council
          database:
            url: jdbc:postgresql://postgresql.patchwork-bayside.svc:5432/patchwork
            existingSecret: bayside-db
            usernameKey: user
            passwordKey: pass
        - id: port-phillip
          name: City of Port Phillip
          database:
            url: jdbc:postgresql://db.port-phillip.example.org:5432/patchwork
            existingSecret: port-phillip-db
      """;

  private Councils() {}

  static String withCouncil(String councilYaml) {
    return "councils:\n" + councilYaml.indent(2);
  }
}
