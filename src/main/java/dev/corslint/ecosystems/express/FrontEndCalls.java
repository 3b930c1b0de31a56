package dev.corslint.ecosystems.express;

import dev.corslint.model.Notice;
import dev.corslint.model.Scope;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Usage;
import dev.corslint.model.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Front-end calls in the same repository: {@code fetch(url, { method, headers, credentials })} and axios
 * ({@code axios.get}, {@code axios(config)}, instances from {@code axios.create({ baseURL, withCredentials,
 * headers })}, headers set in request interceptors). A call counts when it targets a route of the
 * repository's server by an absolute URL or a base URL from configuration; relative URLs are same-origin and
 * need no CORS. What a call sends becomes a {@link Usage} of the policy covering the route, credentials are
 * recorded for the wildcard check, and a plain-http base URL marks the scope as served without TLS.
 */
final class FrontEndCalls {

  /** One call as the browser will make it. */
  record Call(SourceSpan span, String path, String method, Map<String, String> headers, boolean credentials,
      String scheme, String host, SourceSpan urlSpan, boolean baseKnown) {}

  private static final Set<String> AXIOS_METHODS = Set.of("get", "delete", "head", "options", "post", "put", "patch", "request");
  private static final Set<String> BODY_METHODS = Set.of("post", "put", "patch");
  private static final Pattern ABSOLUTE = Pattern.compile("^(https?)://([^/?#]+)([^?#]*)");

  private final Interpreter in;
  private final Map<JsNode, Instance> instances = new IdentityHashMap<>();

  /** An axios instance's defaults. */
  private static final class Instance {
    UrlParts base;
    boolean credentials;
    final Map<String, String> headers = new LinkedHashMap<>();
  }

  /** A URL split into a base corslint may not know and a path it does. */
  private record UrlParts(String scheme, String host, String path, boolean baseUnknown, SourceSpan span) {
    boolean relative() {
      return scheme == null && !baseUnknown;
    }
  }

  FrontEndCalls(Interpreter in) {
    this.in = in;
  }

  void attach(List<ExpressPolicy> policies, List<JsModule> modules, List<Notice> notices) {
    if (policies.isEmpty()) return;
    List<Call> calls = new ArrayList<>();
    for (JsModule m : modules) {
      try {
        collect(m, calls);
      } catch (RuntimeException | StackOverflowError e) {
        notices.add(Notice.error("internal error while reading front-end calls: " + e, SourceSpan.file(m.relative())));
      }
    }
    for (Call c : calls) {
      for (ExpressPolicy p : targets(policies, c)) attach(p, c);
    }
  }

  /**
   * The policies whose routes a call reaches. When several applications have such a route, the ones closest
   * to the calling file in the directory tree are meant; when none shares a directory with it and the scan
   * holds more than one application, which one the call targets is not known, and it is left out.
   */
  private static List<ExpressPolicy> targets(List<ExpressPolicy> policies, Call c) {
    List<ExpressPolicy> out = new ArrayList<>();
    int best = -1;
    java.util.Set<ExpressStack> apps = new java.util.HashSet<>();
    for (ExpressPolicy p : policies) apps.add(p.application());
    for (ExpressPolicy p : policies) {
      if (!reaches(p, c)) continue;
      int near = commonDirectories(c.span().file(), p.application().module.relative());
      if (near > best) {
        out.clear();
        best = near;
      }
      if (near == best) out.add(p);
    }
    if (best == 0 && apps.size() > 1) return List.of();
    return out;
  }

  private static boolean reaches(ExpressPolicy p, Call c) {
    for (RouteSites.Site s : p.covered) {
      String rest = RouteSites.relative(s.prefix(), c.path());
      if (rest != null && s.route().path.match(rest).matches() == dev.corslint.model.Tri.YES) return true;
      if (!c.baseKnown() && s.route().path.match(c.path()).matches() == dev.corslint.model.Tri.YES) return true;
    }
    return false;
  }

  static int commonDirectories(String a, String b) {
    String[] x = a.split("/");
    String[] y = b.split("/");
    int n = 0;
    while (n < x.length - 1 && n < y.length - 1 && x[n].equals(y[n])) n++;
    return n;
  }

  private static void attach(ExpressPolicy p, Call c) {
    for (Map.Entry<String, String> h : c.headers().entrySet()) {
      if (!needsPermission(h.getKey(), h.getValue())) continue;
      p.addUsage(new Usage(Usage.Kind.REQUEST_HEADER, h.getKey(), c.span(), "the front end sends " + h.getKey() + " here"));
    }
    String m = c.method();
    if (!m.equals("GET") && !m.equals("HEAD") && !m.equals("POST")) {
      p.addUsage(new Usage(Usage.Kind.METHOD, m, c.span(), "the front end sends " + m + " here"));
    }
    if (c.credentials()) p.credentialedCalls.add(c);
    if (c.scheme() != null && c.host() != null && !isLoopback(c.host())) {
      // The front end's base URL says how the API is reached; plain http anywhere is what the browser blocks.
      boolean tls = c.scheme().equals("https");
      Scope s = p.scope();
      if (!s.tls().isKnown() || (!tls && s.tls().is(true))) {
        p.scope(new Scope(s.ecosystem(), s.description(), s.span(), s.pathPattern(), s.environment(),
            Value.known(tls, c.urlSpan()), Value.known(c.host(), c.urlSpan())));
      }
    }
  }

  private static boolean isLoopback(String hostPort) {
    String h = hostPort.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("0.0.0.0");
  }

  /** Whether a header the page sets makes the browser ask permission in a preflight (not CORS-safelisted). */
  static boolean needsPermission(String name, String value) {
    String n = name.toLowerCase(Locale.ROOT);
    if (Set.of("accept", "accept-language", "content-language").contains(n)) return false;
    if (n.equals("content-type")) {
      String essence = value == null ? "" : value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      return !Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain").contains(essence);
    }
    return HeaderReads.worthReporting(n) || n.equals("authorization");
  }

  // ---------------------------------------------------------------- finding calls

  private void collect(JsModule m, List<Call> out) {
    Deque<JsNode> work = new ArrayDeque<>();
    work.push(m.root());
    List<JsNode> callNodes = new ArrayList<>();
    while (!work.isEmpty()) {
      JsNode n = work.pop();
      if (n.is("call_expression")) callNodes.add(n);
      for (int i = n.children().size() - 1; i >= 0; i--) if (n.children().get(i).named()) work.push(n.children().get(i));
    }
    // Interceptors and defaults first: they apply to every call of the instance.
    for (JsNode call : callNodes) {
      in.startAnalysis();
      interceptor(call);
    }
    defaults(m);
    for (JsNode call : callNodes) {
      in.startAnalysis();
      Call c = callOf(call);
      if (c != null) out.add(c);
    }
  }

  private Call callOf(JsNode call) {
    JsNode fn = Interpreter.callee(call);
    if (fn == null) return null;
    List<JsNode> args = argumentNodes(call);
    if (fn.is("identifier") && fn.text().equals("fetch") && fn.source().module().resolve(fn) == null) return fetch(call, args);
    if (fn.is("member_expression") && fn.child("property") != null && fn.child("property").text().equals("fetch")
        && fn.child("object") != null && Set.of("window", "globalThis", "self").contains(fn.child("object").text())) {
      return fetch(call, args);
    }
    JsValue.PackageRef axios = null;
    Instance instance = null;
    String method = null;
    if (fn.is("member_expression")) {
      JsNode obj = fn.child("object");
      JsNode prop = fn.child("property");
      if (obj == null || prop == null || !AXIOS_METHODS.contains(prop.text())) return null;
      method = prop.text();
      instance = instanceOf(obj);
      if (instance == null) axios = axiosRef(obj);
      if (instance == null && axios == null) return null;
    } else {
      instance = instanceOf(fn);
      if (instance == null) axios = axiosRef(fn);
      if (instance == null && axios == null) return null;
    }
    return axiosCall(call, args, method, instance);
  }

  private Call fetch(JsNode call, List<JsNode> args) {
    if (args.isEmpty()) return null;
    UrlParts url = url(args.get(0), 0);
    if (url == null || url.relative()) return null;
    String method = "GET";
    Map<String, String> headers = new LinkedHashMap<>();
    boolean credentials = false;
    if (args.size() > 1) {
      JsValue init = in.eval(args.get(1), Frame.STATIC);
      if (init instanceof JsValue.Obj o) {
        if (o.get("method") instanceof JsValue.Str s) method = s.value();
        headerNames(o.get("headers"), headers);
        credentials = o.get("credentials") instanceof JsValue.Str s && s.value().equals("include");
      }
    }
    return new Call(call.span(), url.path(), normalize(method), headers, credentials, url.scheme(), url.host(), url.span(), !url.baseUnknown());
  }

  private Call axiosCall(JsNode call, List<JsNode> args, String method, Instance instance) {
    JsNode urlNode = null;
    JsValue config = null;
    String m = method == null ? "get" : method;
    if (method == null || method.equals("request")) {
      if (args.isEmpty()) return null;
      JsValue first = in.eval(args.get(0), Frame.STATIC);
      if (first instanceof JsValue.Obj o) {
        config = o;
      } else {
        urlNode = args.get(0);
        if (args.size() > 1) config = in.eval(args.get(1), Frame.STATIC);
      }
      if (config instanceof JsValue.Obj o && o.get("method") instanceof JsValue.Str s) m = s.value().toLowerCase(Locale.ROOT);
    } else {
      if (args.isEmpty()) return null;
      urlNode = args.get(0);
      int configIndex = BODY_METHODS.contains(method) ? 2 : 1;
      if (args.size() > configIndex) config = in.eval(args.get(configIndex), Frame.STATIC);
    }
    UrlParts url = null;
    if (urlNode != null) url = url(urlNode, 0);
    else if (config instanceof JsValue.Obj o && o.get("url") instanceof JsValue.Str s) url = parse(s.value(), s.span(), false);
    UrlParts base = instance == null ? null : instance.base;
    if (config instanceof JsValue.Obj o && o.get("baseURL") instanceof JsValue.Str s) base = parse(s.value(), s.span(), false);
    UrlParts full = combine(base, url);
    if (full == null || full.relative()) return null;
    Map<String, String> headers = new LinkedHashMap<>();
    boolean credentials = false;
    if (instance != null) {
      headers.putAll(instance.headers);
      credentials = instance.credentials;
    }
    if (config instanceof JsValue.Obj o) {
      headerNames(o.get("headers"), headers);
      if (o.get("withCredentials") instanceof JsValue.Bool b) credentials = b.value();
    }
    boolean hasBody = BODY_METHODS.contains(m) && args.size() > 1 && !(in.eval(args.get(1), Frame.STATIC) instanceof JsValue.Str);
    if (hasBody && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("content-type"))) {
      headers.put("Content-Type", "application/json"); // axios serializes objects as JSON
    }
    return new Call(call.span(), full.path(), normalize(m), headers, credentials, full.scheme(), full.host(), full.span(), !full.baseUnknown());
  }

  private static String normalize(String method) {
    String u = method.toUpperCase(Locale.ROOT);
    return Set.of("DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH").contains(u) ? u : method;
  }

  private static void headerNames(JsValue h, Map<String, String> out) {
    if (h instanceof JsValue.Obj o) {
      for (Map.Entry<String, JsValue> e : o.props().entrySet()) {
        if (e.getKey().equals("common") && e.getValue() instanceof JsValue.Obj common) {
          headerNames(common, out);
          continue;
        }
        out.put(e.getKey(), e.getValue() instanceof JsValue.Str s ? s.value() : null);
      }
    } else if (h instanceof JsValue.Arr a) {
      for (JsValue pair : a.items()) {
        if (pair instanceof JsValue.Arr p && p.items().size() == 2 && p.items().get(0) instanceof JsValue.Str k) {
          out.put(k.value(), p.items().get(1) instanceof JsValue.Str v ? v.value() : null);
        }
      }
    }
  }

  // ---------------------------------------------------------------- axios instances

  private JsValue.PackageRef axiosRef(JsNode n) {
    JsValue v = in.eval(n, Frame.STATIC);
    return v instanceof JsValue.PackageRef p && p.pkg().equals("axios") && (p.member() == null || p.member().equals("default")) ? p : null;
  }

  /** The instance an expression refers to, when it is a variable holding {@code axios.create(...)}. */
  private Instance instanceOf(JsNode n) {
    JsNode create = creationCall(n, 0);
    if (create == null) return null;
    Instance inst = instances.get(create);
    if (inst != null) return inst;
    inst = new Instance();
    instances.put(create, inst);
    List<JsNode> args = argumentNodes(create);
    if (!args.isEmpty()) {
      JsValue cfg = in.eval(args.get(0), Frame.STATIC);
      if (cfg instanceof JsValue.Obj o) {
        JsNode baseNode = propertyNode(args.get(0), "baseURL");
        if (baseNode != null) inst.base = url(baseNode, 0);
        else if (o.get("baseURL") instanceof JsValue.Str s) inst.base = parse(s.value(), s.span(), false);
        inst.credentials = o.get("withCredentials") instanceof JsValue.Bool b && b.value();
        headerNames(o.get("headers"), inst.headers);
      }
    }
    return inst;
  }

  /** Follows identifiers and imports to an {@code axios.create(...)} call. */
  private JsNode creationCall(JsNode n, int depth) {
    if (n == null || depth > 6) return null;
    if (n.is("call_expression")) {
      JsNode fn = n.child("function");
      if (fn != null && fn.is("member_expression") && fn.child("property") != null && fn.child("property").text().equals("create")
          && axiosRef(fn.child("object")) != null) {
        return n;
      }
      return null;
    }
    if (n.is("identifier")) {
      JsModule m = n.source().module();
      Decl d = m == null ? null : m.resolve(n);
      if (d == null) return null;
      if (d.kind() == Decl.Kind.VARIABLE && d.owner().is("variable_declarator") && d.path().isEmpty()) {
        return creationCall(d.owner().child("value"), depth + 1);
      }
      if (d.kind() == Decl.Kind.IMPORT) return importedCreation(d, depth);
    }
    if (n.is("await_expression") || n.is("parenthesized_expression") || n.is("as_expression")) {
      return creationCall(Interpreter.firstExpression(n), depth + 1);
    }
    return null;
  }

  private JsNode importedCreation(Decl d, int depth) {
    JsNode source = d.owner().child("source");
    if (source == null) return null;
    String spec = JsStrings.decode(source);
    if (!JsProject.isRelative(spec)) return null;
    JsModule from = d.module();
    JsModule target = in.project().resolve(from, spec, d.nameNode().span()).orElse(null);
    if (target == null) return null;
    String what = (String) d.path().get(0);
    for (JsNode s : target.root().children()) {
      if (!s.is("export_statement")) continue;
      if (what.equals("default") && s.firstOfType("default") != null) return creationCall(s.child("value"), depth + 1);
      JsNode decl = s.child("declaration");
      if (decl != null && !what.equals("default")) {
        for (JsNode v : decl.children()) {
          if (v.is("variable_declarator") && v.child("name") != null && v.child("name").text().equals(what)) {
            return creationCall(v.child("value"), depth + 1);
          }
        }
      }
    }
    Decl local = target.resolve(what, target.root());
    if (local != null && local.owner().is("variable_declarator")) return creationCall(local.owner().child("value"), depth + 1);
    return null;
  }

  /** {@code api.interceptors.request.use(config => { config.headers.Authorization = ...; return config; })}. */
  private void interceptor(JsNode call) {
    JsNode fn = Interpreter.callee(call);
    if (fn == null || !fn.is("member_expression")) return;
    String t = fn.text().replaceAll("\\s+", "");
    if (!t.endsWith(".interceptors.request.use")) return;
    JsNode target = fn.child("object");
    for (int i = 0; i < 2 && target != null; i++) target = target.child("object");
    Instance inst = target == null ? null : instanceOf(target);
    if (inst == null) return;
    List<JsNode> args = argumentNodes(call);
    if (args.isEmpty() || !JsModule.isFunction(args.get(0))) return;
    String param = JsModule.parameters(args.get(0)).isEmpty() ? null : JsModule.parameterName(JsModule.parameters(args.get(0)).get(0));
    if (param == null) return;
    Deque<JsNode> work = new ArrayDeque<>(List.of(args.get(0)));
    while (!work.isEmpty()) {
      JsNode n = work.pop();
      if (n.is("assignment_expression")) {
        String name = assignedHeader(n.child("left"), param);
        if (name != null) inst.headers.put(name, null);
      }
      if (n.is("call_expression")) {
        JsNode f = n.child("function");
        if (f != null && f.text().replaceAll("\\s+", "").equals(param + ".headers.set")) {
          List<JsNode> a = argumentNodes(n);
          if (!a.isEmpty() && a.get(0).is("string")) inst.headers.put(JsStrings.decode(a.get(0)), null);
        }
      }
      for (JsNode c : n.children()) if (c.named()) work.push(c);
    }
  }

  private static String assignedHeader(JsNode left, String param) {
    if (left == null) return null;
    JsNode obj = left.child("object");
    if (obj == null || !obj.text().replaceAll("\\s+", "").matches(Pattern.quote(param) + "\\.headers(\\.common)?")) return null;
    if (left.is("member_expression") && left.child("property") != null) return left.child("property").text();
    if (left.is("subscript_expression") && left.child("index") != null && left.child("index").is("string")) return JsStrings.decode(left.child("index"));
    return null;
  }

  /** {@code axios.defaults.withCredentials = true}, {@code api.defaults.headers.common['X'] = ...}. */
  private void defaults(JsModule m) {
    Deque<JsNode> work = new ArrayDeque<>(List.of(m.root()));
    while (!work.isEmpty()) {
      JsNode n = work.pop();
      if (n.is("assignment_expression") && n.child("left") != null) {
        String left = n.child("left").text().replaceAll("\\s+", "");
        Matcher mm = Pattern.compile("^([A-Za-z_$][\\w$]*)\\.defaults\\.(withCredentials|baseURL|headers\\.common\\[['\"]([^'\"]+)['\"]\\]|headers\\.common\\.([\\w-]+))$").matcher(left);
        if (mm.matches()) {
          JsNode target = n.child("left");
          while (target != null && !target.is("identifier")) target = target.child("object");
          Instance inst = target == null ? null : instanceOf(target);
          if (inst == null && target != null && axiosRef(target) != null) inst = globalAxios(m);
          if (inst != null) {
            JsValue v = in.eval(n.child("right"), Frame.STATIC);
            if (mm.group(2).equals("withCredentials")) inst.credentials = v instanceof JsValue.Bool b && b.value();
            else if (mm.group(2).equals("baseURL")) inst.base = url(n.child("right"), 0);
            else inst.headers.put(mm.group(3) != null ? mm.group(3) : mm.group(4), v instanceof JsValue.Str s ? s.value() : null);
          }
        }
      }
      for (JsNode c : n.children()) if (c.named()) work.push(c);
    }
  }

  /** Defaults on the global axios object apply to its direct calls; kept as a pseudo instance. */
  private Instance globalAxios(JsModule m) {
    return instances.computeIfAbsent(m.root(), k -> new Instance());
  }

  // ---------------------------------------------------------------- URLs

  private UrlParts url(JsNode n, int depth) {
    if (n == null || depth > 6) return null;
    switch (n.type()) {
      case "string":
        return parse(JsStrings.decode(n), n.span(), false);
      case "template_string":
        return template(n, depth);
      case "binary_expression": {
        JsNode op = n.child("operator");
        if (op != null && (op.text().equals("||") || op.text().equals("??"))) {
          // process.env.API_URL || 'https://api.example.com': the written default says where the API is.
          UrlParts left = url(n.child("left"), depth + 1);
          UrlParts right = url(n.child("right"), depth + 1);
          if (left == null) return right;
          return left.baseUnknown() && right != null && right.scheme() != null ? right : left;
        }
        if (op == null || !op.text().equals("+")) return null;
        UrlParts left = url(n.child("left"), depth + 1);
        JsValue right = in.eval(n.child("right"), Frame.STATIC);
        if (left == null) return null;
        String tail = right instanceof JsValue.Str s ? s.value() : "1";
        return append(left, tail);
      }
      case "identifier":
      case "member_expression": {
        JsValue v = in.eval(n, Frame.STATIC);
        if (v instanceof JsValue.Str s) return parse(s.value(), s.span() != null ? s.span() : n.span(), false);
        if (n.is("identifier")) {
          JsModule m = n.source().module();
          Decl d = m == null ? null : m.resolve(n);
          if (d != null && d.kind() == Decl.Kind.VARIABLE && d.owner().is("variable_declarator") && d.path().isEmpty()) {
            UrlParts p = url(d.owner().child("value"), depth + 1);
            if (p != null) return p;
          }
        }
        if (v instanceof JsValue.Unknown) return new UrlParts(null, null, "", true, n.span());
        return null;
      }
      case "parenthesized_expression":
      case "as_expression":
        return url(Interpreter.firstExpression(n), depth + 1);
      default:
        JsValue v = in.eval(n, Frame.STATIC);
        if (v instanceof JsValue.Str s) return parse(s.value(), n.span(), false);
        if (v instanceof JsValue.Unknown) return new UrlParts(null, null, "", true, n.span());
        return null;
    }
  }

  private UrlParts template(JsNode n, int depth) {
    UrlParts acc = null;
    StringBuilder literal = new StringBuilder();
    for (JsNode c : n.children()) {
      switch (c.type()) {
        case "string_fragment" -> literal.append(c.text());
        case "escape_sequence" -> literal.append(JsStrings.unescape(c.text()));
        case "template_substitution" -> {
          JsNode e = Interpreter.firstExpression(c);
          if (acc == null && literal.length() == 0) {
            acc = e == null ? null : url(e, depth + 1);
            if (acc == null) return null;
          } else {
            JsValue v = e == null ? null : in.eval(e, Frame.STATIC);
            literal.append(v instanceof JsValue.Str s ? s.value() : v instanceof JsValue.Num num ? num.asJsString() : "1");
          }
        }
        default -> {}
      }
    }
    if (acc == null) return parse(literal.toString(), n.span(), false);
    return append(acc, literal.toString());
  }

  private static UrlParts append(UrlParts base, String tail) {
    String t = tail.replaceFirst("[?#].*$", "");
    String path = base.path().endsWith("/") && t.startsWith("/") ? base.path() + t.substring(1) : base.path() + t;
    return new UrlParts(base.scheme(), base.host(), path, base.baseUnknown(), base.span());
  }

  private static UrlParts combine(UrlParts base, UrlParts url) {
    if (url == null) return base;
    if (url.scheme() != null || url.baseUnknown() || base == null) return url;
    String path = base.path().endsWith("/") && url.path().startsWith("/") ? base.path() + url.path().substring(1)
        : base.path().isEmpty() || url.path().startsWith("/") ? base.path() + url.path() : base.path() + "/" + url.path();
    return new UrlParts(base.scheme(), base.host(), path, base.baseUnknown(), base.span());
  }

  private static UrlParts parse(String s, SourceSpan span, boolean baseUnknown) {
    Matcher m = ABSOLUTE.matcher(s);
    if (m.find()) {
      String path = m.group(3).isEmpty() ? "/" : m.group(3);
      return new UrlParts(m.group(1).toLowerCase(Locale.ROOT), m.group(2), path, false, span);
    }
    if (s.startsWith("//")) return null;
    return new UrlParts(null, null, s.replaceFirst("[?#].*$", ""), baseUnknown, span);
  }

  // ---------------------------------------------------------------- syntax helpers

  private static List<JsNode> argumentNodes(JsNode call) {
    JsNode args = call.child("arguments");
    return args == null ? List.of() : args.namedChildren();
  }

  private static JsNode propertyNode(JsNode object, String key) {
    if (!object.is("object")) return null;
    for (JsNode p : object.namedChildren()) {
      if (p.is("pair") && p.child("key") != null && p.child("key").text().replaceAll("['\"]", "").equals(key)) return p.child("value");
    }
    return null;
  }
}
