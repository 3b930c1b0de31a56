package dev.corslint.ecosystems.spring;

import dev.corslint.model.Request;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Spring Cloud Gateway: routes matched by their predicates, and {@code globalcors} applied by the route handler
 * mapping before a request is proxied.
 */
final class Gateway {

  /** A route with its {@code Path=} and {@code Method=} predicates. */
  record Route(String id, List<PathPattern> paths, Set<String> methods, String uri, SourceSpan span) {
    boolean matches(String method, String path) {
      if (!methods.isEmpty() && !methods.contains(method)) return false;
      return paths.isEmpty() || paths.stream().anyMatch(p -> p.matches(path));
    }
  }

  final List<CorsSource.Registration> global = new ArrayList<>();
  final List<Route> routes = new ArrayList<>();
  boolean addToSimpleUrlHandlerMapping;

  CorsSettings globalFor(String path) {
    for (CorsSource.Registration r : global) if (r.pattern().matches(path)) return r.settings();
    return null;
  }

  Route routeFor(Request req, String path) {
    for (Route r : routes) if (r.matches(req.method(), path)) return r;
    return null;
  }

  void dispatch(SpringApp app, Request req, String path, ResponseDraft out) {
    boolean preflight = req.isPreflight() && req.origin() != null;
    Route route = routeFor(req, path);
    if (route == null && !(preflight && addToSimpleUrlHandlerMapping)) {
      out.status(404, null);
      return;
    }
    CorsSettings config = globalFor(path);
    SourceSpan at = route != null ? route.span() : null;
    if (!global.isEmpty() || preflight) {
      if (config != null && (config.wildcardWithCredentials() || config.wildcardWithPrivateNetwork())) {
        app.errorPage(req, out, config);
        return;
      }
      SpringCorsProcessor.Verdict v = SpringCorsProcessor.process(config, req, out, at);
      if (v != SpringCorsProcessor.Verdict.VALID) return;
      if (preflight) {
        out.status(200, config != null ? config.declaredAt : at);
        return;
      }
    }
    out.status(req.handlerStatus(), at);
  }
}
