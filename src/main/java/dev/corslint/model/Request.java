package dev.corslint.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A cross-origin request as a browser sends it.
 *
 * @param path the request path, e.g. {@code /api/users}
 * @param method the HTTP method on the wire: {@code OPTIONS} for a preflight
 * @param origin the {@code Origin} header, or {@code null} when none is sent; the string {@code "null"} is the
 *     opaque origin
 * @param requestMethod for a preflight, {@code Access-Control-Request-Method}; otherwise null
 * @param requestHeaders for a preflight, the lower-case names of {@code Access-Control-Request-Headers}
 * @param credentials whether the browser includes cookies ({@code credentials: 'include'})
 * @param handlerStatus what the code behind the modelled layer answers (a proxied upstream, a route handler
 *     whose body is not modelled): lets rules probe error paths such as a 500 from the application
 */
public record Request(
    String path,
    String method,
    String origin,
    String requestMethod,
    List<String> requestHeaders,
    boolean credentials,
    int handlerStatus) {

  public Request {
    Objects.requireNonNull(path);
    Objects.requireNonNull(method);
    requestHeaders =
        requestHeaders == null
            ? List.of()
            : requestHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  /** An actual (non-preflight) request. */
  public static Request actual(String path, String method, String origin) {
    return new Request(path, method, origin, null, List.of(), false, 200);
  }

  /** A preflight for {@code method} with the given request header names. */
  public static Request preflight(String path, String origin, String method, List<String> headers) {
    return new Request(path, "OPTIONS", origin, method, headers, false, 200);
  }

  public boolean isPreflight() {
    return requestMethod != null && "OPTIONS".equals(method);
  }

  public Request withCredentials(boolean include) {
    return new Request(path, method, origin, requestMethod, requestHeaders, include, handlerStatus);
  }

  public Request withHandlerStatus(int status) {
    return new Request(path, method, origin, requestMethod, requestHeaders, credentials, status);
  }

  public Request withOrigin(String newOrigin) {
    return new Request(path, method, newOrigin, requestMethod, requestHeaders, credentials, handlerStatus);
  }

  public Request withPath(String newPath) {
    return new Request(newPath, method, origin, requestMethod, requestHeaders, credentials, handlerStatus);
  }
}
