package dev.corslint.ecosystems.spring;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Constants of Spring, Jakarta Servlet and the JDK that CORS code uses: header names, HTTP methods and
 * statuses, filter orders. Their values are part of the libraries' public API.
 */
final class SpringConstants {

  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

  private static final Map<String, String> HEADER_SPECIAL = Map.of(
      "WWW_AUTHENTICATE", "WWW-Authenticate", "ETAG", "ETag", "TE", "TE", "DNT", "DNT",
      "CONTENT_MD5", "Content-MD5", "X_REQUESTED_WITH", "X-Requested-With");

  private static final Map<String, Integer> STATUS = Map.ofEntries(
      Map.entry("OK", 200), Map.entry("CREATED", 201), Map.entry("ACCEPTED", 202), Map.entry("NO_CONTENT", 204),
      Map.entry("MOVED_PERMANENTLY", 301), Map.entry("FOUND", 302), Map.entry("MOVED_TEMPORARILY", 302),
      Map.entry("SEE_OTHER", 303), Map.entry("NOT_MODIFIED", 304), Map.entry("TEMPORARY_REDIRECT", 307),
      Map.entry("PERMANENT_REDIRECT", 308), Map.entry("BAD_REQUEST", 400), Map.entry("UNAUTHORIZED", 401),
      Map.entry("FORBIDDEN", 403), Map.entry("NOT_FOUND", 404), Map.entry("METHOD_NOT_ALLOWED", 405),
      Map.entry("INTERNAL_SERVER_ERROR", 500), Map.entry("SERVICE_UNAVAILABLE", 503));

  private SpringConstants() {}

  /** The value of {@code type.name} for a well-known library constant. */
  static Optional<String> value(String type, String name) {
    switch (type) {
      case "HttpMethod", "RequestMethod":
        return METHODS.contains(name) ? Optional.of(name) : Optional.empty();
      case "HttpHeaders":
        return name.equals(name.toUpperCase(Locale.ROOT)) ? Optional.of(headerName(name)) : Optional.empty();
      case "CorsConfiguration":
        return name.equals("ALL") ? Optional.of("*") : Optional.empty();
      case "HttpServletResponse":
        if (name.startsWith("SC_")) {
          Integer code = STATUS.get(name.substring(3));
          return code == null ? Optional.empty() : Optional.of(String.valueOf(code));
        }
        return Optional.empty();
      case "HttpStatus":
        return Optional.ofNullable(STATUS.get(name)).map(String::valueOf);
      case "Ordered":
        if (name.equals("HIGHEST_PRECEDENCE")) return Optional.of(String.valueOf(Integer.MIN_VALUE));
        if (name.equals("LOWEST_PRECEDENCE")) return Optional.of(String.valueOf(Integer.MAX_VALUE));
        return Optional.empty();
      case "SecurityProperties":
        return name.equals("DEFAULT_FILTER_ORDER") ? Optional.of("-100") : Optional.empty();
      case "Boolean":
        if (name.equals("TRUE")) return Optional.of("true");
        if (name.equals("FALSE")) return Optional.of("false");
        return Optional.empty();
      case "Long", "Integer":
        if (name.equals("MAX_VALUE")) return Optional.of(type.equals("Long") ? String.valueOf(Long.MAX_VALUE) : String.valueOf(Integer.MAX_VALUE));
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }

  /** {@code ACCESS_CONTROL_ALLOW_ORIGIN} is {@code Access-Control-Allow-Origin}. */
  static String headerName(String constant) {
    String special = HEADER_SPECIAL.get(constant);
    if (special != null) return special;
    StringBuilder out = new StringBuilder();
    for (String part : constant.split("_")) {
      if (part.isEmpty()) continue;
      if (out.length() > 0) out.append('-');
      out.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }
}
