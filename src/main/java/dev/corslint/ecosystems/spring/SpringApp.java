package dev.corslint.ecosystems.spring;

import dev.corslint.model.Alternative;
import dev.corslint.model.Environment;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Usage;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One Spring Boot application under one set of active profiles, as the layers a request passes: the servlet
 * (or WebFlux) filters in their order, Spring Security among them, then the handler mappings with their CORS
 * processing, then the handler. {@link #respond} walks a request through them the way Spring 6 does.
 */
final class SpringApp {

  /** A request handler method of a controller. */
  record Handler(
      PathPattern pattern,
      Set<String> methods,
      CorsSettings cors,
      SourceSpan span,
      String description,
      List<Usage> headerReads,
      HeaderCode writes) {

    boolean handles(String method) {
      if (methods.isEmpty()) return true;
      // Spring maps HEAD to GET handlers
      return methods.contains(method) || (method.equals("HEAD") && methods.contains("GET"));
    }
  }

  /** A layer in the filter chain. */
  interface Layer {
    int order();

    /** @return true when the layer answered and the request goes no further */
    boolean apply(SpringApp app, Request req, String path, ResponseDraft out);
  }

  /** Spring's {@code CorsFilter} (servlet) or {@code CorsWebFilter} (WebFlux) registered as a filter. */
  record CorsFilterLayer(int order, CorsSource source, SourceSpan span, String description) implements Layer {
    @Override
    public boolean apply(SpringApp app, Request req, String path, ResponseDraft out) {
      CorsSettings config = source.lookup(req, path);
      return app.processAsFilter(config, req, out, span);
    }
  }

  /** A hand-written filter that writes CORS headers. */
  record HeaderFilter(int order, HeaderCode code, List<PathPattern> urlPatterns, List<Usage> headerReads) implements Layer {
    boolean covers(String path) {
      return urlPatterns.isEmpty() || urlPatterns.stream().anyMatch(p -> p.matches(path));
    }

    @Override
    public boolean apply(SpringApp app, Request req, String path, ResponseDraft out) {
      if (!covers(path)) return false;
      HeaderCode.Outcome o = code.run(req, out);
      if (o == HeaderCode.Outcome.ERROR_PAGE) app.errorDispatch(req, out, out.status().get().orElse(500), out.status().where().orElse(null));
      return o != HeaderCode.Outcome.PROCEEDED;
    }
  }

  /** The Spring Security filter chain proxy. */
  record SecurityLayer(int order, List<Security.Chain> chains) implements Layer {
    Security.Chain chainFor(String path) {
      for (Security.Chain c : chains) if (c.covers(path)) return c;
      return null;
    }

    @Override
    public boolean apply(SpringApp app, Request req, String path, ResponseDraft out) {
      Security.Chain chain = chainFor(path);
      if (chain == null) return false;
      if (chain.cors() == Security.CorsUse.ENABLED && chain.corsSource() != null) {
        CorsSettings config = chain.corsSource().lookup(req, path);
        if (app.processAsFilter(config, req, out, chain.corsSpan() != null ? chain.corsSpan() : chain.span())) return true;
      }
      for (Layer f : chain.filters()) {
        if (f.apply(app, req, path, out)) return true;
      }
      if (!chain.authorizes()) return false;
      Security.Rule rule = chain.decide(req, path);
      boolean anonymous = req.isPreflight() || req.method().equals("OPTIONS");
      if (rule != null && rule.access() == Security.Access.PERMIT) return false;
      if (!anonymous && (rule == null || rule.access() != Security.Access.DENY)) return false; // the user is signed in
      SourceSpan at = rule != null ? rule.span() : chain.span();
      if (!anonymous) {
        out.status(403, at);
        return true;
      }
      Security.EntryPoint entry = chain.entry();
      out.status(entry.status(), at);
      if (entry.status() == 302) out.set("Location", Value.known("/login", entry.span()));
      return true;
    }
  }

  /** Actuator endpoints with {@code management.endpoints.web.cors.*}. */
  record Actuator(PathPattern endpoints, CorsSettings cors, SourceSpan span) {}

  /** The reason the application does not start, with the line that causes it. */
  record StartupFailure(String reason, SourceSpan span) {}

  final String name;
  final String profile;
  final Environment environment;
  boolean reactive;
  String contextPath = "";
  Value<Boolean> tls = Value.absent();
  Value<String> host = Value.absent();
  /** {@code server.port}, or null when the configuration leaves Spring's default 8080. */
  dev.corslint.model.Listening port;
  final List<Handler> handlers = new ArrayList<>();
  /** The handler mappings' global configuration ({@code CorsRegistry}), first match wins. */
  final List<CorsSource.Registration> registry = new ArrayList<>();
  final List<Layer> layers = new ArrayList<>();
  /** Filters that write no CORS header but read request headers (an authentication filter reading Authorization). */
  final List<HeaderFilter> headerReaders = new ArrayList<>();
  Actuator actuator;
  Gateway gateway;
  StartupFailure startupFailure;
  /** The placeholder defaults this model uses: it is the case where their keys are not set. */
  List<Alternative<String>> assumedDefaults = List.of();
  /** The same application with those keys set at deploy time, built when first asked. */
  Supplier<SpringApp> withInputsSet = () -> this;

  SpringApp(String name, String profile, Environment environment) {
    this.name = name;
    this.profile = profile;
    this.environment = environment;
  }

  List<Layer> orderedLayers() {
    List<Layer> out = new ArrayList<>(layers);
    out.sort(Comparator.comparingInt(Layer::order));
    return out;
  }

  List<Usage> filterHeaderReads(String path) {
    List<Usage> out = new ArrayList<>();
    for (HeaderFilter f : headerReaders) if (f.covers(path)) out.addAll(f.headerReads());
    return out;
  }

  SecurityLayer security() {
    for (Layer l : layers) if (l instanceof SecurityLayer s) return s;
    return null;
  }

  // ---- answering a request ----

  Response respond(Request req) {
    if (startupFailure != null) {
      return new Response(Value.unknown(startupFailure.reason(), startupFailure.span()), List.of());
    }
    ResponseDraft out = new ResponseDraft();
    String path = lookupPath(req.path());
    if (path == null) {
      out.status(404, null);
      return out.toResponse();
    }
    for (Layer layer : orderedLayers()) {
      if (layer.apply(this, req, path, out)) return out.toResponse();
    }
    if (gateway != null) gateway.dispatch(this, req, path, out);
    else dispatch(req, path, out);
    return out.toResponse();
  }

  /** The path inside the application, without {@code server.servlet.context-path}; null when outside it. */
  String lookupPath(String requestPath) {
    String p = requestPath == null || requestPath.isEmpty() ? "/" : requestPath;
    int q = p.indexOf('?');
    if (q >= 0) p = p.substring(0, q);
    if (contextPath.isEmpty() || contextPath.equals("/")) return p;
    if (p.equals(contextPath)) return "/";
    if (!p.startsWith(contextPath + "/")) return null;
    return p.substring(contextPath.length());
  }

  /**
   * {@code CorsFilter.doFilterInternal}: process, stop on a refusal or a preflight, otherwise go on.
   *
   * @return true when the filter answered
   */
  boolean processAsFilter(CorsSettings config, Request req, ResponseDraft out, SourceSpan at) {
    if (config != null && req.origin() != null && !out.has("Access-Control-Allow-Origin")
        && (config.wildcardWithCredentials() || config.wildcardWithPrivateNetwork())) {
      // the Vary lines are written, then CorsConfiguration.checkOrigin throws inside the filter
      SpringCorsProcessor.process(null, req.withOrigin(null), out, at);
      errorPage(req, out, config);
      return true;
    }
    SpringCorsProcessor.Verdict v = SpringCorsProcessor.process(config, req, out, at);
    if (v != SpringCorsProcessor.Verdict.VALID) return true;
    if (req.isPreflight() && req.origin() != null) {
      out.status(200, config != null ? config.declaredAt : at);
      return true;
    }
    return false;
  }

  /**
   * What follows an exception while a request is handled ({@code *} with credentials): the container forwards
   * to {@code /error}, keeping the headers written so far, and the error dispatch runs the handler mappings' CORS
   * processing again for {@code /error}. A preflight is then refused (403), an actual request gets the 500 page.
   */
  void errorPage(Request req, ResponseDraft out, CorsSettings failing) {
    errorDispatch(req, out, 500, failing.wildcardSpan());
  }

  /**
   * The container's error page for {@code status}: a forward to {@code /error} that keeps the headers written so
   * far and runs the handler mappings' CORS processing for {@code /error}, so a preflight is refused with 403
   * unless a registry mapping covers {@code /error}.
   */
  void errorDispatch(Request req, ResponseDraft out, int status, SourceSpan at) {
    if (reactive) {
      out.status(status, at);
      return;
    }
    boolean preflight = req.isPreflight() && req.origin() != null;
    CorsSettings global = null;
    for (CorsSource.Registration r : registry) {
      if (r.pattern().matches("/error")) {
        global = r.settings();
        break;
      }
    }
    if (preflight || !registry.isEmpty()) {
      if (global != null && (global.wildcardWithCredentials() || global.wildcardWithPrivateNetwork())) {
        out.status(500, at);
        return;
      }
      SpringCorsProcessor.Verdict v = SpringCorsProcessor.process(global, req, out, at);
      if (v != SpringCorsProcessor.Verdict.VALID) return;
      if (preflight) {
        out.status(200, at);
        return;
      }
    }
    out.status(status, at);
  }

  /** What the handler mappings decide for a request: the handler and the combined configuration. */
  record MvcDecision(Handler handler, boolean pathKnown, CorsSettings config, boolean corsChain) {}

  /** Spring MVC's {@code AbstractHandlerMapping.getHandler}: the handler for the request and its CORS configuration. */
  MvcDecision mvcConfig(Request req, String path) {
    if (actuator != null && actuator.endpoints().matches(path)) {
      return new MvcDecision(null, true, actuator.cors(), actuator.cors() != null || req.isPreflight());
    }
    boolean preflight = req.isPreflight() && req.origin() != null;
    String method = preflight ? req.requestMethod() : req.method();
    List<Handler> onPath = handlersOn(path);
    Handler best = null;
    for (Handler h : onPath) {
      if (!h.handles(method)) continue;
      if (best == null || h.pattern().specificity() > best.pattern().specificity()) best = h;
    }
    CorsSettings global = null;
    for (CorsSource.Registration r : registry) {
      if (r.pattern().matches(path)) {
        global = r.settings();
        break;
      }
    }
    CorsSettings handlerConfig = best == null ? null : best.cors();
    CorsSettings config = global != null ? global.combine(handlerConfig) : handlerConfig;
    boolean chain = preflight || handlerConfig != null || !registry.isEmpty();
    return new MvcDecision(best, !onPath.isEmpty(), config, chain);
  }

  /** Every configuration the handler mappings may use for requests to {@code path}. */
  List<CorsSettings> mvcConfigs(String path) {
    Set<CorsSettings> out = new LinkedHashSet<>();
    CorsSettings global = null;
    for (CorsSource.Registration r : registry) {
      if (r.pattern().matches(path)) {
        global = r.settings();
        break;
      }
    }
    if (actuator != null && actuator.endpoints().matches(path)) {
      if (actuator.cors() != null) out.add(actuator.cors());
      return new ArrayList<>(out);
    }
    List<Handler> onPath = handlersOn(path);
    for (Handler h : onPath) {
      CorsSettings c = global != null ? global.combine(h.cors()) : h.cors();
      if (c != null) out.add(c);
    }
    if (onPath.isEmpty() && global != null) out.add(global);
    return new ArrayList<>(out);
  }

  List<Handler> handlersOn(String path) {
    List<Handler> out = new ArrayList<>();
    for (Handler h : handlers) if (h.pattern().matches(path)) out.add(h);
    return out;
  }

  private void dispatch(Request req, String path, ResponseDraft out) {
    MvcDecision d = mvcConfig(req, path);
    boolean preflight = req.isPreflight() && req.origin() != null;
    if (!preflight && !req.method().equals("OPTIONS") && d.handler() == null && d.pathKnown()) {
      // The mapping refuses a method no handler of the path maps while it looks the handler up, before the
      // CORS checks: a 405 without Access-Control-* headers. Spring 6.2 still sends the registry's Vary lines
      // (seen live); they change no verdict.
      if (d.config() != null) {
        for (String v : SpringCorsProcessor.VARY) if (!out.values("Vary").contains(v)) out.add("Vary", Value.known(v, d.config().declaredAt));
      }
      out.status(405, null);
      return;
    }
    if (d.corsChain()) {
      if (d.config() != null && (d.config().wildcardWithCredentials() || d.config().wildcardWithPrivateNetwork())) {
        // validateAllowCredentials in getHandler throws before any CORS header is written
        errorPage(req, out, d.config());
        return;
      }
      SourceSpan missing = d.handler() != null ? d.handler().span() : null;
      SpringCorsProcessor.Verdict v = SpringCorsProcessor.process(d.config(), req, out, missing);
      if (v != SpringCorsProcessor.Verdict.VALID) return;
      if (preflight) {
        out.status(200, d.config() != null ? d.config().declaredAt : missing);
        return;
      }
    }
    if (d.handler() == null) {
      out.status(d.pathKnown() ? 405 : (actuator != null && actuator.endpoints().matches(path) ? req.handlerStatus() : 404), null);
      return;
    }
    if (d.handler().writes() != null) {
      HeaderCode.Outcome o = d.handler().writes().run(req, out);
      if (o == HeaderCode.Outcome.UNKNOWN) return;
    }
    out.status(req.handlerStatus(), d.handler().span());
  }
}
