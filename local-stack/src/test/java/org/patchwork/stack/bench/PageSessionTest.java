package org.patchwork.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * What the page benchmark relies on without a server: cookies kept as a browser keeps them, forms
 * collected as a browser sends them, and answers told apart (page, sign-in form, refusal).
 */
class PageSessionTest {

  private static final URI KEYCLOAK =
      URI.create("http://127.0.0.1:43080/realms/kingston/protocol/openid-connect/auth?x=1");
  private static final URI NODE = URI.create("http://127.0.0.1:43301/search.xhtml");

  @Test
  void sendsKeycloaksSecureCookiesBackOverLoopbackHttpAsBrowsersDo() {
    CookieJar jar = new CookieJar();
    jar.put(
        KEYCLOAK,
        Map.of(
            "Set-Cookie",
            List.of(
                "AUTH_SESSION_ID=abc;Version=1;Path=/realms/kingston/;Secure;HttpOnly;SameSite=None",
                "KC_AUTH_SESSION_HASH=xyz;Version=1;Path=/realms/kingston/;Max-Age=60;Secure")));

    URI form =
        URI.create("http://127.0.0.1:43080/realms/kingston/login-actions/authenticate?code=1");
    assertThat(jar.get(form, Map.of()).get("Cookie"))
        .containsExactly("AUTH_SESSION_ID=abc; KC_AUTH_SESSION_HASH=xyz");
    assertThat(jar.namesFor(URI.create("http://127.0.0.1:43080/realms/yarra/x"))).isEmpty();
    assertThat(jar.namesFor(URI.create("http://example.org/realms/kingston/x"))).isEmpty();
  }

  @Test
  void keepsTheNodesSessionApartFromKeycloaksAndForgetsDeletedCookies() {
    CookieJar jar = new CookieJar();
    jar.put(NODE, Map.of("Set-Cookie", List.of("JSESSIONID=s1; Path=/; HttpOnly; SameSite=lax")));
    jar.put(KEYCLOAK, Map.of("Set-Cookie", List.of("KC_RESTART=r; Path=/realms/kingston/")));
    assertThat(jar.namesFor(NODE)).containsExactly("JSESSIONID");

    jar.put(NODE, Map.of("Set-Cookie", List.of("JSESSIONID=s2; Path=/")));
    assertThat(jar.get(NODE, Map.of()).get("Cookie")).containsExactly("JSESSIONID=s2");

    jar.put(
        KEYCLOAK, Map.of("Set-Cookie", List.of("KC_RESTART=; Path=/realms/kingston/; Max-Age=0")));
    assertThat(jar.namesFor(KEYCLOAK)).containsExactly("JSESSIONID");
  }

  @Test
  void collectsAFormsFieldsAsABrowserSendsThemWithoutItsButtons() {
    var form =
        Jsoup.parse(
                """
                <form id="find" method="post" action="/search.xhtml">
                  <input type="hidden" name="find" value="find"/>
                  <input type="text" name="given" value="Ava"/>
                  <input type="checkbox" name="ask-others"/>
                  <input type="checkbox" name="kept" value="yes" checked="checked"/>
                  <select name="purpose"><option value="">Choose…</option>
                    <option value="safeguarding" selected="selected">Safeguarding</option></select>
                  <select name="basis"><option value="">Choose…</option></select>
                  <textarea name="note">a note</textarea>
                  <input type="submit" name="search-button" value="Search"/>
                  <input type="hidden" name="jakarta.faces.ViewState" value="-123:456"/>
                </form>""",
                NODE.toString())
            .getElementById("find");

    assertThat(PageSession.fields(form))
        .containsExactly(
            Map.entry("find", "find"),
            Map.entry("given", "Ava"),
            Map.entry("kept", "yes"),
            Map.entry("purpose", "safeguarding"),
            Map.entry("basis", ""),
            Map.entry("note", "a note"),
            Map.entry("jakarta.faces.ViewState", "-123:456"));
  }

  @Test
  void tellsTheNodesPagesFromKeycloaksFormAndFromRefusals() {
    String template =
        "<html><body><form id=\"signout\"><input type=\"hidden\" name=\"jakarta.faces.ViewState\""
            + " value=\"1\"/></form><h1>%s</h1>%s</body></html>";
    PageSession.Page home =
        new PageSession.Page(
            URI.create("http://127.0.0.1:43301/"),
            200,
            template.formatted("Home", "<ul id=\"my-clients\"></ul>"),
            0,
            0,
            0);
    assertThat(home.kind()).isEqualTo(PageSession.Kind.PAGE);
    assertThat(home.mismatch("Home", "#my-clients")).isEmpty();
    assertThat(home.mismatch("Home", "#alerts")).contains("no #alerts on /");
    assertThat(home.mismatch("Teams")).isPresent();

    PageSession.Page signIn =
        new PageSession.Page(
            KEYCLOAK, 200, "<form id=\"kc-form-login\" action=\"x\"></form>", 1, 0, 0);
    assertThat(signIn.kind()).isEqualTo(PageSession.Kind.SIGN_IN_FORM);
    assertThat(signIn.mismatch("Home")).isPresent();

    PageSession.Page refused =
        new PageSession.Page(
            URI.create("http://127.0.0.1:43301/admin/"),
            403,
            "<main><h1>Your account cannot open this page</h1></main>",
            0,
            0,
            0);
    assertThat(refused.kind()).isEqualTo(PageSession.Kind.FORBIDDEN);

    PageSession.Page signedOut =
        new PageSession.Page(URI.create("http://127.0.0.1:43301/"), 200, "<h1>Home</h1>", 0, 0, 0);
    assertThat(signedOut.kind())
        .as("a page without the sign-out form is nobody's page")
        .isEqualTo(PageSession.Kind.OTHER);
  }
}
