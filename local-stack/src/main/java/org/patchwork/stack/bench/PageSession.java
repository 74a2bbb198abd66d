package org.patchwork.stack.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * One person's browser, from Java: a cookie jar of its own ({@link CookieJar}), redirects followed
 * one hop at a time, sign-in through the council's real Keycloak form (the OpenID Connect code flow
 * the node runs), and Faces forms sent with the fields and view state the page itself rendered. The
 * view state is bound to this session's cookie, so a form sent this way is what a browser sends,
 * not a replay.
 *
 * <p>Open the node at the address its realm accepts redirects to ({@code http://127.0.0.1:port}):
 * the redirect URI the node sends to Keycloak is built from the host the request named.
 */
public final class PageSession {

  /** What a response turned out to be; only {@link #PAGE} is one of the node's own pages. */
  public enum Kind {
    PAGE,
    SIGN_IN_FORM,
    FORBIDDEN,
    EXPIRED,
    ERROR,
    OTHER
  }

  /** A response at the end of its redirects, with how long it took as the client saw it. */
  public static final class Page {
    private final URI uri;
    private final int status;
    private final String html;
    private final int redirects;
    private final long firstByteNanos;
    private final long totalNanos;
    private Document document;

    Page(URI uri, int status, String html, int redirects, long firstByteNanos, long totalNanos) {
      this.uri = uri;
      this.status = status;
      this.html = html;
      this.redirects = redirects;
      this.firstByteNanos = firstByteNanos;
      this.totalNanos = totalNanos;
    }

    /** Where the last redirect led. */
    public URI uri() {
      return uri;
    }

    public int status() {
      return status;
    }

    public String html() {
      return html;
    }

    public int redirects() {
      return redirects;
    }

    /** Parsed once, on first use (after the timing ended). */
    public Document document() {
      if (document == null) {
        document = Jsoup.parse(html, uri.toString());
      }
      return document;
    }

    public String heading() {
      Element h1 = document().selectFirst("h1");
      return h1 == null ? "" : h1.text();
    }

    /** The visible text, as a person reads it (entities decoded, tags gone). */
    public String text() {
      return document().text();
    }

    public Kind kind() {
      Document document = document();
      if (document.selectFirst("form#kc-form-login") != null
          || uri.getPath().contains("/realms/")) {
        return Kind.SIGN_IN_FORM;
      }
      String heading = heading();
      if (status == 403 || heading.startsWith("Your account cannot open")) {
        return Kind.FORBIDDEN;
      }
      if (uri.getPath().endsWith("/expired.xhtml") || heading.contains("expired")) {
        return Kind.EXPIRED;
      }
      if (status >= 500 || heading.equals("Something went wrong")) {
        return Kind.ERROR;
      }
      // Every page of the node's template carries its sign-out form when someone is signed in.
      return status == 200 && document.selectFirst("form#signout") != null ? Kind.PAGE : Kind.OTHER;
    }

    /**
     * Empty when this is the node's page with the heading expected (and every marker, an element
     * selector, present); otherwise why it is not, in a few words.
     */
    public Optional<String> mismatch(String expectedHeading, String... markers) {
      Kind kind = kind();
      if (kind != Kind.PAGE) {
        return Optional.of(kind + " (HTTP " + status + ", " + uri.getPath() + ")");
      }
      String heading = heading();
      if (!heading.equals(expectedHeading)) {
        return Optional.of("heading '" + heading + "' instead of '" + expectedHeading + "'");
      }
      Document document = document();
      for (String marker : markers) {
        if (document.selectFirst(marker) == null) {
          return Optional.of("no " + marker + " on " + uri.getPath());
        }
      }
      return Optional.empty();
    }

    /** From the first request's start to the last byte of the final answer. */
    public long totalMicros() {
      return totalNanos / 1000;
    }

    /** From the first request's start to the final answer's status line and headers. */
    public long firstByteMicros() {
      return firstByteNanos / 1000;
    }
  }

  /** Keycloak did not let the person in: its own message, or what came back instead. */
  public static final class SignInRefused extends RuntimeException {
    SignInRefused(String message) {
      super(message);
    }
  }

  private static final int MAX_REDIRECTS = 10;

  private final URI node;
  private final HttpClient http;

  /**
   * @param nodeUrl the node's address, e.g. {@code http://127.0.0.1:18301}
   */
  public PageSession(String nodeUrl) {
    this.node = URI.create(nodeUrl.replaceAll("/+$", "") + "/");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieJar())
            .build();
  }

  /**
   * Opens {@code path} and, when the node sends the person to Keycloak, fills in the sign-in form
   * and follows the code back to the node; returns the page the node then shows.
   *
   * @throws SignInRefused when Keycloak keeps showing its form (a wrong password, for example) or
   *     the way back ends anywhere but on one of the node's pages
   */
  public Page signIn(String path, String username, String password) {
    Page page = get(path);
    if (page.kind() != Kind.SIGN_IN_FORM) {
      return page; // already signed in
    }
    Element form = page.document().selectFirst("form#kc-form-login");
    if (form == null) {
      throw new SignInRefused("Keycloak showed no sign-in form at " + page.uri().getPath());
    }
    Map<String, String> fields = fields(form);
    fields.put("username", username);
    fields.put("password", password);
    Page after = post(URI.create(form.absUrl("action")), fields, page.uri());
    if (after.kind() == Kind.SIGN_IN_FORM) {
      Element problem =
          after.document().selectFirst("#input-error, .kc-feedback-text, .alert-error");
      throw new SignInRefused(
          "Keycloak did not sign in "
              + username
              + ": "
              + (problem == null ? "its form came back" : problem.text()));
    }
    if (!sameOrigin(after.uri())) {
      throw new SignInRefused(
          "Signing in " + username + " ended at " + after.uri() + ", not at the node");
    }
    return after;
  }

  /** A GET of one of the node's paths, redirects followed. */
  public Page get(String path) {
    return follow(HttpRequest.newBuilder(node.resolve(path.replaceFirst("^/", ""))).GET(), 0, 0);
  }

  /** Follows a link of {@code page}, as its {@code href} names it (context path included). */
  public Page open(Page page, String href) {
    return follow(HttpRequest.newBuilder(page.uri().resolve(href)).GET(), 0, 0);
  }

  /**
   * Sends a form of {@code page} as its button {@code buttonId} would: every field the page
   * rendered (hidden ones, the view state among them) with {@code values} laid over them.
   */
  public Page submit(Page page, String formId, String buttonId, Map<String, String> values) {
    Document document = page.document();
    Element form = document.getElementById(formId);
    if (form == null || !form.normalName().equals("form")) {
      throw new IllegalArgumentException("No form #" + formId + " on " + page.uri().getPath());
    }
    if (form.selectFirst("input[name=jakarta.faces.ViewState]") == null) {
      throw new IllegalArgumentException("Form #" + formId + " carries no Faces view state");
    }
    Map<String, String> fields = fields(form);
    fields.putAll(values);
    Element button = document.getElementById(buttonId);
    if (button == null || button.attr("name").isEmpty()) {
      throw new IllegalArgumentException("No button #" + buttonId + " in form #" + formId);
    }
    fields.put(button.attr("name"), button.attr("value"));
    return post(URI.create(form.absUrl("action")), fields, page.uri());
  }

  /**
   * The successful controls of a form as a browser collects them: text and hidden inputs, checked
   * boxes and radios, each select's chosen option, text areas; never its buttons.
   */
  static Map<String, String> fields(Element form) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (Element control : form.select("input[name], select[name], textarea[name]")) {
      String name = control.attr("name");
      switch (control.normalName()) {
        case "select" -> {
          Element chosen = control.selectFirst("option[selected]");
          if (chosen == null) {
            chosen = control.selectFirst("option");
          }
          if (chosen != null) {
            fields.put(name, chosen.hasAttr("value") ? chosen.attr("value") : chosen.text());
          }
        }
        case "textarea" -> fields.put(name, control.wholeText());
        default -> {
          String type = control.attr("type").toLowerCase(Locale.ROOT);
          switch (type) {
            case "submit", "button", "image", "reset", "file" -> {}
            case "checkbox", "radio" -> {
              if (control.hasAttr("checked")) {
                fields.put(name, control.hasAttr("value") ? control.attr("value") : "on");
              }
            }
            default -> fields.put(name, control.attr("value"));
          }
        }
      }
    }
    return fields;
  }

  private Page post(URI action, Map<String, String> fields, URI referer) {
    String body =
        fields.entrySet().stream()
            .map(
                field ->
                    URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return follow(
        HttpRequest.newBuilder(action)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Referer", referer.toString())
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        0,
        0);
  }

  /** Sends the request and follows redirects as GETs, the way browsers treat 302 and 303. */
  private Page follow(HttpRequest.Builder request, int redirects, long elapsedNanos) {
    HttpRequest sent = request.timeout(Duration.ofSeconds(30)).build();
    long started = System.nanoTime();
    long[] firstByte = {0};
    HttpResponse<String> response;
    try {
      response =
          http.send(
              sent,
              info -> {
                firstByte[0] = System.nanoTime();
                return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
              });
    } catch (IOException e) {
      throw new IllegalStateException("No answer from " + sent.uri() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted waiting for " + sent.uri(), e);
    }
    long finished = System.nanoTime();
    long total = elapsedNanos + (finished - started);
    int status = response.statusCode();
    Optional<String> location = response.headers().firstValue("Location");
    if (status >= 300 && status < 400 && location.isPresent()) {
      if (redirects >= MAX_REDIRECTS) {
        throw new IllegalStateException("More than " + MAX_REDIRECTS + " redirects from " + node);
      }
      URI next = sent.uri().resolve(location.get());
      return follow(HttpRequest.newBuilder(next).GET(), redirects + 1, total);
    }
    // Time to first byte of the last answer only, with any redirects before it in full.
    long firstByteNanos = elapsedNanos + (firstByte[0] == 0 ? 0 : firstByte[0] - started);
    return new Page(sent.uri(), status, response.body(), redirects, firstByteNanos, total);
  }

  private boolean sameOrigin(URI uri) {
    return node.getScheme().equalsIgnoreCase(uri.getScheme())
        && node.getHost().equalsIgnoreCase(uri.getHost())
        && node.getPort() == uri.getPort();
  }
}
