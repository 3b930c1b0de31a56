package dev.corslint.ecosystems.spring;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Spring Security chains, lambda DSL and the older {@code .and()} style alike: {@code securityMatcher}, whether
 * {@code cors(...)} is there and which source it uses, the {@code authorizeHttpRequests} rules in order, and the
 * authentication mechanism that answers a refused anonymous request.
 */
final class SecurityChainReader {

  private static final List<String> STATIC_RESOURCES =
      List.of("/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.*", "/*/icon-*");

  private final JavaSources sources;
  private final ValueEvaluator eval;
  private final CorsObjectReader objects;
  private final List<Notice> notices;

  SecurityChainReader(JavaSources sources, ValueEvaluator eval, CorsObjectReader objects, List<Notice> notices) {
    this.sources = sources;
    this.eval = eval;
    this.objects = objects;
    this.notices = notices;
  }

  /** A chain as read, before its default CORS source is resolved against the application's beans. */
  static final class Draft {
    int order = Integer.MAX_VALUE;
    final List<PathPattern> matchers = new ArrayList<>();
    Security.CorsUse cors = Security.CorsUse.ABSENT;
    CorsSource corsSource;
    boolean corsSourceUnresolved;
    SourceSpan corsSpan;
    final List<Security.Rule> rules = new ArrayList<>();
    boolean authorizes;
    final List<String> mechanisms = new ArrayList<>();
    final List<SourceSpan> mechanismSpans = new ArrayList<>();
    Integer entryStatus;
    SourceSpan entrySpan;
    final List<Expression> addedFilters = new ArrayList<>();
    SourceSpan span;
    String description;
    boolean reactive;

    /**
     * The entry point a preflight ({@code Accept: *}{@code /*}) meets: HTTP Basic or a resource server answer 401
     * whatever else is configured (Spring Boot's default chain with form login too); form login alone redirects.
     */
    Security.EntryPoint entryPoint() {
      if (entryStatus != null) return new Security.EntryPoint(entryStatus, "authenticationEntryPoint", entrySpan);
      for (String preferred : List.of("httpBasic", "oauth2ResourceServer")) {
        int i = mechanisms.indexOf(preferred);
        if (i >= 0) return new Security.EntryPoint(401, preferred, mechanismSpans.get(i));
      }
      for (int i = 0; i < mechanisms.size(); i++) {
        if (List.of("formLogin", "oauth2Login", "saml2Login").contains(mechanisms.get(i))) {
          return new Security.EntryPoint(302, mechanisms.get(i), mechanismSpans.get(i));
        }
      }
      return new Security.EntryPoint(reactive ? 401 : 403, "none", span);
    }
  }

  /** Reads a {@code SecurityFilterChain} bean method or a {@code configure(HttpSecurity)} override. */
  Draft read(MethodDeclaration method) {
    Draft d = new Draft();
    d.order = SpringAnnotations.order(method, eval);
    if (d.order == Integer.MAX_VALUE) {
      d.order = method.findAncestor(TypeDeclaration.class).map(t -> SpringAnnotations.order((TypeDeclaration<?>) t, eval)).orElse(Integer.MAX_VALUE);
    }
    d.span = sources.lineSpan(method.getName());
    String owner = method.findAncestor(TypeDeclaration.class).map(t -> ((TypeDeclaration<?>) t).getNameAsString() + ".").orElse("");
    d.description = "the Spring Security chain " + owner + method.getNameAsString();
    d.reactive = method.getType().asString().contains("SecurityWebFilterChain")
        || method.getParameters().stream().anyMatch(p -> p.getType().asString().contains("ServerHttpSecurity"));
    String http = method.getParameters().stream()
        .filter(p -> p.getType().asString().endsWith("HttpSecurity"))
        .map(p -> p.getNameAsString()).findFirst().orElse("http");
    List<MethodCallExpr> roots = new ArrayList<>();
    method.getBody().ifPresent(b -> {
      for (MethodCallExpr m : b.findAll(MethodCallExpr.class)) {
        if (chainRoot(m).filter(n -> n.getNameAsString().equals(http)).isPresent() && isOutermost(m)) roots.add(m);
      }
    });
    roots.sort(Comparator.comparing(m -> sources.span(m)));
    for (MethodCallExpr root : roots) chain(flatten(root), d, Context.HTTP);
    return d;
  }

  private enum Context { HTTP, CORS, AUTHORIZE, ENTRY, OTHER }

  private void chain(List<MethodCallExpr> calls, Draft d, Context start) {
    Context ctx = start;
    PendingMatcher pending = null;
    for (MethodCallExpr c : calls) {
      String name = c.getNameAsString();
      List<Expression> args = c.getArguments();
      if (name.equals("and")) {
        ctx = Context.HTTP;
        continue;
      }
      if (name.equals("disable") && args.isEmpty()) {
        // disable() returns the HttpSecurity
        if (ctx == Context.CORS) d.cors = Security.CorsUse.DISABLED;
        ctx = Context.HTTP;
        continue;
      }
      if (ctx == Context.CORS) {
        if (name.equals("configurationSource") && args.size() == 1) setSource(d, args.get(0));
        continue;
      }
      if (ctx == Context.AUTHORIZE) {
        if (isMatcherCall(name)) {
          pending = matcher(c);
          continue;
        }
        Security.Access access = access(name);
        if (access != null && pending != null) {
          d.rules.add(new Security.Rule(pending.method, pending.patterns, pending.preflight, access, sources.callSpan(c)));
          pending = null;
          continue;
        }
        continue;
      }
      if (ctx == Context.ENTRY) {
        if (name.equals("authenticationEntryPoint") && args.size() == 1) entryPoint(args.get(0), d, sources.callSpan(c));
        continue;
      }
      switch (name) {
        case "cors" -> {
          d.corsSpan = sources.callSpan(c);
          if (args.isEmpty()) {
            d.cors = Security.CorsUse.ENABLED;
            ctx = Context.CORS;
          } else {
            d.cors = Security.CorsUse.ENABLED;
            customizer(args.get(0), inner -> {
              chain(inner, d, Context.CORS);
              return null;
            }, d);
          }
        }
        case "authorizeHttpRequests", "authorizeRequests", "authorizeExchange" -> {
          d.authorizes = true;
          if (args.isEmpty()) ctx = Context.AUTHORIZE;
          else customizer(args.get(0), inner -> {
            chain(inner, d, Context.AUTHORIZE);
            return null;
          }, d);
        }
        case "securityMatcher", "antMatcher", "mvcMatcher", "regexMatcher" -> {
          for (Expression a : args) d.matchers.addAll(patterns(a));
        }
        case "securityMatchers", "requestMatchers" -> {
          if (ctx == Context.HTTP && !args.isEmpty()) {
            customizer(args.get(0), inner -> {
              for (MethodCallExpr m : inner) if (isMatcherCall(m.getNameAsString())) d.matchers.addAll(matcher(m).patterns);
              return null;
            }, d);
          }
        }
        case "httpBasic", "formLogin", "oauth2ResourceServer", "oauth2Login", "saml2Login" -> {
          boolean disabled = !args.isEmpty() && isDisable(args.get(0));
          if (!disabled) {
            d.mechanisms.add(name);
            d.mechanismSpans.add(sources.callSpan(c));
          }
          ctx = args.isEmpty() ? Context.OTHER : ctx;
        }
        case "exceptionHandling" -> {
          if (args.isEmpty()) ctx = Context.ENTRY;
          else customizer(args.get(0), inner -> {
            chain(inner, d, Context.ENTRY);
            return null;
          }, d);
        }
        case "addFilterBefore", "addFilterAt", "addFilterAfter", "addFilter" -> {
          if (!args.isEmpty()) d.addedFilters.add(args.get(0));
        }
        default -> {
          if (args.isEmpty() && ctx == Context.HTTP && !name.equals("build") && !name.equals("disable")) ctx = Context.OTHER;
        }
      }
    }
  }

  /** Handles {@code Customizer.withDefaults()}, {@code AbstractHttpConfigurer::disable} and lambdas. */
  private void customizer(Expression arg, Function<List<MethodCallExpr>, Void> body, Draft d) {
    Expression a = HeaderCodeReader.unwrap(arg);
    if (isDisable(a)) {
      body.apply(List.of(disableCall()));
      return;
    }
    if (a instanceof LambdaExpr l) {
      String param = l.getParameters().isEmpty() ? null : l.getParameter(0).getNameAsString();
      List<Statement> stmts = new ArrayList<>();
      if (l.getBody() instanceof BlockStmt b) stmts.addAll(b.getStatements());
      else stmts.add(l.getBody());
      for (Statement s : stmts) {
        if (!(s instanceof ExpressionStmt es) || !(es.getExpression() instanceof MethodCallExpr m)) continue;
        List<MethodCallExpr> calls = flatten(m);
        if (!calls.isEmpty() && chainRoot(calls.get(0)).filter(n -> n.getNameAsString().equals(param)).isPresent()) {
          body.apply(calls);
        }
      }
    }
  }

  private static MethodCallExpr disableCall() {
    return new MethodCallExpr("disable");
  }

  private static boolean isDisable(Expression a) {
    if (a instanceof MethodReferenceExpr r) return r.getIdentifier().equals("disable");
    if (a instanceof LambdaExpr l) return l.getBody().toString().replace(" ", "").matches("\\w+\\.disable\\(\\);?|\\{\\w+\\.disable\\(\\);}");
    return false;
  }

  private void setSource(Draft d, Expression source) {
    CorsObjectReader.Product p = objects.sourceExpression(source);
    if (p instanceof CorsObjectReader.Source s) d.corsSource = s.source();
    else {
      d.corsSourceUnresolved = true;
      notices.add(Notice.note("the CORS source of this security chain is not built in the scanned sources; its origins are unknown",
          sources.span(source)));
    }
  }

  private void entryPoint(Expression e, Draft d, SourceSpan at) {
    Expression x = HeaderCodeReader.unwrap(e);
    if (x instanceof ObjectCreationExpr o && o.getType().getNameAsString().equals("HttpStatusEntryPoint") && o.getArguments().size() == 1) {
      Optional<Long> n = eval.number(o.getArgument(0));
      if (n.isPresent()) {
        d.entryStatus = n.get().intValue();
        d.entrySpan = at;
        return;
      }
    }
    if (x instanceof ObjectCreationExpr o && o.getType().getNameAsString().contains("BasicAuthenticationEntryPoint")) {
      d.entryStatus = 401;
      d.entrySpan = at;
      return;
    }
    if (x instanceof ObjectCreationExpr o && o.getType().getNameAsString().equals("Http403ForbiddenEntryPoint")) {
      d.entryStatus = 403;
      d.entrySpan = at;
    }
  }

  // ---- matchers ----

  private record PendingMatcher(String method, List<PathPattern> patterns, boolean preflight) {}

  private static final java.util.Set<String> MATCHER_CALLS = java.util.Set.of(
      "requestMatchers", "antMatchers", "mvcMatchers", "regexMatchers", "anyRequest", "pathMatchers", "anyExchange", "matchers");

  private static boolean isMatcherCall(String name) {
    return MATCHER_CALLS.contains(name);
  }

  private PendingMatcher matcher(MethodCallExpr c) {
    String name = c.getNameAsString();
    if (name.equals("anyRequest") || name.equals("anyExchange")) return new PendingMatcher(null, List.of(), false);
    String method = null;
    List<PathPattern> patterns = new ArrayList<>();
    boolean preflight = false;
    boolean unknown = false;
    for (Expression a : c.getArguments()) {
      Expression x = HeaderCodeReader.unwrap(a);
      String text = x.toString();
      if (text.startsWith("HttpMethod.")) {
        method = text.substring("HttpMethod.".length()).toUpperCase(Locale.ROOT);
      } else if (x instanceof MethodReferenceExpr r && r.getIdentifier().equals("isPreFlightRequest")) {
        preflight = true;
      } else {
        List<PathPattern> p = patterns(x);
        if (p.isEmpty()) unknown = true;
        patterns.addAll(p);
      }
    }
    if (unknown && patterns.isEmpty() && !preflight) {
      notices.add(Notice.note("this security matcher is not understood; the rule is assumed not to match API paths", sources.span(c)));
      patterns.add(PathPattern.of("/__corslint_unmatched__"));
    }
    if (patterns.isEmpty() && method != null) patterns.add(PathPattern.of("/**"));
    return new PendingMatcher(method, patterns, preflight);
  }

  private List<PathPattern> patterns(Expression raw) {
    Expression x = HeaderCodeReader.unwrap(raw);
    String text = x.toString();
    if (text.startsWith("PathRequest.toStaticResources")) return STATIC_RESOURCES.stream().map(PathPattern::of).toList();
    if (text.startsWith("EndpointRequest.")) return List.of(PathPattern.of("/actuator/**"));
    if (x instanceof ObjectCreationExpr o && !o.getArguments().isEmpty()) return patterns(o.getArgument(0));
    if (x instanceof MethodCallExpr m && (m.getNameAsString().equals("antMatcher") || m.getNameAsString().equals("pathMatchers")
        || m.getNameAsString().equals("mvcMatcher"))) {
      List<PathPattern> out = new ArrayList<>();
      for (Expression a : m.getArguments()) if (!a.toString().startsWith("HttpMethod.")) out.addAll(patterns(a));
      return out;
    }
    Evaluated v = eval.eval(x);
    List<PathPattern> out = new ArrayList<>();
    for (Entry e : v.items()) if (e.text().startsWith("/")) out.add(PathPattern.of(e.text()));
    return out;
  }

  private static Security.Access access(String name) {
    return switch (name) {
      case "permitAll" -> Security.Access.PERMIT;
      case "authenticated", "fullyAuthenticated", "rememberMe" -> Security.Access.AUTHENTICATED;
      case "denyAll" -> Security.Access.DENY;
      case "hasRole", "hasAnyRole", "hasAuthority", "hasAnyAuthority", "access", "hasIpAddress", "anonymous", "not" -> Security.Access.CONDITIONAL;
      default -> null;
    };
  }

  // ---- chain helpers ----

  /** The calls of a fluent chain, first call first. */
  static List<MethodCallExpr> flatten(MethodCallExpr last) {
    List<MethodCallExpr> out = new ArrayList<>();
    Expression cur = last;
    while (cur instanceof MethodCallExpr m) {
      out.add(0, m);
      cur = m.getScope().orElse(null);
    }
    return out;
  }

  static Optional<NameExpr> chainRoot(MethodCallExpr m) {
    Expression cur = m;
    while (cur instanceof MethodCallExpr c) cur = c.getScope().orElse(null);
    return cur instanceof NameExpr n ? Optional.of(n) : Optional.empty();
  }

  /** Whether no call of the same chain encloses this one as its scope. */
  private static boolean isOutermost(MethodCallExpr m) {
    Optional<Node> parent = m.getParentNode();
    return parent.isEmpty() || !(parent.get() instanceof MethodCallExpr p && p.getScope().filter(s -> s == m).isPresent());
  }
}
