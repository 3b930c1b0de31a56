package dev.corslint.rules;

import dev.corslint.browser.Browser;
import dev.corslint.browser.BrowserVerdict;
import dev.corslint.browser.CrossOriginFetch;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The requests rules send to a policy: a legitimate origin's actual requests and preflights, and the URL and
 * origin that console messages quote. One place, so every rule probes the same way.
 */
public final class PolicyProbe {

  /** An origin no configuration means to trust. */
  public static final String ATTACKER = "https://attacker.example";

  private static final String FALLBACK_ORIGIN = "https://app.example.com";

  private final CorsPolicy policy;
  private final String legitOrigin;

  public PolicyProbe(CorsPolicy policy) {
    this.policy = policy;
    this.legitOrigin = chooseLegitOrigin(policy.allowedOrigins());
  }

  /** An origin the scope means to allow: the first intended origin it accepts. */
  public String legitOrigin() {
    return legitOrigin;
  }

  private static String chooseLegitOrigin(OriginMatcher matcher) {
    for (String o : matcher.intendedOrigins()) {
      if (matcher.accepts(o) == Tri.YES) return o;
    }
    return FALLBACK_ORIGIN;
  }

  /**
   * The URL console messages quote for this scope. Plain http only when the page is plain http too, so that
   * CORS messages are not masked by mixed content (a rule of its own).
   */
  public String url() {
    boolean http = policy.scope().tls().is(false) && legitOrigin.startsWith("http://");
    String scheme = http ? "http" : "https";
    String host = policy.scope().host().get().orElse("api.example.com");
    return scheme + "://" + host + policy.samplePath();
  }

  public Response actual(String origin, String method) {
    return policy.respond(Request.actual(policy.samplePath(), method, origin));
  }

  public Response actual(String origin, String method, int handlerStatus, boolean credentials) {
    return policy.respond(
        Request.actual(policy.samplePath(), method, origin).withHandlerStatus(handlerStatus).withCredentials(credentials));
  }

  public Response preflight(String origin, String method, List<String> headers) {
    return policy.respond(Request.preflight(policy.samplePath(), origin, method, headers));
  }

  /** A fetch from the legitimate origin. */
  public CrossOriginFetch fetch(String method) {
    return new CrossOriginFetch(url(), policy.samplePath(), legitOrigin, method, Map.of(), false);
  }

  public BrowserVerdict run(CrossOriginFetch fetch) {
    return Browser.fetch(fetch, policy::respond);
  }

  public BrowserVerdict run(CrossOriginFetch fetch, int handlerStatus) {
    return Browser.fetch(fetch, policy::respond, handlerStatus);
  }

  /** One legitimate request rules look at, with its response. */
  public record LegitExchange(String label, Response response, boolean preflight) {}

  /** Simple GET and POST, and a preflight for PUT with a JSON body and Authorization, from the legitimate origin. */
  public List<LegitExchange> legitExchanges() {
    return List.of(
        new LegitExchange("GET requests", actual(legitOrigin, "GET"), false),
        new LegitExchange("POST requests", actual(legitOrigin, "POST"), false),
        new LegitExchange("preflight requests", preflight(legitOrigin, "PUT", List.of("content-type", "authorization")), true));
  }

  /** The responses of {@link #legitExchanges()}. */
  public List<Response> legitResponses() {
    return legitExchanges().stream().map(LegitExchange::response).toList();
  }

  /** The values of {@code header} anywhere in the scope's configuration, reachable or not. */
  public List<String> declaredValues(String header) {
    List<String> out = new ArrayList<>();
    for (HeaderLine h : policy.declaredHeaders()) {
      if (h.is(header)) h.value().get().ifPresent(out::add);
    }
    for (Response r : legitResponses()) r.value(header).ifPresent(out::add);
    return out;
  }

  /**
   * Whether the server answers a preflight for a plain GET with no request headers with 2xx and
   * Access-Control-Allow-Origin: the baseline that shows a refused preflight is refused for its method or
   * headers, not for everything.
   */
  public boolean plainPreflightPasses() {
    return plainPreflightPasses(200);
  }

  /** Like {@link #plainPreflightPasses()}, with the code behind the configured layer answering {@code handlerStatus}. */
  public boolean plainPreflightPasses(int handlerStatus) {
    Response r = policy.respond(Request.preflight(policy.samplePath(), legitOrigin, "GET", List.of()).withHandlerStatus(handlerStatus));
    return r.isOk() && r.has("Access-Control-Allow-Origin");
  }

  /**
   * Whether this scope sends any CORS header to a legitimate origin: on one of {@link #legitExchanges()}, on
   * the actual request of a method the scope handles, or on a plain preflight. Where the handlers take only,
   * say, PUT, GET and POST may get no CORS header at all: refused before any CORS layer runs (Spring's handler
   * lookup answers 405), or CORS configured on the PUT route alone (Express {@code app.put(path, cors(), h)}).
   */
  public boolean configuresCors() {
    if (legitResponses().stream().anyMatch(Response::hasCorsHeaders)) return true;
    for (Usage u : policy.usages()) {
      if (u.kind() == Usage.Kind.METHOD && actual(legitOrigin, u.name()).hasCorsHeaders()) return true;
    }
    return plainPreflightPasses();
  }

  /** The span of the first line that sets {@code header} on any legitimate response. */
  public Optional<SourceSpan> whereSet(String header) {
    for (Response r : legitResponses()) {
      for (HeaderLine h : r.all(header)) {
        Optional<SourceSpan> s = h.value().where();
        if (s.isPresent()) return s;
      }
    }
    return Optional.empty();
  }

  /** The span of the first declared line of {@code header}, reachable or not. */
  public Optional<SourceSpan> whereDeclared(String header) {
    return policy.declaredHeaders().stream().filter(h -> h.is(header)).findFirst().flatMap(h -> h.value().where());
  }

  /** Where credentials are switched on, as a related location. */
  public List<RelatedLocation> credentialsRelated() {
    return policy.credentials().where()
        .filter(s -> policy.credentials().is(true))
        .map(s -> List.of(new RelatedLocation(s, "credentials are allowed here")))
        .orElse(List.of());
  }

  public boolean credentials() {
    return policy.credentials().is(true);
  }

  /** "with the user's cookies" when credentials are allowed. */
  public String withCookies() {
    return credentials() ? " with the user's cookies" : "";
  }

  /** Whether a header value lists {@code token} (comma separated, case-insensitive). */
  public static boolean lists(String headerValue, String token) {
    if (headerValue == null) return false;
    for (String part : headerValue.split(",")) {
      if (part.trim().toLowerCase(Locale.ROOT).equals(token.toLowerCase(Locale.ROOT))) return true;
    }
    return false;
  }
}
