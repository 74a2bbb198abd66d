package org.patchwork.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may call a route, read from the resources' source as the roles section reads it. */
class RolesSectionTest {

  @Test
  void readsThePagesNoConstraintCoversFromWebXml() {
    String webXml =
        """
        <web-app>
          <security-constraint>
            <web-resource-collection><url-pattern>/*</url-pattern></web-resource-collection>
            <auth-constraint><role-name>practitioner</role-name></auth-constraint>
          </security-constraint>
          <security-constraint>
            <web-resource-collection>
              <url-pattern>/api/*</url-pattern>
              <url-pattern>/signed-out.xhtml</url-pattern>
              <url-pattern>/error.xhtml</url-pattern>
            </web-resource-collection>
          </security-constraint>
          <security-constraint>
            <web-resource-collection><url-pattern>/admin/x.xhtml</url-pattern></web-resource-collection>
            <auth-constraint><role-name>council-admin</role-name></auth-constraint>
          </security-constraint>
        </web-app>
        """;

    assertThat(RolesSection.unconstrainedPages(webXml))
        .containsExactly("/signed-out.xhtml", "/error.xhtml");
  }

  @Test
  void readsClassAndMethodRolesPathsWithPatternsAndPermitAll() {
    String source =
        """
        package x;

        /** Resource {@code with} braces; in comments. */
        @Path("things")
        @RolesAllowed({Roles.ADMIN, "gatekeeper"})
        public class ThingsResource {

          static final String IGNORED = "}";

          @GET
          public List<Thing> all() {
            return List.of();
          }

          @Path("{id: [a-z]{2}}/approval")
          @POST
          @RolesAllowed(Roles.PRACTITIONER)
          public Thing approve(@PathParam("id") String id) {
            return null;
          }

          @PUT
          @Path("{id}/key-set")
          @PermitAll
          public Response keySet(String id) {
            return null;
          }
        }
        """;
    List<RolesSection.Declared> declared =
        RolesSection.declaredIn(
            source, Map.of("Roles.ADMIN", "council-admin", "Roles.PRACTITIONER", "practitioner"));

    assertThat(declared)
        .containsExactly(
            new RolesSection.Declared(
                "GET", "/api/things", false, Set.of("council-admin", "gatekeeper")),
            new RolesSection.Declared(
                "POST", "/api/things/{}/approval", false, Set.of("practitioner")),
            new RolesSection.Declared(
                "PUT", "/api/things/{}/key-set", true, Set.of("council-admin", "gatekeeper")));
  }

  @Test
  void findsTheNodesAdminRoutesInItsSource() throws Exception {
    List<RolesSection.Declared> declared = RolesSection.declared(Path.of("..", "tenant-node"));

    assertThat(declared)
        .anySatisfy(
            d -> {
              assertThat(d.method()).isEqualTo("POST");
              assertThat(d.path()).isEqualTo("/api/practitioners/{}/approval");
              assertThat(d.roles()).containsExactly("council-admin");
              assertThat(d.open()).isFalse();
            });
    assertThat(declared).hasSizeGreaterThan(30);
  }
}
