package org.patchwork.stack.bench;

import java.net.CookieHandler;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One browser's cookies, kept the way a browser keeps them rather than the way {@link
 * java.net.CookieManager} does: the JDK never sends a {@code Secure} cookie over plain HTTP, while
 * browsers treat 127.0.0.1 and localhost as secure origins, and Keycloak marks its sign-in cookies
 * {@code Secure; SameSite=None} even on http://127.0.0.1 (without them its form answers "cookie not
 * found"). The JDK also turns {@code Version=1} and {@code Max-Age} cookies into RFC 2965 {@code
 * $Version} headers, which no browser sends. Host-only matching (a {@code Domain} attribute widens
 * it to sub-domains), path prefixes, {@code Max-Age} and deletion; nothing else.
 */
final class CookieJar extends CookieHandler {

  private record Cookie(
      String name,
      String value,
      String host,
      boolean subDomains,
      String path,
      boolean secure,
      long expiresAtMillis) {

    boolean matches(URI uri, long now) {
      String requestHost = uri.getHost().toLowerCase(Locale.ROOT);
      boolean hostMatches =
          requestHost.equals(host) || (subDomains && requestHost.endsWith("." + host));
      String requestPath =
          uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      boolean pathMatches =
          requestPath.equals(path)
              || (requestPath.startsWith(path)
                  && (path.endsWith("/") || requestPath.charAt(path.length()) == '/'));
      return hostMatches
          && pathMatches
          && (!secure || isSecureOrigin(uri))
          && (expiresAtMillis == 0 || expiresAtMillis > now);
    }
  }

  private final List<Cookie> cookies = new CopyOnWriteArrayList<>();

  @Override
  public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
    long now = System.currentTimeMillis();
    List<String> pairs = new ArrayList<>();
    // Longer paths first, as browsers order them.
    cookies.stream()
        .filter(cookie -> cookie.matches(uri, now))
        .sorted((a, b) -> b.path().length() - a.path().length())
        .forEach(cookie -> pairs.add(cookie.name() + "=" + cookie.value()));
    return pairs.isEmpty() ? Map.of() : Map.of("Cookie", List.of(String.join("; ", pairs)));
  }

  @Override
  public void put(URI uri, Map<String, List<String>> responseHeaders) {
    for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
      if (header.getKey() != null && header.getKey().equalsIgnoreCase("Set-Cookie")) {
        header.getValue().forEach(value -> store(uri, value));
      }
    }
  }

  /** The names of the cookies that would go with a request to {@code uri}. */
  List<String> namesFor(URI uri) {
    long now = System.currentTimeMillis();
    return cookies.stream().filter(c -> c.matches(uri, now)).map(Cookie::name).toList();
  }

  private void store(URI uri, String header) {
    String[] parts = header.split(";");
    int equals = parts[0].indexOf('=');
    if (equals <= 0) {
      return;
    }
    String name = parts[0].substring(0, equals).trim();
    String value = parts[0].substring(equals + 1).trim();
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    boolean subDomains = false;
    String path = defaultPath(uri);
    boolean secure = false;
    long expires = 0;
    for (int i = 1; i < parts.length; i++) {
      String attribute = parts[i].trim();
      int at = attribute.indexOf('=');
      String key =
          (at < 0 ? attribute : attribute.substring(0, at)).trim().toLowerCase(Locale.ROOT);
      String argument = at < 0 ? "" : attribute.substring(at + 1).trim();
      switch (key) {
        case "path" -> path = argument.startsWith("/") ? argument : path;
        case "secure" -> secure = true;
        case "domain" -> {
          String domain = argument.replaceFirst("^\\.", "").toLowerCase(Locale.ROOT);
          if (!domain.isEmpty() && (host.equals(domain) || host.endsWith("." + domain))) {
            host = domain;
            subDomains = true;
          }
        }
        case "max-age" -> {
          try {
            long seconds = Long.parseLong(argument);
            expires = seconds <= 0 ? -1 : System.currentTimeMillis() + seconds * 1000;
          } catch (NumberFormatException e) {
            // a malformed Max-Age is ignored, as browsers do
          }
        }
        case "expires" -> {
          if (expires == 0 && argument.contains("1970")) {
            expires = -1; // how servers delete a cookie
          }
        }
        default -> {}
      }
    }
    String finalHost = host;
    String finalPath = path;
    cookies.removeIf(
        c ->
            c.name().equals(name)
                && c.host().equals(finalHost)
                && Objects.equals(c.path(), finalPath));
    if (expires != -1) {
      cookies.add(new Cookie(name, value, host, subDomains, path, secure, expires));
    }
  }

  private static String defaultPath(URI uri) {
    String path = uri.getRawPath();
    if (path == null || !path.startsWith("/") || path.lastIndexOf('/') == 0) {
      return "/";
    }
    return path.substring(0, path.lastIndexOf('/'));
  }

  /** https, or a loopback host, which browsers count as a secure origin. */
  private static boolean isSecureOrigin(URI uri) {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return "https".equalsIgnoreCase(uri.getScheme())
        || host.equals("localhost")
        || host.equals("127.0.0.1")
        || host.equals("[::1]")
        || host.equals("::1");
  }
}
