package dev.corslint.browser;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code fetch()} call made by a page: what a front end does, before the browser turns it into a preflight
 * and an actual request.
 *
 * @param url the requested URL as the page wrote it (quoted in console messages)
 * @param path the path part of {@code url}
 * @param origin the page's origin, {@code null} for an opaque origin
 * @param method the method as written; Fetch upper-cases only the six standard methods
 * @param headers request headers set by the page, by name as written
 * @param credentials {@code credentials: 'include'}
 */
public record CrossOriginFetch(
    String url, String path, String origin, String method, Map<String, String> headers, boolean credentials) {

  public CrossOriginFetch {
    headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
    method = normalizeMethod(method);
  }

  public static CrossOriginFetch get(String url, String path, String origin) {
    return new CrossOriginFetch(url, path, origin, "GET", Map.of(), false);
  }

  public CrossOriginFetch withMethod(String m) {
    return new CrossOriginFetch(url, path, origin, m, headers, credentials);
  }

  public CrossOriginFetch withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new CrossOriginFetch(url, path, origin, method, h, credentials);
  }

  public CrossOriginFetch withCredentials(boolean include) {
    return new CrossOriginFetch(url, path, origin, method, headers, include);
  }

  public CrossOriginFetch withOrigin(String o) {
    return new CrossOriginFetch(url, path, o, method, headers, credentials);
  }

  /** Fetch's method normalization: only DELETE, GET, HEAD, OPTIONS, POST and PUT are upper-cased. */
  static String normalizeMethod(String m) {
    if (m == null) return "GET";
    String upper = m.toUpperCase(Locale.ROOT);
    return switch (upper) {
      case "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT" -> upper;
      default -> m;
    };
  }

  /** The origin as the console prints it. */
  public String serializedOrigin() {
    return origin == null ? "null" : origin;
  }
}
