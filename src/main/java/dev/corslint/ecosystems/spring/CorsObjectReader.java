package dev.corslint.ecosystems.spring;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows the statements of a bean method, a lambda or {@code addCorsMappings} that build CORS objects:
 * {@code CorsConfiguration} setters, {@code UrlBasedCorsConfigurationSource.registerCorsConfiguration},
 * {@code CorsRegistry.addMapping(...)} chains, {@code CorsFilter}/{@code CorsWebFilter} and
 * {@code FilterRegistrationBean}. Branches on the active profile are decided; other branches are assumed taken,
 * with a notice.
 */
final class CorsObjectReader {

  private static final int MAX_DEPTH = 6;

  /** What a method body produced. */
  sealed interface Product permits Config, Source, Filter, Nothing {}

  record Config(CorsSettings settings) implements Product {}

  record Source(CorsSource source, boolean urlBased) implements Product {}

  /** A CORS filter bean: its source, order and URL patterns ({@code FilterRegistrationBean}). */
  record Filter(CorsSource source, Integer order, List<PathPattern> urlPatterns, SourceSpan span, boolean reactive) implements Product {}

  record Nothing(String reason) implements Product {}

  private final JavaSources sources;
  private final ValueEvaluator eval;
  private final Set<String> profiles;
  private final List<Notice> notices;
  private final Map<String, Product> beanRefs;
  private int depth;

  /**
   * @param beanRefs products of other bean methods by name, for sources passed around ({@code corsConfigurationSource()})
   */
  CorsObjectReader(JavaSources sources, ValueEvaluator eval, Set<String> profiles, List<Notice> notices, Map<String, Product> beanRefs) {
    this.sources = sources;
    this.eval = eval;
    this.profiles = profiles;
    this.notices = notices;
    this.beanRefs = beanRefs;
  }

  /** The state of the objects a body builds, by variable name. */
  private static final class Locals {
    final Map<String, CorsSettings> configs = new LinkedHashMap<>();
    final Map<String, List<CorsSource.Registration>> urlSources = new LinkedHashMap<>();
    final Map<String, SourceSpan> sourceSpans = new LinkedHashMap<>();
    final Map<String, Filter> registrations = new LinkedHashMap<>();
    final Map<String, List<CorsSource.Registration>> corsRegistrations = new LinkedHashMap<>();
    Product returned;
  }

  // ---- CorsRegistry ----

  /** {@code addCorsMappings(CorsRegistry registry)}: the registrations in order. */
  List<CorsSource.Registration> registry(MethodDeclaration method) {
    String registry = method.getParameters().isEmpty() ? "registry" : method.getParameter(0).getNameAsString();
    Locals locals = new Locals();
    List<CorsSource.Registration> out = new ArrayList<>();
    method.getBody().ifPresent(b -> registryStatements(b.getStatements(), registry, locals, out));
    return out;
  }

  private void registryStatements(List<Statement> stmts, String registry, Locals locals, List<CorsSource.Registration> out) {
    for (Statement s : stmts) {
      if (s instanceof BlockStmt b) registryStatements(b.getStatements(), registry, locals, out);
      else if (s instanceof ForEachStmt f) registryStatements(List.of(f.getBody()), registry, locals, out);
      else if (s instanceof TryStmt t) registryStatements(t.getTryBlock().getStatements(), registry, locals, out);
      else if (s instanceof IfStmt i) {
        Optional<Boolean> c = condition(i.getCondition());
        if (c.orElse(true)) registryStatements(List.of(i.getThenStmt()), registry, locals, out);
        else i.getElseStmt().ifPresent(e -> registryStatements(List.of(e), registry, locals, out));
      } else if (s instanceof ExpressionStmt es) {
        Expression x = es.getExpression();
        if (x instanceof VariableDeclarationExpr vde) {
          for (VariableDeclarator v : vde.getVariables()) {
            v.getInitializer().ifPresent(init -> {
              List<CorsSource.Registration> regs = registrationChain(init, registry, locals, out);
              if (regs != null) locals.corsRegistrations.put(v.getNameAsString(), regs);
            });
          }
        } else {
          registrationChain(x, registry, locals, out);
        }
      }
    }
  }

  /** Applies {@code registry.addMapping(p).allowedOrigins(...)...}; returns the registrations it touched. */
  private List<CorsSource.Registration> registrationChain(Expression x, String registry, Locals locals, List<CorsSource.Registration> out) {
    List<MethodCallExpr> chain = new ArrayList<>();
    Expression cur = x;
    while (cur instanceof MethodCallExpr m) {
      chain.add(0, m);
      cur = m.getScope().orElse(null);
    }
    if (!(cur instanceof NameExpr root) || chain.isEmpty()) return null;
    List<CorsSource.Registration> regs;
    int start;
    if (root.getNameAsString().equals(registry) && chain.get(0).getNameAsString().equals("addMapping")) {
      MethodCallExpr add = chain.get(0);
      Evaluated patterns = add.getArguments().isEmpty() ? Evaluated.none() : eval.eval(add.getArgument(0));
      if (!patterns.complete()) {
        notices.add(Notice.note("CORS mapping path not resolved: " + patterns.unknown() + "; this mapping is not analysed", sources.span(add)));
      }
      regs = new ArrayList<>();
      for (Entry p : patterns.items()) {
        SourceSpan addAt = sources.callSpan(add);
        CorsSettings cfg = new CorsSettings(CorsSettings.Kind.REGISTRY, addAt, "CorsRegistry mapping " + p.text())
            .applyPermitDefaults(addAt);
        CorsSource.Registration r = new CorsSource.Registration(PathPattern.of(p.text()), cfg, addAt);
        regs.add(r);
        out.add(r);
      }
      start = 1;
    } else if (locals.corsRegistrations.containsKey(root.getNameAsString())) {
      regs = locals.corsRegistrations.get(root.getNameAsString());
      start = 0;
    } else {
      return null;
    }
    for (int i = start; i < chain.size(); i++) {
      MethodCallExpr call = chain.get(i);
      for (CorsSource.Registration r : regs) registrationCall(call, r.settings());
    }
    return regs;
  }

  /** One {@code CorsRegistration} method. */
  private void registrationCall(MethodCallExpr call, CorsSettings cfg) {
    SourceSpan at = sources.callSpan(call);
    List<Expression> args = call.getArguments();
    switch (call.getNameAsString()) {
      case "allowedOrigins" -> set(args, at, cfg::setOrigins);
      case "allowedOriginPatterns" -> set(args, at, cfg::setOriginPatterns);
      case "allowedMethods" -> set(args, at, cfg::setMethods);
      case "allowedHeaders" -> set(args, at, cfg::setHeaders);
      case "exposedHeaders" -> set(args, at, cfg::setExposed);
      case "allowCredentials" -> cfg.credentials = bool(args, at, "allowCredentials");
      case "allowPrivateNetwork" -> cfg.privateNetwork = bool(args, at, "allowPrivateNetwork");
      case "maxAge" -> cfg.maxAge = seconds(args, at);
      case "combine" -> {
        if (args.size() == 1) {
          Optional<CorsSettings> other = configOf(args.get(0), new Locals());
          other.ifPresent(o -> {
            CorsSettings c = cfg.combine(o);
            copyInto(c, cfg);
          });
        }
      }
      default -> {}
    }
  }

  private static void copyInto(CorsSettings from, CorsSettings to) {
    to.origins = from.origins;
    to.originPatterns = from.originPatterns;
    to.methods = from.methods;
    to.headers = from.headers;
    to.exposed = from.exposed;
    to.credentials = from.credentials;
    to.privateNetwork = from.privateNetwork;
    to.maxAge = from.maxAge;
  }

  private interface ListSetter {
    void apply(List<Entry> values, SourceSpan at, String unknown);
  }

  private void set(List<Expression> args, SourceSpan at, ListSetter setter) {
    Evaluated v = eval.evalAll(args);
    if (!v.complete() && v.unknown() != null) {
      notices.add(Notice.note("CORS value not resolved: " + v.unknown() + "; findings that depend on it are skipped", at));
    }
    setter.apply(v.items(), at, v.unknown());
  }

  private Value<Boolean> bool(List<Expression> args, SourceSpan at, String what) {
    if (args.size() != 1) return Value.unknown(what + " without one argument", at);
    Evaluated v = eval.eval(args.get(0));
    Optional<String> t = v.text();
    if (t.isPresent() && (t.get().strip().equalsIgnoreCase("true") || t.get().strip().equalsIgnoreCase("false"))) {
      return Value.known(Boolean.parseBoolean(t.get().strip()), at);
    }
    if (t.isEmpty() && v.items().isEmpty() && v.complete()) return Value.absent(); // null
    notices.add(Notice.note(what + " not resolved: " + (v.unknown() == null ? "computed at run time" : v.unknown()), at));
    return Value.unknown(v.unknown() == null ? what + " is computed at run time" : v.unknown(), at);
  }

  private Value<Long> seconds(List<Expression> args, SourceSpan at) {
    if (args.size() != 1) return Value.unknown("maxAge without one argument", at);
    Evaluated v = eval.eval(args.get(0));
    Optional<Long> n = v.text().flatMap(ValueEvaluator::parseLong);
    if (n.isPresent()) return Value.known(n.get(), at);
    if (v.complete() && v.items().isEmpty()) return Value.absent();
    return Value.unknown(v.unknown() == null ? "maxAge is computed at run time" : v.unknown(), at);
  }

  // ---- CorsConfiguration, sources and filters in a body ----

  /** What a bean method returns. */
  Product product(MethodDeclaration method) {
    if (method.getBody().isEmpty()) return new Nothing("no body");
    Locals locals = new Locals();
    statements(method.getBody().get().getStatements(), locals);
    return locals.returned != null ? locals.returned : new Nothing("nothing CORS-related is returned");
  }

  /** What a lambda body or expression produces ({@code request -> config}). */
  Product product(LambdaExpr lambda) {
    Locals locals = new Locals();
    if (lambda.getBody() instanceof BlockStmt b) {
      statements(b.getStatements(), locals);
    } else if (lambda.getBody() instanceof ExpressionStmt es) {
      locals.returned = produced(es.getExpression(), locals);
    }
    return locals.returned != null ? locals.returned : new Nothing("nothing CORS-related is returned");
  }

  private void statements(List<Statement> stmts, Locals locals) {
    for (Statement s : stmts) {
      if (locals.returned != null) return;
      if (s instanceof BlockStmt b) statements(b.getStatements(), locals);
      else if (s instanceof ForEachStmt f) statements(List.of(f.getBody()), locals);
      else if (s instanceof TryStmt t) statements(t.getTryBlock().getStatements(), locals);
      else if (s instanceof IfStmt i) {
        Optional<Boolean> c = condition(i.getCondition());
        if (c.orElse(true)) statements(List.of(i.getThenStmt()), locals);
        else i.getElseStmt().ifPresent(e -> statements(List.of(e), locals));
      } else if (s instanceof ReturnStmt r) {
        r.getExpression().ifPresent(x -> locals.returned = produced(x, locals));
        if (locals.returned == null) locals.returned = new Nothing("returns something else");
      } else if (s instanceof ExpressionStmt es) {
        expression(es.getExpression(), locals);
      }
    }
  }

  private void expression(Expression x, Locals locals) {
    if (x instanceof VariableDeclarationExpr vde) {
      for (VariableDeclarator v : vde.getVariables()) v.getInitializer().ifPresent(init -> bind(v.getNameAsString(), init, locals));
      return;
    }
    if (x instanceof AssignExpr as && as.getTarget() instanceof NameExpr t) {
      bind(t.getNameAsString(), as.getValue(), locals);
      return;
    }
    if (!(x instanceof MethodCallExpr m) || m.getScope().isEmpty() || !(m.getScope().get() instanceof NameExpr scope)) return;
    String var = scope.getNameAsString();
    if (locals.configs.containsKey(var)) configCall(m, locals.configs.get(var), locals);
    else if (locals.urlSources.containsKey(var)) sourceCall(m, locals.urlSources.get(var), locals);
    else if (locals.registrations.containsKey(var)) registrationBeanCall(m, var, locals);
  }

  private void bind(String name, Expression init, Locals locals) {
    Expression e = HeaderCodeReader.unwrap(init);
    Optional<CorsSettings> cfg = configOf(e, locals);
    if (cfg.isPresent()) {
      locals.configs.put(name, cfg.get());
      return;
    }
    if (e instanceof ObjectCreationExpr o && o.getType().getNameAsString().equals("UrlBasedCorsConfigurationSource")) {
      locals.urlSources.put(name, new ArrayList<>());
      locals.sourceSpans.put(name, sources.lineSpan(o));
      return;
    }
    if (produced(e, locals) instanceof Filter f) locals.registrations.put(name, f);
  }

  /** A {@code CorsConfiguration} expression: {@code new CorsConfiguration()}, permit defaults, a copy, a variable, a helper. */
  private Optional<CorsSettings> configOf(Expression raw, Locals locals) {
    Expression e = HeaderCodeReader.unwrap(raw);
    if (e instanceof NameExpr n && locals.configs.containsKey(n.getNameAsString())) return Optional.of(locals.configs.get(n.getNameAsString()));
    if (e instanceof ObjectCreationExpr o && o.getType().getNameAsString().equals("CorsConfiguration")) {
      CorsSettings s = new CorsSettings(CorsSettings.Kind.BEAN, sources.lineSpan(o), "CorsConfiguration");
      if (o.getArguments().size() == 1) configOf(o.getArgument(0), locals).ifPresent(other -> copyInto(other, s));
      return Optional.of(s);
    }
    if (e instanceof MethodCallExpr m && m.getNameAsString().equals("applyPermitDefaultValues") && m.getScope().isPresent()) {
      return configOf(m.getScope().get(), locals).map(c -> c.applyPermitDefaults(sources.callSpan(m)));
    }
    if (e instanceof MethodCallExpr m && m.getNameAsString().equals("setAllowedOriginPatterns") && m.getScope().isPresent()) {
      Optional<CorsSettings> c = configOf(m.getScope().get(), locals);
      c.ifPresent(cfg -> configCall(m, cfg, locals));
      return c;
    }
    if (e instanceof MethodCallExpr m && m.getNameAsString().equals("combine") && m.getScope().isPresent() && m.getArguments().size() == 1) {
      Optional<CorsSettings> a = configOf(m.getScope().get(), locals);
      Optional<CorsSettings> b = configOf(m.getArgument(0), locals);
      if (a.isPresent() && b.isPresent()) return Optional.of(a.get().combine(b.get()));
    }
    if (e instanceof MethodCallExpr m && (m.getScope().isEmpty() || m.getScope().get() instanceof ThisExpr) && depth < MAX_DEPTH) {
      Optional<MethodDeclaration> helper = helper(m);
      if (helper.isPresent() && helper.get().getType().asString().endsWith("CorsConfiguration")) {
        depth++;
        Product p = product(helper.get());
        depth--;
        if (p instanceof Config c) return Optional.of(c.settings());
      }
    }
    return Optional.empty();
  }

  private Optional<MethodDeclaration> helper(MethodCallExpr m) {
    Optional<TypeDeclaration<?>> type = m.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
    if (type.isEmpty()) return Optional.empty();
    for (MethodDeclaration md : type.get().getMethodsByName(m.getNameAsString())) {
      if (md.getParameters().size() == m.getArguments().size()) return Optional.of(md);
    }
    return Optional.empty();
  }

  private void configCall(MethodCallExpr m, CorsSettings cfg, Locals locals) {
    SourceSpan at = sources.callSpan(m);
    List<Expression> args = m.getArguments();
    switch (m.getNameAsString()) {
      case "setAllowedOrigins" -> set(args, at, cfg::setOrigins);
      case "addAllowedOrigin" -> set(args, at, cfg::addOrigins);
      case "setAllowedOriginPatterns" -> set(args, at, cfg::setOriginPatterns);
      case "addAllowedOriginPattern" -> set(args, at, cfg::addOriginPatterns);
      case "setAllowedMethods" -> set(args, at, cfg::setMethods);
      case "addAllowedMethod" -> set(args, at, cfg::addMethods);
      case "setAllowedHeaders" -> set(args, at, cfg::setHeaders);
      case "addAllowedHeader" -> set(args, at, cfg::addHeaders);
      case "setExposedHeaders" -> set(args, at, cfg::setExposed);
      case "addExposedHeader" -> set(args, at, cfg::addExposed);
      case "setAllowCredentials" -> cfg.credentials = bool(args, at, "allowCredentials");
      case "setAllowPrivateNetwork" -> cfg.privateNetwork = bool(args, at, "allowPrivateNetwork");
      case "setMaxAge" -> cfg.maxAge = seconds(args, at);
      case "applyPermitDefaultValues" -> cfg.applyPermitDefaults(at);
      default -> {}
    }
  }

  private void sourceCall(MethodCallExpr m, List<CorsSource.Registration> regs, Locals locals) {
    if (m.getNameAsString().equals("registerCorsConfiguration") && m.getArguments().size() == 2) {
      Evaluated patterns = eval.eval(m.getArgument(0));
      Optional<CorsSettings> cfg = configOf(m.getArgument(1), locals);
      if (cfg.isEmpty()) {
        notices.add(Notice.note("the CorsConfiguration registered here is not built in this method; it is not analysed", sources.span(m)));
        return;
      }
      for (Entry p : patterns.items()) regs.add(new CorsSource.Registration(PathPattern.of(p.text()), cfg.get(), sources.lineSpan(m)));
    } else if (m.getNameAsString().equals("setCorsConfigurations") && m.getArguments().size() == 1
        && m.getArgument(0) instanceof MethodCallExpr map && map.getNameAsString().equals("of")) {
      List<Expression> kv = map.getArguments();
      for (int i = 0; i + 1 < kv.size(); i += 2) {
        Optional<String> p = eval.eval(kv.get(i)).text();
        Optional<CorsSettings> cfg = configOf(kv.get(i + 1), locals);
        if (p.isPresent() && cfg.isPresent()) regs.add(new CorsSource.Registration(PathPattern.of(p.get()), cfg.get(), sources.lineSpan(m)));
      }
    }
  }

  private void registrationBeanCall(MethodCallExpr m, String var, Locals locals) {
    Filter f = locals.registrations.get(var);
    switch (m.getNameAsString()) {
      case "setOrder" -> {
        if (m.getArguments().size() == 1) {
          Optional<Long> n = eval.number(m.getArgument(0));
          locals.registrations.put(var, new Filter(f.source(), n.map(Long::intValue).orElse(null), f.urlPatterns(), f.span(), f.reactive()));
        }
      }
      case "addUrlPatterns", "setUrlPatterns" -> {
        List<PathPattern> patterns = new ArrayList<>(m.getNameAsString().equals("addUrlPatterns") ? f.urlPatterns() : List.of());
        for (Entry e : eval.evalAll(m.getArguments()).items()) patterns.add(servletPattern(e.text()));
        locals.registrations.put(var, new Filter(f.source(), f.order(), patterns, f.span(), f.reactive()));
      }
      default -> {}
    }
  }

  /** Servlet URL patterns ({@code /api/*}) in path-pattern form. */
  static PathPattern servletPattern(String p) {
    if (p.equals("/*") || p.equals("/")) return PathPattern.of("/**");
    if (p.endsWith("/*")) return PathPattern.of(p.substring(0, p.length() - 2) + "/**");
    return PathPattern.of(p);
  }

  /** What an expression (a returned value) is: a configuration, a source, a filter. */
  private Product produced(Expression raw, Locals locals) {
    Expression e = HeaderCodeReader.unwrap(raw);
    if (e instanceof NameExpr n) {
      String name = n.getNameAsString();
      if (locals.configs.containsKey(name)) return new Config(locals.configs.get(name));
      if (locals.urlSources.containsKey(name)) {
        return new Source(new CorsSource.UrlBased(locals.urlSources.get(name), locals.sourceSpans.get(name)), true);
      }
      if (locals.registrations.containsKey(name)) return locals.registrations.get(name);
    }
    Optional<CorsSettings> cfg = configOf(e, locals);
    if (cfg.isPresent()) return new Config(cfg.get());
    if (e instanceof LambdaExpr l) {
      Product p = product(l);
      if (p instanceof Config c) return new Source(new CorsSource.Fixed(c.settings(), sources.lineSpan(l)), false);
      return p;
    }
    if (e instanceof ObjectCreationExpr o) {
      String type = o.getType().getNameAsString();
      if ((type.equals("CorsFilter") || type.equals("CorsWebFilter")) && !o.getArguments().isEmpty()) {
        Product src = sourceOf(o.getArgument(0), locals);
        CorsSource s = src instanceof Source so ? so.source() : null;
        if (s == null) return new Nothing("the source of this " + type + " is not built here");
        return new Filter(s, null, List.of(), sources.lineSpan(o), type.equals("CorsWebFilter"));
      }
      if (type.equals("FilterRegistrationBean") && !o.getArguments().isEmpty()) {
        Product inner = produced(o.getArgument(0), locals);
        if (inner instanceof Filter f) {
          List<PathPattern> patterns = new ArrayList<>();
          for (int i = 1; i < o.getArguments().size(); i++) {
            for (Entry x : eval.eval(o.getArgument(i)).items()) patterns.add(servletPattern(x.text()));
          }
          return new Filter(f.source(), f.order(), patterns, f.span(), false);
        }
      }
    }
    if (e instanceof MethodCallExpr m) {
      Product ref = beanRef(m);
      if (ref != null) return ref;
    }
    return sourceOf(e, locals);
  }

  /** A {@code CorsConfigurationSource} expression: a local source, a lambda, another bean method. */
  Product sourceOf(Expression raw, Locals locals) {
    Expression e = HeaderCodeReader.unwrap(raw);
    if (e instanceof NameExpr n && locals.urlSources.containsKey(n.getNameAsString())) {
      return new Source(new CorsSource.UrlBased(locals.urlSources.get(n.getNameAsString()), locals.sourceSpans.get(n.getNameAsString())), true);
    }
    if (e instanceof LambdaExpr l) {
      Product p = product(l);
      if (p instanceof Config c) return new Source(new CorsSource.Fixed(c.settings(), sources.lineSpan(l)), false);
      return p;
    }
    if (e instanceof MethodCallExpr m) {
      Product ref = beanRef(m);
      if (ref instanceof Source) return ref;
    }
    if (e instanceof NameExpr n && beanRefs.containsKey("type:CorsConfigurationSource")) {
      // an injected source: the one source bean of the application
      return beanRefs.get("type:CorsConfigurationSource");
    }
    return new Nothing("a CORS configuration source that is not built in the scanned sources");
  }

  /** {@code corsConfigurationSource()}: another bean method of the same class. */
  private Product beanRef(MethodCallExpr m) {
    if (m.getScope().isPresent() && !(m.getScope().get() instanceof ThisExpr)) return null;
    Product known = beanRefs.get(m.getNameAsString());
    if (known != null) return known;
    if (depth >= MAX_DEPTH) return null;
    Optional<MethodDeclaration> helper = helper(m);
    if (helper.isEmpty()) return null;
    depth++;
    Product p = product(helper.get());
    depth--;
    return p instanceof Nothing ? null : p;
  }

  /** Public entry for a source expression outside a method body being followed. */
  Product sourceExpression(Expression e) {
    return sourceOf(e, new Locals());
  }

  // ---- conditions on the active profile ----

  /** A condition Spring decides from the active profiles or from properties; empty when it cannot be told. */
  Optional<Boolean> condition(Expression raw) {
    Expression e = HeaderCodeReader.unwrap(raw);
    if (e instanceof MethodCallExpr m) {
      String name = m.getNameAsString();
      if ((name.equals("acceptsProfiles") || name.equals("matchesProfiles")) && !m.getArguments().isEmpty()) {
        List<String> names = new ArrayList<>();
        for (Expression a : m.getArguments()) {
          Expression x = HeaderCodeReader.unwrap(a);
          if (x instanceof MethodCallExpr of && of.getNameAsString().equals("of")) {
            for (Entry en : eval.evalAll(of.getArguments()).items()) names.add(en.text());
          } else {
            eval.eval(x).items().forEach(en -> names.add(en.text()));
          }
        }
        return Optional.of(names.stream().anyMatch(n -> ConfigDocument.ProfileExpression.matches(n, profiles)));
      }
      if (name.equals("contains") && m.getScope().isPresent() && m.getScope().get().toString().contains("getActiveProfiles")
          && m.getArguments().size() == 1) {
        return eval.eval(m.getArgument(0)).text().map(p -> profiles.contains(p));
      }
    }
    Optional<Boolean> b = eval.bool(e);
    if (b.isEmpty()) {
      notices.add(Notice.note("CORS code under the condition " + ValueEvaluator.abbreviate(e)
          + " is assumed to run (the condition is decided at run time)", sources.span(e)));
    }
    return b;
  }
}
