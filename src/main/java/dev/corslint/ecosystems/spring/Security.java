package dev.corslint.ecosystems.spring;

import dev.corslint.model.Request;
import dev.corslint.model.SourceSpan;
import java.util.List;

/** Spring Security as far as CORS is concerned: which chain answers a request, and whether it lets a preflight through. */
final class Security {

  private Security() {}

  enum CorsUse {
    /** The chain has no {@code cors(...)}: no CORS filter inside Security. */
    ABSENT,
    ENABLED,
    /** {@code cors(AbstractHttpConfigurer::disable)} or {@code cors().disable()}. */
    DISABLED
  }

  enum Access {
    PERMIT,
    AUTHENTICATED,
    DENY,
    /** A role, authority or expression: not granted to an anonymous request. */
    CONDITIONAL
  }

  /**
   * One rule of {@code authorizeHttpRequests}: method and path matchers, or a preflight matcher
   * ({@code CorsUtils::isPreFlightRequest}); an empty pattern list means any path.
   */
  record Rule(String method, List<PathPattern> patterns, boolean preflightOnly, Access access, SourceSpan span) {

    boolean matches(Request req, String path) {
      if (preflightOnly) return req.isPreflight();
      if (method != null && !method.equalsIgnoreCase(req.method())) return false;
      return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matches(path));
    }
  }

  /**
   * How the chain answers an unauthenticated request it refuses: 401 for HTTP Basic or a bearer token
   * resource server, a 302 to the login page for form login, 403 when nothing is configured.
   */
  record EntryPoint(int status, String mechanism, SourceSpan span) {}

  /**
   * A {@code SecurityFilterChain} bean.
   *
   * @param order {@code @Order} of the bean; chains are tried in this order
   * @param matchers {@code securityMatcher(...)}; empty for every request
   * @param cors whether the chain has a CORS filter
   * @param corsSource where its CORS configuration comes from when enabled
   * @param corsSpan the {@code cors(...)} call, or null
   * @param rules the authorization rules in order; empty when the chain authorizes nothing
   * @param authorizes whether the chain has authorization rules at all
   * @param filters hand-written filters added into the chain ahead of authorization
   * @param span the chain's declaration: where a {@code cors(...)} would be added
   */
  record Chain(
      int order,
      List<PathPattern> matchers,
      CorsUse cors,
      CorsSource corsSource,
      SourceSpan corsSpan,
      List<Rule> rules,
      boolean authorizes,
      EntryPoint entry,
      List<SpringApp.Layer> filters,
      SourceSpan span,
      String description) {

    boolean covers(String path) {
      return matchers.isEmpty() || matchers.stream().anyMatch(p -> p.matches(path));
    }

    /** The rule that decides {@code req}; null when the chain authorizes nothing. */
    Rule decide(Request req, String path) {
      for (Rule r : rules) if (r.matches(req, path)) return r;
      return null;
    }

    /** Whether an unauthenticated preflight to {@code path} is refused by this chain's authorization. */
    boolean refusesPreflight(Request preflight, String path) {
      if (!authorizes) return false;
      Rule r = decide(preflight, path);
      return r == null || r.access() != Access.PERMIT;
    }
  }
}
