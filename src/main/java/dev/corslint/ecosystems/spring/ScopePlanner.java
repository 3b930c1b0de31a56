package dev.corslint.ecosystems.spring;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.AnnotationExpr;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides the scopes of an application: one per handler mapping pattern, plus one per CORS registration pattern
 * (registry, source, gateway, actuator, filter) that no handler of the scan falls under.
 */
final class ScopePlanner {

  private ScopePlanner() {}

  static List<SpringCorsPolicy> policies(SpringApp app) {
    Map<String, List<SpringApp.Handler>> byPattern = new LinkedHashMap<>();
    Map<String, SourceSpan> spans = new LinkedHashMap<>();
    for (SpringApp.Handler h : app.handlers) {
      byPattern.computeIfAbsent(h.pattern().source(), k -> new ArrayList<>()).add(h);
      spans.putIfAbsent(h.pattern().source(), h.span());
    }
    Map<String, Declared> declared = new LinkedHashMap<>();
    for (CorsSource.Registration r : app.registry) declared.putIfAbsent(r.pattern().source(), new Declared(r.pattern(), r.span(), "CorsRegistry mapping"));
    for (SpringApp.Layer l : app.orderedLayers()) {
      if (l instanceof SpringApp.CorsFilterLayer f) addSource(f.source(), declared, f.description());
      if (l instanceof SpringApp.HeaderFilter f) {
        List<PathPattern> ps = f.urlPatterns().isEmpty() ? List.of(PathPattern.of("/**")) : f.urlPatterns();
        for (PathPattern p : ps) declared.putIfAbsent(p.source(), new Declared(p, f.code().declaredAt(), f.code().description()));
      }
      if (l instanceof SpringApp.SecurityLayer s) {
        for (Security.Chain c : s.chains()) {
          if (c.cors() == Security.CorsUse.ENABLED && c.corsSource() != null) addSource(c.corsSource(), declared, "the CORS source of " + c.description());
        }
      }
    }
    if (app.gateway != null) {
      for (CorsSource.Registration r : app.gateway.global) declared.putIfAbsent(r.pattern().source(), new Declared(r.pattern(), r.span(), "Gateway globalcors"));
      for (Gateway.Route r : app.gateway.routes) {
        for (PathPattern p : r.paths()) declared.putIfAbsent(p.source(), new Declared(p, r.span(), "Gateway route " + r.id()));
      }
    }
    if (app.actuator != null) {
      declared.putIfAbsent(app.actuator.endpoints().source(), new Declared(app.actuator.endpoints(), app.actuator.span(), "actuator endpoints"));
    }
    List<SpringCorsPolicy> out = new ArrayList<>();
    for (Map.Entry<String, List<SpringApp.Handler>> e : byPattern.entrySet()) {
      PathPattern p = PathPattern.of(e.getKey());
      String description = "Spring mapping " + app.contextPath + e.getKey();
      out.add(new SpringCorsPolicy(app, SpringExtractor.scope(app, description, spans.get(e.getKey()), e.getKey()), p, e.getValue()));
    }
    for (Declared d : declared.values()) {
      // a broad registration ("/**") is represented by the narrower ones and the handlers it covers
      boolean covered = byPattern.keySet().stream().anyMatch(h -> d.pattern().matches(PathPattern.of(h).samplePath()))
          || declared.values().stream().anyMatch(o -> o != d && o.pattern().specificity() > d.pattern().specificity()
              && d.pattern().matches(o.pattern().samplePath()));
      if (covered || d.span() == null) continue;
      String description = d.kind() + " " + app.contextPath + d.pattern().source();
      out.add(new SpringCorsPolicy(app, SpringExtractor.scope(app, description, d.span(), d.pattern().source()), d.pattern(), List.of()));
    }
    return out;
  }

  private record Declared(PathPattern pattern, SourceSpan span, String kind) {}

  private static void addSource(CorsSource source, Map<String, Declared> declared, String kind) {
    if (source instanceof CorsSource.UrlBased u) {
      for (CorsSource.Registration r : u.registrations()) declared.putIfAbsent(r.pattern().source(), new Declared(r.pattern(), r.span(), kind));
    } else if (source instanceof CorsSource.Fixed f) {
      declared.putIfAbsent("/**", new Declared(PathPattern.of("/**"), f.span(), kind));
    }
  }

  /** Profiles named by {@code @Profile} in the code: each is a variant worth building. */
  static Set<String> codeProfiles(JavaSources java, SpringProperties props) {
    Set<String> out = new LinkedHashSet<>();
    ValueEvaluator eval = new ValueEvaluator(java, props);
    for (CompilationUnit cu : java.relevantUnits()) {
      for (AnnotationExpr a : cu.findAll(AnnotationExpr.class)) {
        if (!ValueEvaluator.simpleName(a.getNameAsString()).equals("Profile")) continue;
        ValueEvaluator.attribute(a, "value").ifPresent(v -> {
          for (Entry e : eval.eval(v).items()) out.addAll(ConfigDocument.ProfileExpression.names(e.text()));
        });
      }
    }
    return out;
  }
}
