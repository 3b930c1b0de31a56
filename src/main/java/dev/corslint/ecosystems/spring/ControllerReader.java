package dev.corslint.ecosystems.spring;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Usage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Controllers: handler methods with their mapping paths and methods, {@code @CrossOrigin} merged from class and
 * method as {@code RequestMappingHandlerMapping.initCorsConfiguration} does, {@code @RequestHeader} parameters and
 * header reads, and CORS headers the handler writes itself.
 */
final class ControllerReader {

  private static final Map<String, String> MAPPINGS = Map.of(
      "GetMapping", "GET", "PostMapping", "POST", "PutMapping", "PUT", "DeleteMapping", "DELETE",
      "PatchMapping", "PATCH", "RequestMapping", "");

  /** Headers that browsers or proxies set, never a page's script: reading them needs no CORS permission. */
  private static final Set<String> NOT_FROM_SCRIPTS = Set.of(
      "host", "user-agent", "referer", "cookie", "accept", "accept-language", "accept-encoding", "content-language",
      "content-length", "connection", "forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
      "x-forwarded-port", "x-real-ip", "if-none-match", "if-modified-since", "range");

  private final JavaSources sources;
  private final ValueEvaluator eval;
  private final Set<String> profiles;
  private final List<Notice> notices;

  ControllerReader(JavaSources sources, ValueEvaluator eval, Set<String> profiles, List<Notice> notices) {
    this.sources = sources;
    this.eval = eval;
    this.profiles = profiles;
    this.notices = notices;
  }

  void read(CompilationUnit cu, SpringApp app) {
    for (TypeDeclaration<?> type : cu.findAll(TypeDeclaration.class)) {
      if (!SpringAnnotations.has(type, "RestController") && !SpringAnnotations.has(type, "Controller")) continue;
      if (!SpringAnnotations.active(type, profiles, eval)) continue;
      readController(type, app);
    }
  }

  private void readController(TypeDeclaration<?> type, SpringApp app) {
    List<String> prefixes = paths(ValueEvaluator.annotation(type, "RequestMapping").orElse(null));
    Optional<AnnotationExpr> classCors = ValueEvaluator.annotation(type, "CrossOrigin");
    List<MethodDeclaration> methods = new ArrayList<>(type.getMethods());
    // handler methods declared on an interface the controller implements (generated API interfaces)
    if (type instanceof ClassOrInterfaceDeclaration c) {
      for (ClassOrInterfaceType it : c.getImplementedTypes()) {
        sources.type(it.getNameAsString(), type).ifPresent(t -> {
          for (MethodDeclaration m : t.getMethods()) {
            boolean overridden = methods.stream().anyMatch(own -> own.getNameAsString().equals(m.getNameAsString())
                && own.getParameters().size() == m.getParameters().size() && mapping(own).isPresent());
            if (!overridden) methods.add(m);
          }
        });
      }
    }
    for (MethodDeclaration m : methods) {
      Optional<AnnotationExpr> mapping = mapping(m);
      if (mapping.isEmpty() || !SpringAnnotations.active(m, profiles, eval)) continue;
      Set<String> httpMethods = httpMethods(mapping.get());
      Optional<AnnotationExpr> methodCors = ValueEvaluator.annotation(m, "CrossOrigin");
      CorsSettings cors = null;
      SourceSpan mappingAt = sources.span(mapping.get());
      if (classCors.isPresent() || methodCors.isPresent()) {
        AnnotationExpr declared = methodCors.orElseGet(classCors::get);
        cors = new CorsSettings(CorsSettings.Kind.ANNOTATION, sources.span(declared),
            "@CrossOrigin of " + type.getNameAsString() + "." + m.getNameAsString());
        CorsSettings target = cors;
        classCors.ifPresent(a -> crossOrigin(a, target));
        methodCors.ifPresent(a -> crossOrigin(a, target));
        if (cors.methods == null || cors.methods.entries().isEmpty()) {
          // the handler's own methods; the line to change is the @CrossOrigin that takes them over
          SourceSpan declaredAt = sources.span(declared);
          List<Entry> ms = new ArrayList<>();
          for (String hm : httpMethods) ms.add(new Entry(hm, declaredAt));
          if (!ms.isEmpty()) cors.setMethods(ms, declaredAt, null);
          else cors.methods = null;
        }
        cors.applyPermitDefaults(sources.span(declared));
        if ((cors.wildcardWithCredentials() || cors.wildcardWithPrivateNetwork()) && app.startupFailure == null) {
          String what = cors.wildcardWithCredentials() ? "allowCredentials" : "allowPrivateNetwork";
          app.startupFailure = new SpringApp.StartupFailure(
              "the application does not start: Spring refuses @CrossOrigin on " + type.getNameAsString() + "." + m.getNameAsString()
                  + " with " + what + " \"true\" and all origins (\"*\"), throwing IllegalArgumentException while it registers the request mappings",
              cors.wildcardSpan());
        }
      }
      List<Usage> reads = headerReads(m, httpMethods);
      HeaderCode writes = writes(m);
      for (String prefix : prefixes) {
        for (String path : paths(mapping.get())) {
          String full = PathPattern.join(prefix, path);
          String verbs = httpMethods.isEmpty() ? "every method" : String.join(", ", httpMethods);
          app.handlers.add(new SpringApp.Handler(PathPattern.of(full), httpMethods, cors, mappingAt,
              type.getNameAsString() + "." + m.getNameAsString() + " handles " + verbs + " " + full, reads, writes));
        }
      }
    }
  }

  static Optional<AnnotationExpr> mapping(MethodDeclaration m) {
    for (AnnotationExpr a : m.getAnnotations()) {
      if (MAPPINGS.containsKey(ValueEvaluator.simpleName(a.getNameAsString()))) return Optional.of(a);
    }
    return Optional.empty();
  }

  private Set<String> httpMethods(AnnotationExpr mapping) {
    String fixed = MAPPINGS.get(ValueEvaluator.simpleName(mapping.getNameAsString()));
    Set<String> out = new LinkedHashSet<>();
    if (fixed != null && !fixed.isEmpty()) {
      out.add(fixed);
      return out;
    }
    ValueEvaluator.attribute(mapping, "method").ifPresent(v -> {
      for (Entry e : eval.eval(v).items()) out.add(e.text().toUpperCase(Locale.ROOT));
    });
    return out;
  }

  /** The {@code value}/{@code path} of a mapping annotation, resolved; {@code ""} when none. */
  private List<String> paths(AnnotationExpr a) {
    if (a == null) return List.of("");
    Optional<Expression> v = ValueEvaluator.attribute(a, "value").or(() -> ValueEvaluator.attribute(a, "path"));
    if (v.isEmpty()) return List.of("");
    Evaluated e = eval.eval(v.get());
    List<String> out = new ArrayList<>();
    for (Entry item : e.items()) {
      if (Placeholders.contains(item.text())) {
        Evaluated r = Placeholders.resolve(item.text(), item.span(), eval.properties(), false);
        r.items().forEach(x -> out.add(x.text()));
      } else {
        out.add(item.text());
      }
    }
    if (!e.complete()) {
      notices.add(Notice.note("mapping path not resolved: " + e.unknown() + "; this handler is not analysed", sources.span(a)));
    }
    return out.isEmpty() && e.complete() ? List.of("") : out;
  }

  /** {@code updateCorsConfig}: adds one annotation's attributes to the configuration. */
  void crossOrigin(AnnotationExpr a, CorsSettings cfg) {
    Optional<Expression> origins = ValueEvaluator.attribute(a, "origins").or(() -> ValueEvaluator.attribute(a, "value"));
    origins.ifPresent(o -> {
      Evaluated v = resolved(o);
      cfg.addOrigins(v.items(), sources.span(o), v.unknown());
    });
    ValueEvaluator.attribute(a, "originPatterns").ifPresent(o -> {
      Evaluated v = resolved(o);
      cfg.addOriginPatterns(v.items(), sources.span(o), v.unknown());
    });
    ValueEvaluator.attribute(a, "methods").ifPresent(o -> {
      Evaluated v = eval.eval(o);
      cfg.addMethods(v.items(), sources.span(o), v.unknown());
    });
    ValueEvaluator.attribute(a, "allowedHeaders").ifPresent(o -> {
      Evaluated v = resolved(o);
      cfg.addHeaders(v.items(), sources.span(o), v.unknown());
    });
    ValueEvaluator.attribute(a, "exposedHeaders").ifPresent(o -> {
      Evaluated v = resolved(o);
      cfg.addExposed(v.items(), sources.span(o), v.unknown());
    });
    ValueEvaluator.attribute(a, "allowCredentials").ifPresent(o -> {
      Evaluated v = resolved(o);
      Optional<Entry> e = v.single();
      if (e.isPresent() && e.get().text().equalsIgnoreCase("true")) cfg.credentials = dev.corslint.model.Value.known(true, e.get().span());
      else if (e.isPresent() && e.get().text().equalsIgnoreCase("false")) cfg.credentials = dev.corslint.model.Value.known(false, e.get().span());
      else if (e.isEmpty()) cfg.credentials = dev.corslint.model.Value.unknown(v.unknown() == null ? "allowCredentials computed at run time" : v.unknown(), sources.span(o));
    });
    ValueEvaluator.attribute(a, "allowPrivateNetwork").ifPresent(o -> {
      Optional<Entry> e = resolved(o).single();
      if (e.isPresent() && e.get().text().equalsIgnoreCase("true")) cfg.privateNetwork = dev.corslint.model.Value.known(true, e.get().span());
      else if (e.isPresent() && e.get().text().equalsIgnoreCase("false")) cfg.privateNetwork = dev.corslint.model.Value.known(false, e.get().span());
    });
    ValueEvaluator.attribute(a, "maxAge").ifPresent(o -> {
      Evaluated v = eval.eval(o);
      Optional<Long> n = v.text().flatMap(ValueEvaluator::parseLong);
      if (n.isPresent() && n.get() >= 0) cfg.maxAge = dev.corslint.model.Value.known(n.get(), sources.span(o));
      else if (n.isEmpty()) cfg.maxAge = dev.corslint.model.Value.unknown(v.unknown() == null ? "maxAge computed at run time" : v.unknown(), sources.span(o));
    });
  }

  /** An annotation attribute with its {@code ${...}} placeholders resolved, as {@code resolveCorsAnnotationValue} does. */
  private Evaluated resolved(Expression o) {
    Evaluated v = eval.eval(o);
    Evaluated out = new Evaluated(List.of(), v.unknown(), v.unknownAt(), null);
    for (Entry e : v.items()) {
      out = out.plus(Placeholders.contains(e.text()) ? Placeholders.resolve(e.text(), e.span(), eval.properties(), false) : Evaluated.of(e));
    }
    if (out.unknown() != null) {
      notices.add(Notice.note("@CrossOrigin value not resolved: " + out.unknown() + "; findings that depend on it are skipped",
          out.unknownAt() != null ? out.unknownAt() : sources.span(o)));
    }
    return out;
  }

  private List<Usage> headerReads(MethodDeclaration m, Set<String> httpMethods) {
    List<Usage> out = new ArrayList<>();
    for (Parameter p : m.getParameters()) {
      Optional<AnnotationExpr> rh = ValueEvaluator.annotation(p, "RequestHeader");
      if (rh.isEmpty()) continue;
      String type = p.getType().asString();
      if (type.startsWith("Map") || type.startsWith("MultiValueMap") || type.equals("HttpHeaders")) continue;
      Optional<Expression> named = ValueEvaluator.attribute(rh.get(), "value").or(() -> ValueEvaluator.attribute(rh.get(), "name"));
      String header = named.flatMap(n -> eval.eval(n).text()).orElse(p.getNameAsString());
      if (!fromScripts(header)) continue;
      out.add(new Usage(Usage.Kind.REQUEST_HEADER, header, sources.span(rh.get()),
          "@RequestHeader reads " + header + " in " + m.getNameAsString()));
    }
    // request.getHeader("X") in the body
    HeaderCodeReader reader = new HeaderCodeReader(sources, eval);
    reader.read(m, sources.span(m.getName()), m.getNameAsString());
    for (HeaderCodeReader.Usage u : reader.headerReads()) {
      if (!fromScripts(u.name())) continue;
      out.add(new Usage(Usage.Kind.REQUEST_HEADER, u.name(), u.span(), m.getNameAsString() + " reads " + u.name()));
    }
    return out;
  }

  static boolean fromScripts(String header) {
    String h = header.toLowerCase(Locale.ROOT);
    return !NOT_FROM_SCRIPTS.contains(h) && !HeaderCodeReader.isCorsRequestHeader(h) && !h.startsWith("sec-");
  }

  /** CORS headers the handler writes itself ({@code response.setHeader}, {@code ResponseEntity.header}). */
  private HeaderCode writes(MethodDeclaration m) {
    boolean writes = m.findAll(MethodCallExpr.class).stream().anyMatch(c -> (c.getNameAsString().equals("setHeader")
        || c.getNameAsString().equals("addHeader") || c.getNameAsString().equals("header"))
        && !c.getArguments().isEmpty() && isCorsHeader(c.getArgument(0)));
    if (!writes) return null;
    HeaderCode code = new HeaderCodeReader(sources, eval).read(m, sources.span(m.getName()), m.getNameAsString());
    return code.writesCorsHeaders() ? code : null;
  }

  private boolean isCorsHeader(Expression e) {
    return eval.eval(e).text().map(t -> t.regionMatches(true, 0, "Access-Control-", 0, 15)).orElse(false);
  }
}
