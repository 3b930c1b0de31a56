package dev.corslint.explain;

import dev.corslint.browser.CrossOriginFetch;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one request a developer asks about: what a page on {@code origin} does with {@code fetch(url, ...)}.
 *
 * @param url a full URL ({@code https://api.example.com/v1/orders}) or only a path ({@code /v1/orders})
 * @param origin the page's origin
 * @param method the fetch method
 * @param headers request header names the page sets (values do not matter except Content-Type)
 * @param contentType the Content-Type the page sends, or null
 * @param credentials {@code credentials: 'include'}
 */
public record ExplainRequest(
    String url, String origin, String method, List<String> headers, String contentType, boolean credentials) {

  public ExplainRequest {
    headers = headers == null ? List.of() : List.copyOf(headers);
    method = method == null ? "GET" : method;
  }

  /** The path part of the URL, without query or fragment. */
  public String path() {
    String p = url;
    if (url.contains("://")) {
      try {
        p = URI.create(url).getRawPath();
      } catch (IllegalArgumentException e) {
        p = url.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "");
      }
    }
    p = p == null || p.isEmpty() ? "/" : p.replaceFirst("[?#].*$", "");
    return p.startsWith("/") ? p : "/" + p;
  }

  /** The host named by the URL, or null when only a path was given. */
  public String host() {
    if (!url.contains("://")) return null;
    try {
      String h = URI.create(url).getHost();
      return h == null ? null : h.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The fetch a page makes, against {@code fullUrl} (the URL made absolute for the scope). */
  CrossOriginFetch fetch(String fullUrl) {
    Map<String, String> h = new LinkedHashMap<>();
    for (String name : headers) h.put(name, "x");
    if (contentType != null) h.put("Content-Type", contentType);
    return new CrossOriginFetch(fullUrl, path(), "null".equals(origin) ? null : origin, method, h, credentials);
  }
}
