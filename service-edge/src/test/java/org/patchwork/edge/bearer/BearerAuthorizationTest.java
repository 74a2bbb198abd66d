package org.patchwork.edge.bearer;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerAuthorizationTest {

  private final Map<String, String> headers = new HashMap<>();
  private final StringWriter body = new StringWriter();
  private int status;

  @Test
  void asksForATokenWhenTheRequestSendsNone() {
    Optional<String> caller = callerFor(null);

    assertThat(caller).isEmpty();
    assertThat(status).isEqualTo(401);
    assertThat(headers)
        .containsEntry("WWW-Authenticate", "Bearer realm=\"patchwork\"")
        .containsEntry("Cache-Control", "no-store")
        .containsEntry("Content-Type", "application/problem+json");
    assertThat(body.toString())
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\"Sign-in required\",\"status\":401,"
                + "\"detail\":\"Send a token.\"}");
  }

  @Test
  void refusesATokenTheServiceDoesNotAcceptAsAnInvalidToken() {
    Optional<String> caller = callerFor("Bearer forged");

    assertThat(caller).isEmpty();
    assertThat(status).isEqualTo(401);
    assertThat(headers)
        .containsEntry("WWW-Authenticate", "Bearer realm=\"patchwork\", error=\"invalid_token\"");
    assertThat(body.toString()).contains("\"title\":\"Access token not accepted\"");
  }

  @Test
  void namesTheCallerOfAnAcceptedTokenWhateverTheSchemesCase() {
    Optional<String> caller = callerFor("bearer  good ");

    assertThat(caller).contains("council.admin");
    assertThat(status).isZero();
    assertThat(body.toString()).isEmpty();
  }

  private Optional<String> callerFor(String authorization) {
    HttpServletRequest request =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) ->
                    method.getName().equals("getHeader") && "Authorization".equals(args[0])
                        ? authorization
                        : null);
    HttpServletResponse response =
        (HttpServletResponse)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> {
                  switch (method.getName()) {
                    case "setStatus" -> status = (Integer) args[0];
                    case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                    case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                    case "getWriter" -> {
                      return new PrintWriter(body, true);
                    }
                    default -> {}
                  }
                  return null;
                });
    return BearerAuthorization.caller(
        request,
        response,
        token -> token.equals("good") ? Optional.of("council.admin") : Optional.empty(),
        "Send a token.",
        "Not this one.");
  }
}
