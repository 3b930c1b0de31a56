package dev.corslint.explain;

import dev.corslint.browser.BrowserVerdict;
import dev.corslint.browser.CrossOriginFetch;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Ecosystem;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Response;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The fix for a blocked request, written in the blocking scope's own configuration syntax. */
final class FixAdvice {

  private FixAdvice() {}

  static Explanation.Fix forVerdict(CorsPolicy p, CrossOriginFetch f, BrowserVerdict v) {
    Ecosystem eco = p.scope().ecosystem();
    String origin = f.serializedOrigin();
    String error = v.corsError() == null ? "" : v.corsError().replaceFirst("^Preflight", "");
    Response r = v.stage() == BrowserVerdict.Stage.PREFLIGHT ? v.preflight() : v.actual();
    SourceSpan scopeAt = p.scope().span();
    switch (v.stage()) {
      case MIXED_CONTENT:
        return new Explanation.Fix("Serve the API over https and call it with an https URL; the browser blocks http requests from https pages whatever the CORS headers say.",
            eco == Ecosystem.NGINX ? "listen 443 ssl;\nssl_certificate     /etc/ssl/certs/api.pem;\nssl_certificate_key /etc/ssl/private/api.key;" : "", scopeAt);
      default:
        break;
    }
    switch (error) {
      case "MissingAllowOriginHeader", "AllowOriginMismatch", "InvalidAllowOriginValue": {
        Optional<OriginMatcher.Exact> near = nearMiss(p, origin);
        if (near.isPresent()) {
          String listed = near.get().origin();
          return new Explanation.Fix("The allow list has '" + listed + "', which is not the page's origin '" + origin + "' ("
              + difference(listed, origin) + "). Origins compare exactly: scheme, host and port. Write '" + origin + "'.",
              "", near.get().span());
        }
        SourceSpan at = where(r, "Access-Control-Allow-Origin").orElse(scopeAt);
        if (v.stage() == BrowserVerdict.Stage.PREFLIGHT && !r.has("Access-Control-Allow-Origin")) {
          // Nothing CORS-aware answered the OPTIONS request: the fix is to let the CORS layer answer it.
          return new Explanation.Fix("The preflight is answered without any CORS headers" + r.status().get().map(st -> " (" + st + ")").orElse("")
              + ": let the CORS layer answer OPTIONS for this path with Access-Control-Allow-Origin: " + origin + ".",
              answerOptions(eco, origin, f, routeOf(p, f)), r.status().where().orElse(scopeAt));
        }
        String why = v.stage() == BrowserVerdict.Stage.PREFLIGHT
            ? "Answer the preflight with Access-Control-Allow-Origin: " + origin
            : "Send Access-Control-Allow-Origin: " + origin + " on this response";
        return new Explanation.Fix(why + " (exactly the page's origin: scheme, host and port, no slash).", allowOrigin(eco, origin, f.credentials()), at);
      }
      case "MultipleAllowOriginValues":
        return new Explanation.Fix("Send exactly one Access-Control-Allow-Origin value: the caller's origin when it is allowed. If two layers both add it (a proxy and the application), remove it from one.",
            eco == Ecosystem.NGINX ? "map $http_origin $cors_origin {\n    default \"\";\n    \"" + origin + "\" $http_origin;\n}\nadd_header Access-Control-Allow-Origin $cors_origin always;\n# in front of an application that sets it too:\nproxy_hide_header Access-Control-Allow-Origin;" : allowOrigin(eco, origin, f.credentials()),
            lastWhere(r, "Access-Control-Allow-Origin").orElse(scopeAt));
      case "WildcardOriginNotAllowed":
        return new Explanation.Fix("With credentials the browser never accepts '*': send the caller's exact origin from an allow list, and Access-Control-Allow-Credentials: true.",
            allowOrigin(eco, origin, true), where(r, "Access-Control-Allow-Origin").orElse(scopeAt));
      case "InvalidAllowCredentials":
        return new Explanation.Fix("Requests with credentials: 'include' need Access-Control-Allow-Credentials: true (lower case) on every response, preflights included.",
            credentials(eco), where(r, "Access-Control-Allow-Credentials").or(() -> where(r, "Access-Control-Allow-Origin")).orElse(scopeAt));
      case "InvalidStatus":
        return new Explanation.Fix("Answer OPTIONS preflights with a 2xx status (204) and the CORS headers, before authentication, method limits or the application's routing see them.",
            answerOptions(eco, origin, f, routeOf(p, f)), r.status().where().orElse(scopeAt));
      case "DisallowedRedirect":
        return new Explanation.Fix("Browsers never follow a redirect on a preflight. Call the final URL directly (often https instead of http, or with the trailing slash), and do not redirect OPTIONS.",
            "", r.status().where().orElse(scopeAt));
      case "MethodDisallowedByPreflightResponse": {
        List<String> methods = merged(r, "Access-Control-Allow-Methods", f.method(), true);
        return new Explanation.Fix("Add " + f.method() + " to Access-Control-Allow-Methods (methods are compared as written; Fetch upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT).",
            allowMethods(eco, methods), where(r, "Access-Control-Allow-Methods").or(() -> where(r, "Access-Control-Allow-Origin")).orElse(scopeAt));
      }
      case "HeaderDisallowedByPreflightResponse": {
        String missing = headerFromReason(v.reason());
        List<String> headers = merged(r, "Access-Control-Allow-Headers", display(missing), false);
        return new Explanation.Fix("Add " + display(missing) + " to Access-Control-Allow-Headers"
            + (f.credentials() ? " by name ('*' is literal when credentials are included)." : "."),
            allowHeaders(eco, headers), where(r, "Access-Control-Allow-Headers").or(() -> where(r, "Access-Control-Allow-Origin")).orElse(scopeAt));
      }
      default:
        return new Explanation.Fix("See the console message above.", "", scopeAt);
    }
  }

  /** An allowed origin that differs from the page's only by scheme, a slash, case, www or a default port. */
  private static Optional<OriginMatcher.Exact> nearMiss(CorsPolicy p, String origin) {
    String want = loose(origin);
    for (OriginMatcher leaf : p.allowedOrigins().leaves()) {
      if (leaf instanceof OriginMatcher.Exact e && !e.origin().equals(origin) && loose(e.origin()).equals(want)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static String loose(String origin) {
    return origin.toLowerCase(Locale.ROOT).strip().replaceFirst("^[a-z]+://", "").replaceFirst("^www\\.", "")
        .replaceFirst("/+$", "").replaceFirst(":(443|80)$", "");
  }

  private static String difference(String listed, String origin) {
    String ls = listed.contains("://") ? listed.substring(0, listed.indexOf("://")) : "";
    String os = origin.contains("://") ? origin.substring(0, origin.indexOf("://")) : "";
    if (!ls.equalsIgnoreCase(os)) return ls.isEmpty() ? "no scheme" : "it says " + ls + ", the page uses " + os;
    if (listed.endsWith("/")) return "a trailing slash";
    if (!listed.equals(listed.toLowerCase(Locale.ROOT))) return "upper-case letters";
    if (listed.contains("://www.") != origin.contains("://www.")) return "www differs";
    return "a default port";
  }

  private static Optional<SourceSpan> where(Response r, String header) {
    if (r == null) return Optional.empty();
    return r.first(header).flatMap(h -> h.value().where());
  }

  private static Optional<SourceSpan> lastWhere(Response r, String header) {
    if (r == null) return Optional.empty();
    List<HeaderLine> all = r.all(header);
    return all.isEmpty() ? Optional.empty() : all.get(all.size() - 1).value().where();
  }

  private static List<String> merged(Response r, String header, String add, boolean exact) {
    Set<String> out = new LinkedHashSet<>();
    if (r != null) {
      r.value(header).ifPresent(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty() && !s.equals("*")).forEach(out::add));
    }
    boolean present = out.stream().anyMatch(s -> exact ? s.equals(add) : s.equalsIgnoreCase(add));
    if (!present) out.add(add);
    return new ArrayList<>(out);
  }

  private static String headerFromReason(String reason) {
    String prefix = "Request header field ";
    int i = reason.indexOf(prefix);
    if (i < 0) return "";
    String rest = reason.substring(i + prefix.length());
    return rest.substring(0, rest.indexOf(' '));
  }

  /** authorization → Authorization, x-api-key → X-Api-Key, for configuration files. */
  private static String display(String lower) {
    StringBuilder b = new StringBuilder();
    for (String part : lower.split("-")) {
      if (part.isEmpty()) continue;
      if (b.length() > 0) b.append('-');
      b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return b.toString();
  }

  private static String quoteList(List<String> items, String quote) {
    List<String> q = new ArrayList<>();
    for (String s : items) q.add(quote + s + quote);
    return String.join(", ", q);
  }

  private static String allowOrigin(Ecosystem eco, String origin, boolean credentials) {
    return switch (eco) {
      case NGINX -> "map $http_origin $cors_origin {\n    default \"\";\n    \"" + origin + "\" $http_origin;\n}\n"
          + "add_header Access-Control-Allow-Origin $cors_origin always;\nadd_header Vary Origin always;"
          + (credentials ? "\nadd_header Access-Control-Allow-Credentials true always;" : "");
      case EXPRESS -> "app.use(cors({ origin: ['" + origin + "']" + (credentials ? ", credentials: true" : "") + " }));";
      case DJANGO -> "CORS_ALLOWED_ORIGINS = [\"" + origin + "\"]" + (credentials ? "\nCORS_ALLOW_CREDENTIALS = True" : "");
      case SPRING -> "registry.addMapping(\"/**\")\n    .allowedOrigins(\"" + origin + "\")" + (credentials ? "\n    .allowCredentials(true)" : "") + ";";
    };
  }

  private static String credentials(Ecosystem eco) {
    return switch (eco) {
      case NGINX -> "add_header Access-Control-Allow-Credentials true always;";
      case EXPRESS -> "cors({ origin: [...], credentials: true })";
      case DJANGO -> "CORS_ALLOW_CREDENTIALS = True";
      case SPRING -> ".allowCredentials(true)";
    };
  }

  /** The scope's own route pattern when it is a path ({@code /widgets/:id}), else the requested path. */
  private static String routeOf(CorsPolicy p, CrossOriginFetch f) {
    String pattern = p.scope().pathPattern();
    return pattern != null && pattern.startsWith("/") ? pattern : f.path();
  }

  private static String answerOptions(Ecosystem eco, String origin, CrossOriginFetch f, String route) {
    return switch (eco) {
      case NGINX -> "# list OPTIONS in limit_except, or answer preflights before anything else:\n"
          + "if ($request_method = OPTIONS) {\n    add_header Access-Control-Allow-Origin $cors_origin always;\n"
          + "    add_header Access-Control-Allow-Methods \"GET, POST, " + f.method().toUpperCase(Locale.ROOT) + "\" always;\n"
          + "    add_header Access-Control-Allow-Headers \"Content-Type, Authorization\" always;\n    add_header Vary Origin always;\n    return 204;\n}";
      case EXPRESS -> "app.options('" + route + "', cors(corsOptions)); // or app.use(cors(corsOptions)) before the routes and any authentication";
      case DJANGO -> "MIDDLEWARE = [\n    \"corsheaders.middleware.CorsMiddleware\",  # first, before CommonMiddleware\n    ...\n]";
      case SPRING -> "http.cors(Customizer.withDefaults())  // in the SecurityFilterChain, so preflights skip authentication";
    };
  }

  private static String allowMethods(Ecosystem eco, List<String> methods) {
    return switch (eco) {
      case NGINX -> "add_header Access-Control-Allow-Methods \"" + String.join(", ", methods) + "\" always;";
      case EXPRESS -> "cors({ ..., methods: [" + quoteList(methods, "'") + "] })";
      case DJANGO -> "CORS_ALLOW_METHODS = [" + quoteList(methods, "\"") + "]";
      case SPRING -> ".allowedMethods(" + quoteList(methods, "\"") + ")";
    };
  }

  private static String allowHeaders(Ecosystem eco, List<String> headers) {
    return switch (eco) {
      case NGINX -> "add_header Access-Control-Allow-Headers \"" + String.join(", ", headers) + "\" always;";
      case EXPRESS -> "cors({ ..., allowedHeaders: [" + quoteList(headers, "'") + "] })";
      case DJANGO -> "from corsheaders.defaults import default_headers\nCORS_ALLOW_HEADERS = (*default_headers, " + quoteList(headers, "\"") + ")";
      case SPRING -> ".allowedHeaders(" + quoteList(headers, "\"") + ")";
    };
  }
}
