package dev.corslint.ecosystems.spring;

import dev.corslint.model.Alternative;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.LayerOrder;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Scope;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Usage;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One mapping pattern of a Spring application: the handlers mapped there, or a CORS registration that no handler
 * of the scan falls under. It answers any request through the whole application model, so that probes see what
 * Spring would send.
 */
final class SpringCorsPolicy implements CorsPolicy {

  private final SpringApp app;
  private final Scope scope;
  private final PathPattern pattern;
  private final String lookupSample;
  private final List<SpringApp.Handler> handlers;

  SpringCorsPolicy(SpringApp app, Scope scope, PathPattern pattern, List<SpringApp.Handler> handlers) {
    this.app = app;
    this.scope = scope;
    this.pattern = pattern;
    this.lookupSample = pattern.samplePath();
    this.handlers = List.copyOf(handlers);
  }

  SpringApp app() {
    return app;
  }

  @Override
  public Scope scope() {
    return scope;
  }

  /** {@code server.port}, else Spring Boot's default 8080, which a {@code SERVER_PORT} variable may replace. */
  @Override
  public List<dev.corslint.model.Listening> listening() {
    return List.of(app.port != null ? app.port : new dev.corslint.model.Listening(8080, true, scope.span()));
  }

  @Override
  public String samplePath() {
    return app.contextPath + lookupSample;
  }

  @Override
  public List<Alternative<String>> assumedDefaults() {
    return app.assumedDefaults;
  }

  /** The same mapping in the application built with the keys of {@link #assumedDefaults()} set at deploy time. */
  @Override
  public CorsPolicy withInputsSet() {
    return app.assumedDefaults.isEmpty() ? this : new SpringCorsPolicy(app.withInputsSet.get(), scope, pattern, handlers);
  }

  @Override
  public Response respond(Request request) {
    try {
      return app.respond(request);
    } catch (RuntimeException | StackOverflowError e) {
      return new Response(Value.unknown("the Spring model failed on this request: " + e, scope.span()), List.of());
    }
  }

  /** Every configuration a request to this scope may meet, in the order the layers apply them. */
  List<CorsSettings> configurations() {
    Set<CorsSettings> out = new LinkedHashSet<>();
    String path = lookupSample;
    for (SpringApp.Layer l : app.orderedLayers()) {
      if (l instanceof SpringApp.CorsFilterLayer f) out.addAll(f.source().all(path));
      if (l instanceof SpringApp.SecurityLayer s) {
        Security.Chain c = s.chainFor(path);
        if (c != null && c.cors() == Security.CorsUse.ENABLED && c.corsSource() != null) out.addAll(c.corsSource().all(path));
        if (c != null) {
          for (SpringApp.Layer inner : c.filters()) if (inner instanceof SpringApp.CorsFilterLayer f) out.addAll(f.source().all(path));
        }
      }
    }
    if (app.gateway != null) {
      CorsSettings g = app.gateway.globalFor(path);
      if (g != null) out.add(g);
    } else {
      out.addAll(app.mvcConfigs(path));
    }
    return new ArrayList<>(out);
  }

  /** Hand-written code that writes CORS headers for this scope. */
  private List<HeaderCode> headerCode() {
    List<HeaderCode> out = new ArrayList<>();
    for (SpringApp.Layer l : app.orderedLayers()) {
      if (l instanceof SpringApp.HeaderFilter f && f.covers(lookupSample)) out.add(f.code());
      if (l instanceof SpringApp.SecurityLayer s) {
        Security.Chain c = s.chainFor(lookupSample);
        if (c != null) {
          for (SpringApp.Layer inner : c.filters()) {
            if (inner instanceof SpringApp.HeaderFilter f && f.covers(lookupSample)) out.add(f.code());
          }
        }
      }
    }
    for (SpringApp.Handler h : handlers) if (h.writes() != null) out.add(h.writes());
    return out;
  }

  /**
   * Serves {@code path} when it is inside the application and this scope's pattern is the most specific one of
   * the application that matches it (a handler's pattern before a CORS registration's).
   */
  @Override
  public Tri serves(String path) {
    String inside = app.lookupPath(path);
    if (inside == null || !pattern.matches(inside)) return Tri.NO;
    for (SpringApp.Handler h : app.handlers) {
      if (h.pattern().equals(pattern) || !h.pattern().matches(inside)) continue;
      if (handlers.isEmpty() || h.pattern().specificity() > pattern.specificity()) return Tri.NO;
    }
    return Tri.YES;
  }

  /** Every CORS header line the configurations of this scope can send, reachable or not, with its line. */
  @Override
  public List<HeaderLine> declaredHeaders() {
    List<HeaderLine> out = new ArrayList<>();
    for (CorsSettings c : configurations()) {
      if (c.origins != null) {
        for (Entry e : c.origins.entries()) out.add(line("Access-Control-Allow-Origin", e.text(), e.span()));
      }
      if (c.originPatterns != null) {
        for (Entry e : c.originPatterns.entries()) out.add(line("Access-Control-Allow-Origin", e.text(), e.span()));
      }
      List<String> methods = c.resolvedMethods();
      out.add(line("Access-Control-Allow-Methods", methods == null ? "*" : String.join(",", methods), c.methodsSpan()));
      if (c.headers != null && !c.headers.entries().isEmpty()) {
        out.add(line("Access-Control-Allow-Headers", join(c.headers), c.headersSpan()));
      }
      if (c.exposed != null && !c.exposed.entries().isEmpty()) {
        out.add(line("Access-Control-Expose-Headers", join(c.exposed), c.exposed.span() != null ? c.exposed.span() : c.declaredAt));
      }
      if (c.credentials.is(true)) out.add(new HeaderLine("Access-Control-Allow-Credentials", c.credentials.map(b -> "true"), ResponseDraft.LAYER));
      if (c.maxAge.isKnown()) out.add(new HeaderLine("Access-Control-Max-Age", c.maxAge.map(String::valueOf), ResponseDraft.LAYER));
    }
    for (HeaderCode code : headerCode()) {
      for (HeaderCode.GuardedWrite w : code.writes()) {
        HeaderCode.Write write = w.write();
        Value<String> v = write.value() instanceof HeaderCode.Literal l ? Value.known(l.text(), write.span())
            : Value.unknown("the request's origin, echoed", write.span());
        out.add(new HeaderLine(write.name(), v, ResponseDraft.LAYER));
      }
    }
    return out;
  }

  private static HeaderLine line(String name, String value, SourceSpan span) {
    return new HeaderLine(name, Value.known(value, span), ResponseDraft.LAYER);
  }

  private static String join(CorsSettings.ListSetting list) {
    return String.join(", ", list.entries().stream().map(Entry::text).toList());
  }

  @Override
  public OriginMatcher allowedOrigins() {
    List<OriginMatcher> out = new ArrayList<>();
    for (CorsSettings c : configurations()) out.add(c.matcher());
    for (HeaderCode h : headerCode()) out.add(h.originMatcher());
    return OriginMatcher.anyOf(out);
  }

  @Override
  public Value<Boolean> credentials() {
    Value<Boolean> unknown = null;
    for (CorsSettings c : configurations()) {
      if (c.credentials.is(true)) return c.credentials;
      if (c.credentials.isUnknown() && unknown == null) unknown = c.credentials;
    }
    for (HeaderCode h : headerCode()) {
      Value<Boolean> v = h.credentials();
      if (v.is(true)) return v;
      if (v.isUnknown() && unknown == null) unknown = v;
    }
    return unknown != null ? unknown : Value.absent();
  }

  @Override
  public List<Usage> usages() {
    List<Usage> out = new ArrayList<>();
    for (SpringApp.Handler h : handlers) {
      for (String m : h.methods()) {
        out.add(new Usage(Usage.Kind.METHOD, m, h.span(), h.description()));
      }
      out.addAll(h.headerReads());
    }
    for (SpringApp.Layer l : app.orderedLayers()) {
      if (l instanceof SpringApp.HeaderFilter f && f.covers(lookupSample)) out.addAll(f.headerReads());
    }
    out.addAll(app.filterHeaderReads(lookupSample));
    return out;
  }

  @Override
  public List<LayerOrder> layerOrder() {
    SpringApp.SecurityLayer security = app.security();
    if (security == null) return List.of();
    Security.Chain chain = security.chainFor(lookupSample);
    if (chain == null || chain.cors() == Security.CorsUse.ENABLED) return List.of();
    String method = firstPreflightedMethod();
    Request preflight = Request.preflight(samplePath(), "https://app.example.com", method, List.of("content-type"));
    if (!chain.refusesPreflight(preflight, lookupSample)) return List.of();
    // what CORS there is behind the chain, for this scope
    SourceSpan later = null;
    String what = null;
    for (SpringApp.Layer l : app.orderedLayers()) {
      if (l.order() <= security.order()) continue;
      if (l instanceof SpringApp.CorsFilterLayer f && !f.source().all(lookupSample).isEmpty()) {
        later = f.span();
        what = f.description();
        break;
      }
      if (l instanceof SpringApp.HeaderFilter f && f.covers(lookupSample) && f.code().writesCorsHeaders()) {
        later = f.code().declaredAt();
        what = f.code().description();
        break;
      }
    }
    SourceSpan corsLayer = later;
    String description;
    Security.Rule rule = chain.decide(preflight, lookupSample);
    SourceSpan earlier = rule != null ? rule.span() : chain.span();
    int status = chain.entry().status();
    String answer = status == 302 ? "redirects them to the login page" : "answers them " + status;
    if (later != null) {
      description = chain.description() + " refuses unauthenticated preflights to " + lookupSample + " and " + answer + " before " + what
          + " runs, because that filter is ordered after Spring Security; give it a higher precedence (FilterRegistrationBean.setOrder(Ordered.HIGHEST_PRECEDENCE)) or use http.cors(...)";
    } else {
      List<CorsSettings> mvc = app.gateway == null ? app.mvcConfigs(lookupSample) : List.of();
      if (mvc.isEmpty()) return List.of();
      corsLayer = chain.corsSpan() != null ? chain.corsSpan() : chain.span();
      SourceSpan config = mvc.get(0).declaredAt;
      description = chain.description() + (chain.cors() == Security.CorsUse.DISABLED ? " disables CORS and" : " has no cors(...), so it")
          + " refuses unauthenticated preflights to " + lookupSample + " and " + answer + " before the Spring MVC CORS configuration ("
          + (config == null ? "the handler mapping" : config.toString()) + ") runs; add .cors(Customizer.withDefaults()) to the chain";
    }
    return List.of(new LayerOrder(corsLayer, earlier, description, true));
  }

  private String firstPreflightedMethod() {
    for (SpringApp.Handler h : handlers) {
      for (String m : h.methods()) if (!Set.of("GET", "HEAD", "POST").contains(m)) return m;
    }
    return "PUT";
  }
}
