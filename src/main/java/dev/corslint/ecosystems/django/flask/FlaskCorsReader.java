package dev.corslint.ecosystems.django.flask;

import dev.corslint.ecosystems.django.ProjectLayout;
import dev.corslint.ecosystems.django.flask.FlaskCorsOptions.Setting;
import dev.corslint.ecosystems.django.flask.FlaskCorsPolicy.Resource;
import dev.corslint.ecosystems.django.flask.ResponseHook.HeaderOp;
import dev.corslint.ecosystems.django.flask.ResponseHook.HookValue;
import dev.corslint.ecosystems.django.python.Evaluator;
import dev.corslint.ecosystems.django.python.FrameworkModules;
import dev.corslint.ecosystems.django.python.Namespace;
import dev.corslint.ecosystems.django.python.PyNode;
import dev.corslint.ecosystems.django.python.PyValue;
import dev.corslint.ecosystems.django.python.PyValue.Dict;
import dev.corslint.ecosystems.django.python.PyValue.Pattern;
import dev.corslint.ecosystems.django.python.PyValue.Seq;
import dev.corslint.ecosystems.django.python.PyValue.Str;
import dev.corslint.ecosystems.django.python.PyValue.Symbol;
import dev.corslint.ecosystems.django.python.PythonModule;
import dev.corslint.ecosystems.django.python.PythonProgram;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Ecosystem;
import dev.corslint.model.Environment;
import dev.corslint.model.GuardedRegex;
import dev.corslint.model.Notice;
import dev.corslint.model.RegexFlavor;
import dev.corslint.model.Scope;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Usage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds flask-cors in Flask applications: {@code CORS(app, ...)} and {@code CORS().init_app(app, ...)} with
 * their resources, the app's {@code CORS_*} configuration set before them, {@code @cross_origin} routes, and
 * after-request hooks that write CORS headers themselves.
 */
public final class FlaskCorsReader {

  private static final Set<String> CONFIG_OPTIONS = Set.of("CORS_ORIGINS", "CORS_METHODS", "CORS_ALLOW_HEADERS",
      "CORS_EXPOSE_HEADERS", "CORS_SUPPORTS_CREDENTIALS", "CORS_MAX_AGE", "CORS_SEND_WILDCARD", "CORS_AUTOMATIC_OPTIONS",
      "CORS_VARY_HEADER", "CORS_RESOURCES", "CORS_INTERCEPT_EXCEPTIONS", "CORS_ALWAYS_SEND");
  private static final Set<String> ROUTE_DECORATORS = Set.of("route", "get", "post", "put", "patch", "delete");

  private final PythonProgram program;
  private final ProjectLayout layout;
  private final List<Notice> notices;
  private final Function<String, List<Usage>> usagesOfRoot;
  private final Evaluator evaluator;

  public FlaskCorsReader(PythonProgram program, ProjectLayout layout, List<Notice> notices, Function<String, List<Usage>> usagesOfRoot) {
    this.program = program;
    this.layout = layout;
    this.notices = notices;
    this.usagesOfRoot = usagesOfRoot;
    this.evaluator = new Evaluator(program, name -> Optional.empty(), null);
  }

  public List<CorsPolicy> read(List<PythonModule> entries) {
    return FrameworkModules.read(entries, "flask_cors", "flask-cors", evaluator, notices, this::readModule);
  }

  private List<CorsPolicy> readModule(PythonModule m) {
    List<CorsPolicy> out = new ArrayList<>();
    List<Usage> usages = usagesOfRoot.apply(layout.rootOf(m.path()));
    Environment env = ProjectLayout.isDevelopmentModule(m.path()) ? Environment.DEVELOPMENT : Environment.PRODUCTION;
    Map<String, Map<String, Setting>> deferred = new LinkedHashMap<>();
    Map<String, FlaskCorsPolicy> extensions = new LinkedHashMap<>();
    List<DecoratedRoute> routes = decoratedRoutes(m);
    for (PyNode n : m.root().descendants()) {
      if (!n.is("call")) continue;
      PyNode fn = n.child("function");
      if (fn == null) continue;
      String f = fn.text();
      boolean corsCall = f.equals("CORS") || f.endsWith(".CORS");
      boolean initApp = fn.is("attribute") && fn.child("attribute") != null && fn.child("attribute").text().equals("init_app")
          && deferred.containsKey(fn.child("object").text());
      if (!corsCall && !initApp) continue;
      if (n.ancestor("decorator") != null) continue;
      Namespace ns = evaluator.namespaceAt(n);
      Map<String, Setting> kwargs = kwargs(n, ns);
      List<PyNode> args = Evaluator.positionalNodes(n);
      if (corsCall && args.isEmpty() && !kwargs.containsKey("app")) {
        // cors = CORS(**options); later cors.init_app(app)
        PyNode assignment = n.parent();
        if (assignment != null && assignment.is("assignment") && assignment.child("left") != null) {
          deferred.put(assignment.child("left").text(), kwargs);
        }
        continue;
      }
      PyNode appNode = args.isEmpty() ? null : args.get(0);
      String app = appNode != null ? appNode.text() : "app";
      Map<String, Setting> options = new LinkedHashMap<>(appConfig(m, app, n, ns));
      if (initApp) options.putAll(deferred.get(fn.child("object").text()));
      options.putAll(kwargs);
      List<GuardedRegex> ownRoutes = routes.stream().filter(r -> r.app().equals(app) && r.regex() != null).map(DecoratedRoute::regex).toList();
      List<CorsPolicy> registered = registration(m, app, n, options, env, usages, ownRoutes);
      if (!registered.isEmpty()) extensions.put(app, (FlaskCorsPolicy) registered.get(0));
      out.addAll(registered);
    }
    for (DecoratedRoute r : routes) out.add(crossOriginPolicy(m, r, env, usages, extensions.get(r.app())));
    return out;
  }

  private Map<String, Setting> kwargs(PyNode call, Namespace ns) {
    Map<String, Setting> out = new LinkedHashMap<>();
    for (Map.Entry<String, PyNode> kw : Evaluator.keywordNodes(call).entrySet()) {
      out.put(kw.getKey(), new Setting(evaluator.eval(kw.getValue(), ns), kw.getValue().module().lineSpan(kw.getValue().parent())));
    }
    return out;
  }

  /** {@code app.config[...]}, {@code app.config.update(...)}, {@code from_object}, {@code from_mapping} before {@code before}. */
  private Map<String, Setting> appConfig(PythonModule m, String app, PyNode before, Namespace ns) {
    Map<String, Setting> out = new LinkedHashMap<>();
    String config = app + ".config";
    for (PyNode n : m.root().descendants()) {
      if (n.startByte() >= before.startByte()) break;
      if (n.is("assignment") && n.child("left") != null && n.child("left").is("subscript")) {
        PyNode target = n.child("left");
        if (target.child("value") == null || !target.child("value").text().equals(config) || target.child("subscript") == null) continue;
        PyValue key = evaluator.eval(target.child("subscript"), ns);
        if (key instanceof Str k && n.child("right") != null) configEntry(out, k.value(), evaluator.eval(n.child("right"), ns), m.lineSpan(n));
      } else if (n.is("call") && n.child("function") != null) {
        String f = n.child("function").text();
        if (f.equals(config + ".update") || f.equals(config + ".from_mapping")) {
          for (Map.Entry<String, PyNode> kw : Evaluator.keywordNodes(n).entrySet()) {
            configEntry(out, kw.getKey(), evaluator.eval(kw.getValue(), ns), m.lineSpan(kw.getValue().parent()));
          }
          for (PyNode a : Evaluator.positionalNodes(n)) {
            if (evaluator.eval(a, ns) instanceof Dict d) {
              for (Map.Entry<PyValue, PyValue> e : d.entries()) {
                if (e.getKey() instanceof Str k) configEntry(out, k.value(), e.getValue(), e.getValue().span() != null ? e.getValue().span() : m.lineSpan(n));
              }
            }
          }
        } else if (f.equals(config + ".from_object") && !Evaluator.positionalNodes(n).isEmpty()) {
          PyValue source = evaluator.eval(Evaluator.positionalNodes(n).get(0), ns);
          Map<String, PyValue> attributes = new LinkedHashMap<>();
          if (source instanceof Symbol s) attributes.putAll(s.data());
          else if (source instanceof Str s) objectByName(m, s.value()).ifPresent(attributes::putAll);
          for (Map.Entry<String, PyValue> e : attributes.entrySet()) {
            configEntry(out, e.getKey(), e.getValue(), e.getValue().span() != null ? e.getValue().span() : m.lineSpan(n));
          }
        }
      }
    }
    return out;
  }

  /** {@code "config.ProductionConfig"}: a class in a module, or a module. */
  private Optional<Map<String, PyValue>> objectByName(PythonModule from, String dotted) {
    Optional<PythonModule> module = program.find(from, 0, dotted);
    if (module.isPresent()) {
      Map<String, PyValue> out = new LinkedHashMap<>();
      evaluator.module(module.get()).all().forEach((k, v) -> out.put(k, v.value()));
      return Optional.of(out);
    }
    int dot = dotted.lastIndexOf('.');
    if (dot < 0) return Optional.empty();
    return program.find(from, 0, dotted.substring(0, dot))
        .flatMap(mod -> evaluator.module(mod).value(dotted.substring(dot + 1)))
        .filter(v -> v instanceof Symbol)
        .map(v -> ((Symbol) v).data());
  }

  private void configEntry(Map<String, Setting> out, String key, PyValue value, SourceSpan at) {
    if (CONFIG_OPTIONS.contains(key)) {
      out.put(key.substring("CORS_".length()).toLowerCase(Locale.ROOT), new Setting(value, at));
    } else if (key.equals("CORS_HEADERS")) {
      notices.add(Notice.note("CORS_HEADERS is not a flask-cors setting (the allowed request headers are CORS_ALLOW_HEADERS); it has no effect", at));
    }
  }

  /** @param decoratedViews the {@code @cross_origin} routes of {@code app}, which flask-cors leaves to their decorator */
  private List<CorsPolicy> registration(PythonModule m, String app, PyNode call, Map<String, Setting> options, Environment env, List<Usage> usages,
      List<GuardedRegex> decoratedViews) {
    SourceSpan at = m.lineSpan(call);
    List<Resource> resources = resources(options, at);
    List<ResponseHook> hooks = hooks(m, app, call);
    List<CorsPolicy> out = new ArrayList<>();
    for (int i = 0; i < resources.size(); i++) {
      Resource r = resources.get(i);
      String description = "the Flask app in " + m.path()
          + (r.pattern().equals("/*") || r.pattern().equals(".*") ? "" : ", paths matching '" + r.pattern() + "'");
      Scope scope = new Scope(Ecosystem.DJANGO, description, at, r.pattern(), env, null, null);
      out.add(new FlaskCorsPolicy(scope, resources, i, hooks, usages, decoratedViews));
    }
    return out;
  }

  /** One key of {@code resources} with its own options. */
  private record PathPattern(String pattern, boolean compiled, Map<String, Setting> options) {}

  /** {@code parse_resources}: literal paths first, then regexes by number of slashes and length. */
  private List<Resource> resources(Map<String, Setting> options, SourceSpan at) {
    Setting res = options.get("resources");
    Map<String, Setting> base = new LinkedHashMap<>(options);
    base.remove("resources");
    List<PathPattern> patterns = new ArrayList<>();
    PyValue v = res == null ? new Str("/*", at) : res.value();
    if (v instanceof Dict d) {
      for (Map.Entry<PyValue, PyValue> e : d.entries()) {
        Map<String, Setting> own = new LinkedHashMap<>();
        if (e.getValue() instanceof Dict opts) {
          for (Map.Entry<PyValue, PyValue> o : opts.entries()) {
            if (o.getKey() instanceof Str k) own.put(k.value(), new Setting(o.getValue(), o.getValue().span() != null ? o.getValue().span() : at));
          }
        }
        addPattern(patterns, e.getKey(), own);
      }
    } else if (v instanceof Seq s) {
      for (PyValue p : s.items()) addPattern(patterns, p, Map.of());
    } else {
      addPattern(patterns, v, Map.of());
    }
    patterns.sort(Comparator.comparing(FlaskCorsReader::sortKey));
    List<Resource> out = new ArrayList<>();
    for (PathPattern p : patterns) {
      Map<String, Setting> merged = new LinkedHashMap<>(base);
      merged.putAll(p.options());
      GuardedRegex regex = null;
      if (p.compiled() || FlaskCorsOptions.probablyRegex(p.pattern())) {
        GuardedRegex.Result r = GuardedRegex.compile(p.pattern(), RegexFlavor.PYTHON, RegexFlavor.Mode.START, false);
        if (r.regex().isEmpty()) {
          notices.add(Notice.warning("the flask-cors resource /" + p.pattern() + "/ cannot be evaluated (" + r.error() + ")", at));
          continue;
        }
        regex = r.regex().get();
      }
      out.add(Resource.of(p.pattern(), regex, merged, at, notices));
    }
    return out;
  }

  private void addPattern(List<PathPattern> patterns, PyValue key, Map<String, Setting> own) {
    if (key instanceof Str s) patterns.add(new PathPattern(s.value().equals("*") ? ".*" : s.value(), false, own));
    else if (key instanceof Pattern p) patterns.add(new PathPattern(p.source(), true, own));
    else notices.add(Notice.warning("a flask-cors resource is " + Evaluator.reason(key) + ", which cannot be known statically", key.span()));
  }

  private static String sortKey(PathPattern p) {
    int group = p.compiled() ? 10 : FlaskCorsOptions.probablyRegex(p.pattern()) ? 11 : 0;
    long slashes = p.pattern().chars().filter(c -> c == '/').count();
    return String.format("%02d-%06d-%06d", group, 999_999 - slashes, 999_999 - p.pattern().length());
  }

  /** After-request hooks of {@code app} that write CORS headers. */
  private List<ResponseHook> hooks(PythonModule m, String app, PyNode corsCall) {
    List<ResponseHook> out = new ArrayList<>();
    Map<String, PyNode> functions = new LinkedHashMap<>();
    for (PyNode n : m.root().descendants()) {
      if (n.is("function_definition") && n.child("name") != null) functions.putIfAbsent(n.child("name").text(), n);
    }
    record Registration(PyNode function, PyNode at) {}
    List<Registration> registrations = new ArrayList<>();
    for (PyNode n : m.root().descendants()) {
      if (n.is("decorated_definition")) {
        for (PyNode d : n.namedChildren()) {
          if (d.is("decorator") && d.text().replaceAll("\\s", "").equals("@" + app + ".after_request") && n.child("definition") != null) {
            registrations.add(new Registration(n.child("definition"), d));
          }
        }
      } else if (n.is("call") && n.child("function") != null && n.child("function").text().equals(app + ".after_request")) {
        List<PyNode> args = Evaluator.positionalNodes(n);
        if (!args.isEmpty() && functions.containsKey(args.get(0).text())) registrations.add(new Registration(functions.get(args.get(0).text()), n));
      }
    }
    for (Registration r : registrations) {
      List<HeaderOp> ops = headerOps(r.function());
      if (ops.isEmpty()) continue;
      boolean beforeCors = r.at().startByte() > corsCall.startByte();
      String name = r.function().child("name") == null ? "?" : r.function().child("name").text();
      out.add(new ResponseHook(name, ops, beforeCors, m.lineSpan(r.at())));
    }
    // Flask runs after-request functions in reverse order of registration.
    List<ResponseHook> ordered = new ArrayList<>(out);
    java.util.Collections.reverse(ordered);
    return ordered;
  }

  private List<HeaderOp> headerOps(PyNode function) {
    List<HeaderOp> out = new ArrayList<>();
    PyNode params = function.child("parameters");
    PyNode body = function.child("body");
    if (params == null || body == null || params.namedChildren().isEmpty()) return out;
    String response = params.namedChildren().get(0).text().split("[:=]", 2)[0].strip();
    Namespace ns = evaluator.namespaceAt(body);
    for (PyNode st : body.namedChildren()) collectOps(st, response, ns, null, null, out);
    return out;
  }

  private void collectOps(PyNode st, String response, Namespace ns, List<String> onlyFor, String unknownCondition, List<HeaderOp> out) {
    if (st.is("if_statement")) {
      PyNode cond = st.child("condition");
      PyNode consequence = st.child("consequence");
      if (cond == null || consequence == null) return;
      List<String> origins = originMembership(cond, ns);
      String unknown = origins == null ? "the condition '" + cond.text().replaceAll("\\s+", " ") + "' at line " + cond.line() : null;
      for (PyNode inner : consequence.namedChildren()) collectOps(inner, response, ns, origins, unknown, out);
      return;
    }
    if (!st.is("expression_statement")) return;
    for (PyNode e : st.namedChildren()) {
      if (e.is("assignment") && e.child("left") != null && e.child("left").is("subscript")) {
        PyNode target = e.child("left");
        if (target.child("value") == null || !target.child("value").text().equals(response + ".headers")) continue;
        PyValue key = evaluator.eval(target.child("subscript"), ns);
        if (key instanceof Str k && e.child("right") != null) addOp(out, false, k.value(), e.child("right"), ns, onlyFor, unknownCondition, e);
      } else if (e.is("call") && e.child("function") != null) {
        String f = e.child("function").text();
        List<PyNode> args = Evaluator.positionalNodes(e);
        boolean add = f.equals(response + ".headers.add") || f.equals(response + ".headers.add_header");
        boolean set = f.equals(response + ".headers.set") || f.equals(response + ".headers.setdefault");
        if ((add || set) && args.size() >= 2 && evaluator.eval(args.get(0), ns) instanceof Str k) {
          addOp(out, add, k.value(), args.get(1), ns, onlyFor, unknownCondition, e);
        }
      }
    }
  }

  private void addOp(List<HeaderOp> out, boolean add, String name, PyNode valueNode, Namespace ns, List<String> onlyFor, String unknownCondition, PyNode at) {
    if (!name.regionMatches(true, 0, "Access-Control-", 0, 15) && !name.equalsIgnoreCase("Vary")) return;
    HookValue value;
    if (isRequestOrigin(valueNode, ns)) {
      value = new HookValue(null, true, withoutOrigin(valueNode, ns), null);
    } else {
      PyValue v = evaluator.eval(valueNode, ns);
      value = v instanceof Str s ? HookValue.of(s.value()) : new HookValue(null, false, null, Evaluator.reason(v));
    }
    out.add(new HeaderOp(add, name, value, onlyFor, unknownCondition, at.module().lineSpan(at)));
  }

  /**
   * What a reflected Origin becomes when the request has none: the default of {@code .get("Origin", default)},
   * or {@code None}, which werkzeug writes as the text "None"; null for {@code request.headers["Origin"]}
   * (a KeyError, so the hook never writes).
   */
  private String withoutOrigin(PyNode n, Namespace ns) {
    if (n.is("identifier")) {
      PyNode fn = n.ancestor("function_definition");
      if (fn != null) {
        for (PyNode d : fn.descendants()) {
          if (d.is("assignment") && d.child("left") != null && d.child("left").text().equals(n.text()) && d.child("right") != null
              && d.startByte() < n.startByte()) {
            return withoutOrigin(d.child("right"), ns);
          }
        }
      }
      return null;
    }
    if (n.is("subscript")) return null;
    if (n.is("call")) {
      List<PyNode> args = Evaluator.positionalNodes(n);
      PyNode dflt = args.size() >= 2 ? args.get(1) : Evaluator.keywordNodes(n).get("default");
      if (dflt == null) return "None";
      PyValue v = evaluator.eval(dflt, ns);
      return PyValue.asText(v).orElse(null);
    }
    return "None";
  }

  /** {@code request.headers.get("Origin")}, {@code request.origin}, or a local variable set from them. */
  private boolean isRequestOrigin(PyNode n, Namespace ns) {
    String t = n.text().replaceAll("\\s", "");
    if (t.equals("request.origin") || t.matches("request\\.headers(\\.get\\()?\\[?[\"']origin[\"']\\]?\\)?")
        || t.matches("(?i)request\\.headers\\.get\\([\"']origin[\"'].*\\)") || t.matches("(?i)request\\.environ\\.get\\([\"']HTTP_ORIGIN[\"']\\)")) {
      return true;
    }
    if (n.is("identifier")) {
      PyNode fn = n.ancestor("function_definition");
      if (fn == null) return false;
      for (PyNode d : fn.descendants()) {
        if (d.is("assignment") && d.child("left") != null && d.child("left").text().equals(n.text()) && d.child("right") != null
            && d.startByte() < n.startByte()) {
          return isRequestOrigin(d.child("right"), ns);
        }
      }
    }
    return false;
  }

  /** {@code if origin in ALLOWED_ORIGINS:} where origin is the request's: the listed origins. */
  private List<String> originMembership(PyNode cond, Namespace ns) {
    if (!cond.is("comparison_operator") || !cond.hasToken("in") || cond.hasToken("not")) return null;
    List<PyNode> operands = cond.namedChildren();
    if (operands.size() != 2 || !isRequestOrigin(operands.get(0), ns)) return null;
    PyValue list = evaluator.eval(operands.get(1), ns);
    if (!(list instanceof Seq s)) return null;
    List<String> out = new ArrayList<>();
    for (PyValue i : s.items()) {
      if (!(i instanceof Str str)) return null;
      out.add(str.value());
    }
    return out;
  }

  /**
   * A route function with {@code @cross_origin}: its decorator, the app and path of its route (the first
   * route decorator), the path as a regex (null when it cannot be compiled), and the methods that reach it.
   */
  private record DecoratedRoute(PyNode cross, String app, String route, GuardedRegex regex, Set<String> methods) {}

  /** The {@code @cross_origin} route functions of {@code m}. */
  private List<DecoratedRoute> decoratedRoutes(PythonModule m) {
    List<DecoratedRoute> out = new ArrayList<>();
    for (PyNode n : m.root().descendants()) {
      if (!n.is("decorated_definition")) continue;
      PyNode cross = null;
      String path = null;
      String app = null;
      Set<String> methods = new java.util.LinkedHashSet<>();
      for (PyNode d : n.namedChildren()) {
        if (!d.is("decorator") || d.namedChildren().isEmpty()) continue;
        PyNode expr = d.namedChildren().get(0);
        PyNode fn = expr.is("call") ? expr.child("function") : expr;
        if (fn == null) continue;
        String f = fn.text();
        if (f.equals("cross_origin") || f.endsWith(".cross_origin")) cross = d;
        if (expr.is("call") && fn.is("attribute") && fn.child("attribute") != null
            && ROUTE_DECORATORS.contains(fn.child("attribute").text()) && path == null) {
          List<PyNode> args = Evaluator.positionalNodes(expr);
          if (!args.isEmpty() && evaluator.eval(args.get(0), evaluator.namespaceAt(expr)) instanceof Str s) {
            path = s.value();
            app = fn.child("object").text();
            methods.addAll(routeMethods(fn.child("attribute").text(), expr));
          }
        }
      }
      if (cross == null) continue;
      String route = path == null ? "/" : path;
      GuardedRegex regex = GuardedRegex.compile("^" + routeRegex(route) + "$", RegexFlavor.PYTHON, RegexFlavor.Mode.FULL, false).regex().orElse(null);
      out.add(new DecoratedRoute(cross, app == null ? "app" : app, route, regex, methods));
    }
    return out;
  }

  /**
   * {@code @cross_origin(...)} on a route function; methods that do not reach the view are answered by the app's
   * {@code extension} (or get no CORS header when it has none).
   */
  private CorsPolicy crossOriginPolicy(PythonModule m, DecoratedRoute route, Environment env, List<Usage> usages, FlaskCorsPolicy extension) {
    PyNode cross = route.cross();
    PyNode expr = cross.namedChildren().get(0);
    Namespace ns = evaluator.namespaceAt(cross);
    Map<String, Setting> options = new LinkedHashMap<>(appConfig(m, route.app(), cross, ns));
    if (expr.is("call")) options.putAll(kwargs(expr, ns));
    SourceSpan at = m.lineSpan(cross);
    Resource r = Resource.of(route.route(), route.regex(), options, at, notices);
    Scope scope = new Scope(Ecosystem.DJANGO, "the Flask route " + route.route() + " in " + m.path() + " (@cross_origin)", at, route.route(), env, null, null);
    List<ResponseHook> hooks = hooks(m, route.app(), m.root());
    // Hooks run after the view, so after the decorator has set its headers.
    List<ResponseHook> after = hooks.stream().map(h -> new ResponseHook(h.function(), h.ops(), false, h.at())).toList();
    return new FlaskCorsPolicy(scope, List.of(r), 0, after, usages, route.route().replaceAll("<[^>]*>", "1"), route.methods(), extension);
  }

  /**
   * The methods that reach a decorated view: the route's own (GET by default, HEAD with GET) and OPTIONS,
   * which {@code @cross_origin} answers itself. Other methods get Flask's 405 without running the view.
   */
  private Set<String> routeMethods(String decorator, PyNode call) {
    Set<String> out = new java.util.LinkedHashSet<>();
    if (!decorator.equals("route")) {
      out.add(decorator.toUpperCase(Locale.ROOT));
    } else {
      PyNode list = Evaluator.keywordNodes(call).get("methods");
      if (list == null) out.add("GET");
      else for (PyNode m : list.namedChildren()) if (evaluator.eval(m, evaluator.namespaceAt(call)) instanceof Str s) out.add(s.value().toUpperCase(Locale.ROOT));
    }
    if (out.contains("GET")) out.add("HEAD");
    out.add("OPTIONS");
    return out;
  }

  /** A Flask rule such as {@code /orders/<int:id>} as a regex. */
  private static String routeRegex(String rule) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < rule.length()) {
      int open = rule.indexOf('<', i);
      if (open < 0) {
        sb.append(java.util.regex.Pattern.quote(rule.substring(i)));
        break;
      }
      if (open > i) sb.append(java.util.regex.Pattern.quote(rule.substring(i, open)));
      int close = rule.indexOf('>', open);
      if (close < 0) {
        sb.append(java.util.regex.Pattern.quote(rule.substring(open)));
        break;
      }
      sb.append(rule.substring(open, close).startsWith("<path:") ? ".+" : "[^/]+");
      i = close + 1;
    }
    return sb.toString();
  }
}
