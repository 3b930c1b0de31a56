package dev.corslint.ecosystems.spring;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.corslint.model.Environment;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds the model of one application for one set of active profiles from its sources and configuration. */
final class SpringAppBuilder {

  /** What the build file says about the application's stack. */
  record Stack(boolean webflux, SourceSpan securityStarter, boolean gateway) {}

  private static final Set<String> CORS_BEAN_TYPES = Set.of(
      "CorsConfigurationSource", "UrlBasedCorsConfigurationSource", "CorsFilter", "CorsWebFilter", "FilterRegistrationBean");

  private final String name;
  private final JavaSources java;
  private final List<ConfigDocument> documents;
  private final Stack stack;
  private final List<Notice> notices;

  SpringAppBuilder(String name, JavaSources java, List<ConfigDocument> documents, Stack stack, List<Notice> notices) {
    this.name = name;
    this.java = java;
    this.documents = documents;
    this.stack = stack;
    this.notices = notices;
  }

  /** The model, and the properties it read (to decide which profile variants matter). */
  record Built(SpringApp app, SpringProperties properties) {}

  Built build(String profile, Environment environment) {
    Built built = build(profile, environment, false);
    SpringApp app = built.app();
    app.assumedDefaults = built.properties().defaultsTaken();
    if (!app.assumedDefaults.isEmpty()) {
      // Only explain asks for it: built once, then kept; its notices repeat the ones already reported.
      SpringAppBuilder quiet = new SpringAppBuilder(name, java, documents, stack, new ArrayList<>());
      SpringApp[] set = new SpringApp[1];
      app.withInputsSet = () -> set[0] != null ? set[0] : (set[0] = quiet.build(profile, environment, true).app());
    }
    return built;
  }

  /** @param inputsSet keys that no file sets are set at deploy time, so placeholder defaults do not apply */
  private Built build(String profile, Environment environment, boolean inputsSet) {
    Set<String> profiles = profile == null ? Set.of() : Set.of(profile);
    SpringProperties props = new SpringProperties(documents, profiles, inputsSet);
    ValueEvaluator eval = new ValueEvaluator(java, props);
    SpringApp app = new SpringApp(name, profile, environment);
    List<CompilationUnit> units = java.relevantUnits();
    PropertiesReader properties = new PropertiesReader(props, notices);
    app.reactive = stack.webflux() || stack.gateway() || usesWebFlux(units);
    app.contextPath = properties.contextPath(app.reactive);
    app.tls = properties.tls();
    app.host = properties.host();
    app.port = properties.port();

    // beans that build CORS objects: sources first, so that filters and chains can refer to them
    Map<String, CorsObjectReader.Product> beans = new LinkedHashMap<>();
    CorsObjectReader objects = new CorsObjectReader(java, eval, profiles, notices, beans);
    List<MethodDeclaration> beanMethods = beanMethods(units, profiles, eval);
    boolean urlBasedBean = false;
    List<SourceSpan> sourceBeans = new ArrayList<>();
    for (MethodDeclaration m : beanMethods) {
      String type = ValueEvaluator.simpleName(m.getType().asString().replaceAll("<.*", ""));
      if (!type.equals("CorsConfigurationSource") && !type.equals("UrlBasedCorsConfigurationSource")) continue;
      CorsObjectReader.Product p = objects.product(m);
      beans.put(beanName(m, eval), p);
      if (p instanceof CorsObjectReader.Source) beans.putIfAbsent("type:CorsConfigurationSource", p);
      urlBasedBean |= type.equals("UrlBasedCorsConfigurationSource");
      sourceBeans.add(java.lineSpan(m.getName()));
    }
    Map<TypeDeclaration<?>, Registration> filterClasses = new IdentityHashMap<>();
    for (MethodDeclaration m : beanMethods) {
      String type = ValueEvaluator.simpleName(m.getType().asString().replaceAll("<.*", ""));
      if (!CORS_BEAN_TYPES.contains(type) || type.endsWith("CorsConfigurationSource")) {
        registeredFilterClass(m).ifPresent(r -> filterClasses.put(r.type(), r));
        continue;
      }
      CorsObjectReader.Product p = objects.product(m);
      beans.put(beanName(m, eval), p);
      if (p instanceof CorsObjectReader.Filter f) {
        int order = f.order() != null ? f.order() : SpringAnnotations.order(m, eval);
        String what = (f.reactive() ? "the CorsWebFilter bean " : "the CorsFilter bean ") + beanName(m, eval);
        app.layers.add(new SpringApp.CorsFilterLayer(order, f.source(), java.lineSpan(m.getName()), what));
      } else {
        registeredFilterClass(m).ifPresent(r -> filterClasses.put(r.type(), r));
      }
    }

    // CorsRegistry
    for (CompilationUnit cu : units) {
      for (MethodDeclaration m : cu.findAll(MethodDeclaration.class)) {
        if (!m.getNameAsString().equals("addCorsMappings") || m.getParameters().size() != 1) continue;
        if (!SpringAnnotations.active(m, profiles, eval) || !registered(m, beanMethods)) continue;
        app.registry.addAll(objects.registry(m));
      }
    }

    // controllers
    ControllerReader controllers = new ControllerReader(java, eval, profiles, notices);
    for (CompilationUnit cu : units) controllers.read(cu, app);

    // security chains (read before filters: they may add filters of their own)
    List<SecurityChainReader.Draft> drafts = new ArrayList<>();
    SecurityChainReader chains = new SecurityChainReader(java, eval, objects, notices);
    for (CompilationUnit cu : units) {
      for (MethodDeclaration m : cu.findAll(MethodDeclaration.class)) {
        String type = m.getType().asString();
        boolean bean = SpringAnnotations.has(m, "Bean") && (type.endsWith("SecurityFilterChain") || type.endsWith("SecurityWebFilterChain"));
        boolean adapter = m.getNameAsString().equals("configure") && m.getParameters().size() == 1
            && m.getParameter(0).getType().asString().endsWith("HttpSecurity")
            && m.findAncestor(ClassOrInterfaceDeclaration.class).map(SpringAppBuilder::extendsAdapter).orElse(false);
        if ((bean || adapter) && SpringAnnotations.active(m, profiles, eval)) drafts.add(chains.read(m));
      }
    }
    HeaderFilterReader filterReader = new HeaderFilterReader(java, eval);
    List<Security.Chain> built = new ArrayList<>();
    for (SecurityChainReader.Draft d : drafts) {
      // Spring Security applies cors() to a chain when a UrlBasedCorsConfigurationSource bean exists when the chain is
      // built: always for that declared type, for a CorsConfigurationSource only when its bean was created first
      boolean sourceFirst = urlBasedBean || sourceBeans.stream().anyMatch(b -> b.compareTo(d.span) < 0);
      built.add(chain(d, app, beans, sourceFirst, filterReader, objects, eval));
    }
    if (drafts.isEmpty() && stack.securityStarter() != null) built.add(defaultChain(app, beans, urlBasedBean || !sourceBeans.isEmpty()));
    if (!built.isEmpty()) {
      built.sort(Comparator.comparingInt(Security.Chain::order));
      app.layers.add(new SpringApp.SecurityLayer(-100, built));
    }

    // hand-written filters
    for (CompilationUnit cu : units) {
      for (TypeDeclaration<?> t : cu.findAll(TypeDeclaration.class)) {
        if (!HeaderFilterReader.isFilterClass(t) || !SpringAnnotations.active(t, profiles, eval)) continue;
        Registration r = filterClasses.get(t);
        boolean component = SpringAnnotations.isStereotyped(t);
        if (r == null && !component) continue;
        Optional<SpringApp.HeaderFilter> f = filterReader.read(t, r == null ? null : r.order(), r == null ? null : r.urlPatterns());
        if (f.isEmpty()) continue;
        if (f.get().code().writesCorsHeaders() || f.get().code().answersByItself()) {
          app.layers.add(f.get());
          for (HeaderCode.Opaque o : f.get().code().unknowns()) {
            notices.add(Notice.note("the CORS headers of " + f.get().code().description() + " depend on " + o.reason()
                + ", which is decided at run time; its answers are unknown where that matters", o.span()));
          }
        } else {
          app.headerReaders.add(f.get());
        }
      }
    }

    app.actuator = properties.actuator();
    if (stack.gateway() || properties.hasGateway()) {
      app.gateway = properties.gateway();
      app.reactive = true;
    }
    return new Built(app, props);
  }

  // ---- security ----

  private Security.Chain chain(SecurityChainReader.Draft d, SpringApp app, Map<String, CorsObjectReader.Product> beans,
      boolean urlBasedBean, HeaderFilterReader filterReader, CorsObjectReader objects, ValueEvaluator eval) {
    Security.CorsUse cors = d.cors;
    CorsSource source = d.corsSource;
    SourceSpan corsSpan = d.corsSpan;
    if (d.corsSourceUnresolved) {
      CorsSettings unknown = new CorsSettings(CorsSettings.Kind.BEAN, d.corsSpan, "the security chain's CORS source");
      unknown.setOrigins(List.of(), d.corsSpan, "the CORS configuration source is not built in the scanned sources");
      source = new CorsSource.Fixed(unknown, d.corsSpan);
    }
    if (cors == Security.CorsUse.ABSENT && (d.reactive ? beans.containsKey("type:CorsConfigurationSource") : urlBasedBean)) {
      // Spring Security applies cors() itself when the application declares a CORS configuration source bean
      cors = Security.CorsUse.ENABLED;
    }
    if (cors == Security.CorsUse.ENABLED && source == null) source = defaultSource(d.reactive, app, beans, d.span);
    if (cors == Security.CorsUse.ENABLED && source == null) cors = Security.CorsUse.ABSENT;
    List<SpringApp.Layer> filters = new ArrayList<>();
    for (Expression added : d.addedFilters) {
      Expression x = HeaderCodeReader.unwrap(added);
      String typeName = x instanceof ObjectCreationExpr o ? o.getType().getNameAsString()
          : x instanceof NameExpr n ? eval.declaredType(n.getNameAsString(), n).orElse("") : "";
      if (x instanceof ObjectCreationExpr o && (typeName.equals("CorsFilter")) && !o.getArguments().isEmpty()) {
        CorsObjectReader.Product p = objects.sourceExpression(o.getArgument(0));
        if (p instanceof CorsObjectReader.Source s) filters.add(new SpringApp.CorsFilterLayer(0, s.source(), java.lineSpan(o), "the CorsFilter added to the security chain"));
        continue;
      }
      java.type(typeName, added).filter(HeaderFilterReader::isFilterClass)
          .ifPresent(t -> filterReader.read(t, 0, List.of()).ifPresent(filters::add));
    }
    return new Security.Chain(d.order, d.matchers, cors, source, corsSpan, d.rules, d.authorizes, d.entryPoint(), filters, d.span, d.description);
  }

  /** {@code CorsConfigurer.getCorsFilter}: a {@code corsFilter} bean, a {@code corsConfigurationSource} bean, or Spring MVC. */
  private static CorsSource defaultSource(boolean reactive, SpringApp app, Map<String, CorsObjectReader.Product> beans, SourceSpan at) {
    if (reactive) {
      return beans.get("type:CorsConfigurationSource") instanceof CorsObjectReader.Source s ? s.source() : null;
    }
    if (beans.get("corsFilter") instanceof CorsObjectReader.Filter f) return f.source();
    if (beans.get("corsConfigurationSource") instanceof CorsObjectReader.Source s) return s.source();
    if (beans.containsKey("corsConfigurationSource") || beans.containsKey("corsFilter")) {
      CorsSettings unknown = new CorsSettings(CorsSettings.Kind.BEAN, at, "the corsConfigurationSource bean");
      unknown.setOrigins(List.of(), at, "the CORS configuration source bean is not built in a way corslint follows");
      return new CorsSource.Fixed(unknown, at);
    }
    return new CorsSource.Mvc(app, at);
  }

  /** Spring Boot's chain when the security starter is on the class path and no chain bean is declared. */
  private Security.Chain defaultChain(SpringApp app, Map<String, CorsObjectReader.Product> beans, boolean urlBasedBean) {
    SourceSpan at = stack.securityStarter();
    Security.CorsUse cors = urlBasedBean ? Security.CorsUse.ENABLED : Security.CorsUse.ABSENT;
    CorsSource source = cors == Security.CorsUse.ENABLED ? defaultSource(app.reactive, app, beans, at) : null;
    List<Security.Rule> rules = List.of(new Security.Rule(null, List.of(), false, Security.Access.AUTHENTICATED, at));
    // Boot's default chain has form login and HTTP Basic; a preflight meets the Basic entry point: 401
    Security.EntryPoint entry = new Security.EntryPoint(401, "httpBasic", at);
    return new Security.Chain(Integer.MAX_VALUE, List.of(), cors, source, null, rules, true, entry, List.of(), at,
        "Spring Boot's default security chain (the security starter without a SecurityFilterChain bean)");
  }

  private static boolean extendsAdapter(ClassOrInterfaceDeclaration c) {
    return c.getExtendedTypes().stream().anyMatch(t -> t.getNameAsString().equals("WebSecurityConfigurerAdapter"));
  }

  // ---- beans ----

  private static List<MethodDeclaration> beanMethods(List<CompilationUnit> units, Set<String> profiles, ValueEvaluator eval) {
    List<MethodDeclaration> out = new ArrayList<>();
    for (CompilationUnit cu : units) {
      for (MethodDeclaration m : cu.findAll(MethodDeclaration.class)) {
        if (!SpringAnnotations.has(m, "Bean")) continue;
        Optional<TypeDeclaration> owner = m.findAncestor(TypeDeclaration.class);
        if (owner.isPresent() && !SpringAnnotations.isStereotyped((TypeDeclaration<?>) owner.get())) continue;
        if (SpringAnnotations.active(m, profiles, eval)) out.add(m);
      }
    }
    return out;
  }

  private static String beanName(MethodDeclaration m, ValueEvaluator eval) {
    Optional<AnnotationExpr> bean = ValueEvaluator.annotation(m, "Bean");
    if (bean.isPresent()) {
      Optional<Expression> n = ValueEvaluator.attribute(bean.get(), "name").or(() -> ValueEvaluator.attribute(bean.get(), "value"));
      if (n.isPresent()) {
        Evaluated v = eval.eval(n.get());
        if (!v.items().isEmpty()) return v.items().get(0).text();
      }
    }
    return m.getNameAsString();
  }

  /** Whether an {@code addCorsMappings} is in a configurer Spring picks up. */
  private static boolean registered(MethodDeclaration m, List<MethodDeclaration> beanMethods) {
    Optional<Node> parent = m.getParentNode();
    if (parent.isPresent() && parent.get() instanceof ObjectCreationExpr) {
      // an anonymous configurer: registered when it is built in a bean method
      Optional<MethodDeclaration> enclosing = parent.get().findAncestor(MethodDeclaration.class);
      return enclosing.isPresent() && beanMethods.contains(enclosing.get());
    }
    Optional<TypeDeclaration> owner = m.findAncestor(TypeDeclaration.class);
    if (owner.isEmpty()) return false;
    TypeDeclaration<?> type = owner.get();
    if (SpringAnnotations.isStereotyped(type)) return true;
    for (MethodDeclaration b : beanMethods) {
      for (ObjectCreationExpr o : b.findAll(ObjectCreationExpr.class)) {
        if (o.getType().getNameAsString().equals(type.getNameAsString())) return true;
      }
    }
    return false;
  }

  /** A hand-written filter class registered by a bean method, with the registration's order and URL patterns. */
  private record Registration(TypeDeclaration<?> type, Integer order, List<PathPattern> urlPatterns) {}

  private Optional<Registration> registeredFilterClass(MethodDeclaration m) {
    if (m.getBody().isEmpty()) return Optional.empty();
    for (ObjectCreationExpr o : m.getBody().get().findAll(ObjectCreationExpr.class)) {
      Optional<TypeDeclaration<?>> t = java.type(o.getType().getNameAsString(), o);
      if (t.isEmpty() || !HeaderFilterReader.isFilterClass(t.get())) continue;
      Integer order = null;
      List<PathPattern> patterns = new ArrayList<>();
      ValueEvaluator eval = new ValueEvaluator(java, new SpringProperties(documents, Set.of()));
      for (MethodCallExpr c : m.getBody().get().findAll(MethodCallExpr.class)) {
        if (c.getNameAsString().equals("setOrder") && c.getArguments().size() == 1) {
          order = eval.number(c.getArgument(0)).map(Long::intValue).orElse(null);
        } else if ((c.getNameAsString().equals("addUrlPatterns") || c.getNameAsString().equals("setUrlPatterns"))) {
          for (Entry e : eval.evalAll(c.getArguments()).items()) patterns.add(CorsObjectReader.servletPattern(e.text()));
        }
      }
      if (order == null) order = SpringAnnotations.order(m, eval);
      return Optional.of(new Registration(t.get(), order, patterns));
    }
    return Optional.empty();
  }

  private static boolean usesWebFlux(List<CompilationUnit> units) {
    for (CompilationUnit cu : units) {
      for (var imp : cu.getImports()) {
        String n = imp.getNameAsString();
        if (n.startsWith("org.springframework.web.reactive") || n.startsWith("org.springframework.security.config.web.server")) return true;
      }
      for (ClassOrInterfaceType t : cu.findAll(ClassOrInterfaceType.class)) {
        if (t.getNameAsString().equals("WebFluxConfigurer") || t.getNameAsString().equals("ServerHttpSecurity")) return true;
      }
    }
    return false;
  }
}
