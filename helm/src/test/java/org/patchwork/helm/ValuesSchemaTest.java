package org.patchwork.helm;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesSchemaTest {

  @TempDir Path workDir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bad Id!",
        "Kingston",
        "k",
        "1kingston",
        "kingston_upon_thames",
        "a-council-id-longer-than-31-chars"
      })
  void rejectsCouncilIdThatCannotNameANamespace(String id) {
    String values =
        Councils.withCouncil(
            """
            - id: "%s"
              name: Somewhere
              database:
                url: jdbc:postgresql://db:5432/patchwork
                existingSecret: somewhere-db
            """
                .formatted(id));

    assertThatThrownBy(() -> PatchworkChart.template(workDir, values))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining("councils/0/id")
        .hasMessageContaining("does not match pattern");
  }

  @Test
  void acceptsTheLongestCouncilId() {
    String values =
        Councils.withCouncil(
            """
            - id: a-council-id-exactly-31-chars-x
              name: Somewhere
              database:
                url: jdbc:postgresql://db:5432/patchwork
                existingSecret: somewhere-db
            """);

    assertThatNoException().isThrownBy(() -> PatchworkChart.template(workDir, values));
  }

  @Test
  void rejectsADatabasePasswordInValues() {
    String values =
        Councils.withCouncil(
            """
            - id: kingston
              name: City of Kingston
              database:
                url: jdbc:postgresql://db:5432/patchwork
                existingSecret: kingston-db
                password: hunter2
            """);

    assertThatThrownBy(() -> PatchworkChart.template(workDir, values))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining("password");
  }

  @Test
  void rejectsCredentialsInADatabaseUrl() {
    String inQuery =
        """
        broker:
          database:
            url: jdbc:postgresql://db:5432/broker?user=broker&password=hunter2
        """;
    String inAuthority =
        """
        broker:
          database:
            url: jdbc:postgresql://broker:hunter2@db:5432/broker
        """;

    assertThatThrownBy(() -> PatchworkChart.template(workDir, inQuery))
        .hasMessageContaining("broker/database/url");
    assertThatThrownBy(() -> PatchworkChart.template(workDir, inAuthority))
        .hasMessageContaining("broker/database/url");
  }

  @Test
  void rejectsAMisspeltSetting() {
    String values =
        """
        tenantNode:
          replica: 3
        """;

    assertThatThrownBy(() -> PatchworkChart.template(workDir, values))
        .hasMessageContaining("replica");
  }

  @Test
  void rejectsACouncilWithoutADatabaseSecret() {
    String values =
        Councils.withCouncil(
            """
            - id: kingston
              name: City of Kingston
              database:
                url: jdbc:postgresql://db:5432/patchwork
            """);

    assertThatThrownBy(() -> PatchworkChart.template(workDir, values))
        .hasMessageContaining("existingSecret");
  }

  @Test
  void rejectsAMemoryLimitThatIsMissing() {
    String values =
        """
        broker:
          resources:
            limits:
              memory: null
        """;

    assertThatThrownBy(() -> PatchworkChart.template(workDir, values))
        .hasMessageContaining("memory");
  }

  @Test
  void rejectsTheSameCouncilListedTwice() {
    String council =
        """
        - id: kingston
          name: City of Kingston
          database:
            url: jdbc:postgresql://db:5432/patchwork
            existingSecret: kingston-db
        """;

    assertThatThrownBy(
            () -> PatchworkChart.template(workDir, Councils.withCouncil(council + council)))
        .hasMessageContaining("\"kingston\" is listed more than once");
  }
}
