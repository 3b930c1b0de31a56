package dev.corslint.browser;

import dev.corslint.model.HeaderLine;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The browser's side of CORS: the Fetch standard's CORS check and preflight, with the console messages
 * Chromium 156 prints (captured from the real browser). Checks run in Chromium's order: a redirected
 * preflight reports the redirect; a preflight without {@code Access-Control-Allow-Origin} reports that
 * before its status; methods before headers.
 */
public final class Browser {

  private static final Set<String> SAFELISTED_METHODS = Set.of("GET", "HEAD", "POST");
  private static final Set<String> SAFELISTED_CONTENT_TYPES =
      Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");
  private static final Set<String> FORBIDDEN_REQUEST_HEADERS =
      Set.of(
          "accept-charset", "accept-encoding", "access-control-request-headers",
          "access-control-request-method", "connection", "content-length", "cookie", "cookie2", "date",
          "dnt", "expect", "host", "keep-alive", "origin", "referer", "te", "trailer",
          "transfer-encoding", "upgrade", "via");
  private static final String PREFLIGHT_PREFIX = "Response to preflight request doesn't pass access control check: ";

  private Browser() {}

  /** Runs {@code fetch} against {@code server}: preflight when needed, then the actual request. */
  public static BrowserVerdict fetch(CrossOriginFetch fetch, Function<Request, Response> server) {
    return fetch(fetch, server, 200);
  }

  /**
   * Like {@link #fetch(CrossOriginFetch, Function)}, with the status the application behind the configured
   * layer answers the actual request with (to see what happens to a 500).
   */
  public static BrowserVerdict fetch(CrossOriginFetch fetch, Function<Request, Response> server, int handlerStatus) {
    Optional<String> mixed = mixedContent(fetch);
    if (mixed.isPresent()) {
      return new BrowserVerdict(
          false, true, false, BrowserVerdict.Stage.MIXED_CONTENT, "mixed-content", mixed.get(), mixed.get(),
          null, null);
    }
    List<String> unsafe = unsafeHeaderNames(fetch.headers());
    boolean needsPreflight = !SAFELISTED_METHODS.contains(fetch.method()) || !unsafe.isEmpty();
    Response preflight = null;
    if (needsPreflight) {
      Request req =
          new Request(fetch.path(), "OPTIONS", fetch.origin() == null ? "null" : fetch.origin(), fetch.method(),
              unsafe, false, handlerStatus);
      preflight = server.apply(req);
      Failure f = checkPreflight(fetch, preflight, unsafe);
      if (f != null) return failed(fetch, f, true, BrowserVerdict.Stage.PREFLIGHT, preflight, null);
    }
    Request actualReq =
        new Request(fetch.path(), fetch.method(), fetch.origin() == null ? "null" : fetch.origin(), null,
            List.of(), fetch.credentials(), handlerStatus);
    Response actual = server.apply(actualReq);
    Failure f = checkAccess(fetch, actual, false);
    if (f != null) return failed(fetch, f, needsPreflight, BrowserVerdict.Stage.ACTUAL, preflight, actual);
    if (actual.status().get().map(Browser::isRedirect).orElse(false)) {
      // The browser follows the redirect and checks CORS again on the target, which the configuration of this
      // scope does not describe.
      Failure follow = new Failure("Unknown", "the response redirects (" + actual.value("Location").orElse("no Location known")
          + "); the browser checks CORS again on the redirect target", false);
      return failed(fetch, follow, needsPreflight, BrowserVerdict.Stage.ACTUAL, preflight, actual);
    }
    return new BrowserVerdict(true, true, needsPreflight, BrowserVerdict.Stage.NONE, null, null, null, preflight, actual);
  }

  /** The statuses fetch treats as redirects. */
  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** Whether a request with these headers and method needs a preflight. */
  public static boolean needsPreflight(String method, Map<String, String> headers) {
    return !SAFELISTED_METHODS.contains(CrossOriginFetch.normalizeMethod(method))
        || !unsafeHeaderNames(headers).isEmpty();
  }

  /** Lower-case, sorted names of the headers that are not CORS-safelisted, as the preflight lists them. */
  public static List<String> unsafeHeaderNames(Map<String, String> headers) {
    TreeSet<String> out = new TreeSet<>();
    for (Map.Entry<String, String> e : headers.entrySet()) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if (FORBIDDEN_REQUEST_HEADERS.contains(name) || name.startsWith("proxy-") || name.startsWith("sec-")) continue;
      if (!isSafelisted(name, e.getValue() == null ? "" : e.getValue())) out.add(name);
    }
    return new ArrayList<>(out);
  }

  static boolean isSafelisted(String name, String value) {
    if (value.length() > 128) return false;
    return switch (name) {
      case "accept", "accept-language", "content-language" -> true;
      case "content-type" -> {
        String essence = value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        yield SAFELISTED_CONTENT_TYPES.contains(essence);
      }
      default -> false;
    };
  }

  /** The console line Chromium prints for a blocked request. */
  public static String consoleMessage(CrossOriginFetch fetch, String reason) {
    return "Access to fetch at '" + fetch.url() + "' from origin '" + fetch.serializedOrigin()
        + "' has been blocked by CORS policy: " + reason;
  }

  private record Failure(String corsError, String reason, boolean known) {}

  private static BrowserVerdict failed(
      CrossOriginFetch fetch, Failure f, boolean preflightSent, BrowserVerdict.Stage stage, Response pre,
      Response actual) {
    String console = f.known() ? consoleMessage(fetch, f.reason()) : null;
    return new BrowserVerdict(false, f.known(), preflightSent, stage, f.corsError(), f.reason(), console, pre, actual);
  }

  private static Failure checkPreflight(CrossOriginFetch fetch, Response pre, List<String> unsafe) {
    Optional<Integer> status = pre.status().get();
    if (status.isPresent() && isRedirect(status.get())) {
      return new Failure("PreflightDisallowedRedirect", PREFLIGHT_PREFIX + "Redirect is not allowed for a preflight request.", true);
    }
    Failure access = checkAccess(fetch, pre, true);
    if (access != null) return access;
    if (status.isEmpty()) {
      return new Failure("Unknown", "the preflight status is not known statically", false);
    }
    if (status.get() < 200 || status.get() > 299) {
      return new Failure("PreflightInvalidStatus", PREFLIGHT_PREFIX + "It does not have HTTP ok status.", true);
    }
    Known methods = joined(pre, "Access-Control-Allow-Methods");
    if (!methods.known()) return new Failure("Unknown", "Access-Control-Allow-Methods is not known statically", false);
    List<String> allowedMethods = list(methods.value());
    String m = fetch.method();
    boolean methodOk =
        SAFELISTED_METHODS.contains(m)
            || allowedMethods.contains(m)
            || (!fetch.credentials() && allowedMethods.contains("*"));
    if (!methodOk) {
      return new Failure(
          "MethodDisallowedByPreflightResponse",
          "Method " + m + " is not allowed by Access-Control-Allow-Methods in preflight response.", true);
    }
    Known headers = joined(pre, "Access-Control-Allow-Headers");
    if (!headers.known()) return new Failure("Unknown", "Access-Control-Allow-Headers is not known statically", false);
    List<String> allowed = list(headers.value()).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    for (String h : unsafe) {
      // Chromium 156 lets a non-credentialed '*' cover Authorization too (only a deprecation issue).
      boolean ok = allowed.contains(h) || (!fetch.credentials() && allowed.contains("*"));
      if (!ok) {
        return new Failure(
            "HeaderDisallowedByPreflightResponse",
            "Request header field " + h + " is not allowed by Access-Control-Allow-Headers in preflight response.", true);
      }
    }
    return null;
  }

  /** The CORS check of the Fetch standard: Access-Control-Allow-Origin, then -Credentials. */
  private static Failure checkAccess(CrossOriginFetch fetch, Response r, boolean preflight) {
    String p = preflight ? PREFLIGHT_PREFIX : "";
    String e = preflight ? "Preflight" : "";
    List<HeaderLine> acao = r.all("Access-Control-Allow-Origin");
    if (acao.isEmpty()) {
      return new Failure(
          e + "MissingAllowOriginHeader",
          p + "No 'Access-Control-Allow-Origin' header is present on the requested resource.", true);
    }
    Known origin = joined(r, "Access-Control-Allow-Origin");
    if (!origin.known()) return new Failure("Unknown", "Access-Control-Allow-Origin is not known statically", false);
    String value = origin.value();
    // Chromium splits on commas and on spaces: "a b" is two values too.
    if (acao.size() > 1 || value.contains(",") || value.strip().contains(" ")) {
      return new Failure(
          e + "MultipleAllowOriginValues",
          p + "The 'Access-Control-Allow-Origin' header contains multiple values '" + value
              + "', but only one is allowed. Have the server send the header with a valid value.", true);
    }
    if (value.isEmpty()) {
      return new Failure(
          e + "InvalidAllowOriginValue",
          p + "The 'Access-Control-Allow-Origin' header contains the invalid value ''. Have the server send the header with a valid value.", true);
    }
    if (value.equals("*")) {
      if (fetch.credentials()) {
        return new Failure(
            e + "WildcardOriginNotAllowed",
            p + "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.", true);
      }
    } else if (!value.equals(fetch.serializedOrigin())) {
      return new Failure(
          e + "AllowOriginMismatch",
          p + "The 'Access-Control-Allow-Origin' header has a value '" + value
              + "' that is not equal to the supplied origin. Have the server send the header with a valid value.", true);
    }
    if (fetch.credentials()) {
      Known acac = joined(r, "Access-Control-Allow-Credentials");
      if (!acac.known()) return new Failure("Unknown", "Access-Control-Allow-Credentials is not known statically", false);
      if (!"true".equals(acac.value())) {
        return new Failure(
            e + "InvalidAllowCredentials",
            p + "The value of the 'Access-Control-Allow-Credentials' header in the response is '" + acac.value()
                + "' which must be 'true' when the request's credentials mode is 'include'.", true);
      }
    }
    return null;
  }

  /** Mixed content: an https page calling a plain-http URL that is not loopback is blocked before CORS. */
  static Optional<String> mixedContent(CrossOriginFetch fetch) {
    if (fetch.origin() == null || !fetch.origin().startsWith("https://") || !fetch.url().startsWith("http://")) {
      return Optional.empty();
    }
    String host = fetch.url().substring("http://".length()).split("[/:?#]", 2)[0].toLowerCase(Locale.ROOT);
    if (host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.") || host.equals("[::1]")) {
      return Optional.empty();
    }
    return Optional.of(mixedContentMessage(fetch.origin() + "/", fetch.url()));
  }

  /** The console line Chromium prints when an https page requests an http resource. */
  public static String mixedContentMessage(String pageUrl, String url) {
    return "Mixed Content: The page at '" + pageUrl + "' was loaded over HTTPS, but requested an insecure resource '"
        + url + "'. This request has been blocked; the content must be served over HTTPS.";
  }

  private record Known(boolean known, String value) {}

  /** All lines of a header joined with ", " as the browser sees them; unknown if any value is unknown. */
  private static Known joined(Response r, String name) {
    List<String> values = new ArrayList<>();
    for (HeaderLine h : r.all(name)) {
      Value<String> v = h.value();
      if (!v.isKnown()) return new Known(false, null);
      values.add(v.get().orElse(""));
    }
    return new Known(true, String.join(", ", values));
  }

  private static List<String> list(String value) {
    if (value == null || value.isBlank()) return List.of();
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
