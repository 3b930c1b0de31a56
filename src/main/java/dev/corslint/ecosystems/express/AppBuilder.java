package dev.corslint.ecosystems.express;

import dev.corslint.ecosystems.express.ExpressStack.Env;
import dev.corslint.ecosystems.express.ExpressStack.Handler;
import dev.corslint.model.Listening;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the registrations on Express applications and routers in a module ({@code app.use}, {@code app.get},
 * {@code router.route(...).put}, NestJS {@code app.enableCors}) and adds them as layers, in source order.
 * Calls are visited after their receivers, so that chains ({@code app.route('/x').get(a).put(b)}) register in
 * the order they run.
 */
final class AppBuilder {

  static final Set<String> METHODS = Set.of(
      "get", "post", "put", "delete", "patch", "options", "head", "all", "del", "copy", "lock", "mkcol", "move",
      "purge", "propfind", "proppatch", "report", "search", "subscribe", "trace", "unlock", "unsubscribe",
      "checkout", "merge", "notify", "link", "unlink");

  private final Interpreter in;
  private final ExpressApps apps;
  private final List<Notice> notices;
  /** NestJS global prefixes ({@code app.setGlobalPrefix('api')}). */
  final java.util.Map<ExpressStack, String> prefixes = new java.util.IdentityHashMap<>();

  AppBuilder(Interpreter in, ExpressApps apps, List<Notice> notices) {
    this.in = in;
    this.apps = apps;
    this.notices = notices;
  }

  void walk(JsModule m) {
    walk(m.root(), Frame.STATIC, 0);
  }

  /** Functions that receive an application as an argument, and how deep such calls are nested. */
  private final java.util.Set<JsNode> walking = new java.util.HashSet<>();
  private static final int MAX_SETUP_DEPTH = 4;

  private void walk(JsNode root, Frame frame, int depth) {
    // Iterative post-order: receivers and arguments before the call that uses them.
    Deque<JsNode> stack = new ArrayDeque<>();
    Deque<Boolean> expanded = new ArrayDeque<>();
    stack.push(root);
    expanded.push(false);
    while (!stack.isEmpty()) {
      JsNode n = stack.pop();
      boolean done = expanded.pop();
      if (done) {
        if (n.is("call_expression")) visitCall(n, frame, depth);
        continue;
      }
      stack.push(n);
      expanded.push(true);
      List<JsNode> cs = n.children();
      for (int i = cs.size() - 1; i >= 0; i--) {
        if (!cs.get(i).named()) continue;
        stack.push(cs.get(i));
        expanded.push(false);
      }
    }
  }

  private void visitCall(JsNode call, Frame frame, int depth) {
    JsNode fn = Interpreter.callee(call);
    if (fn == null) return;
    if (!fn.is("member_expression")) {
      setupCall(call, fn, frame, depth);
      return;
    }
    JsNode prop = fn.child("property");
    JsNode obj = fn.child("object");
    if (prop == null || obj == null) return;
    String name = prop.text();
    boolean interesting = name.equals("use") || name.equals("route") || name.equals("enableCors")
        || name.equals("setGlobalPrefix") || name.equals("listen") || METHODS.contains(name);
    if (!interesting) return;
    JsValue recv;
    in.startAnalysis();
    try {
      recv = in.eval(obj, Frame.STATIC);
      // Inside a setup function the application is a parameter: only what the static view cannot see is new.
      if (frame != Frame.STATIC) {
        if (recv instanceof JsValue.AppRef || recv instanceof JsValue.RouteRef) return;
        recv = in.eval(obj, frame);
      }
    } catch (RuntimeException | StackOverflowError e) {
      return;
    }
    if (recv instanceof JsValue.AppRef app) {
      register(app.stack(), name, call, frame);
    } else if (recv instanceof JsValue.RouteRef route && METHODS.contains(name)) {
      List<JsValue> args = in.arguments(call, frame);
      route.route().entries.add(new ExpressStack.Entry(method(name), handlers(args, 0, call), call.span()));
    }
  }

  /**
   * {@code require('./routes')(app)}, {@code setupCors(app)}: a function of the scanned code that receives an
   * application registers on it, at this point of the registration order.
   */
  private void setupCall(JsNode call, JsNode fn, Frame frame, int depth) {
    if (depth >= MAX_SETUP_DEPTH || call.child("arguments") == null || call.child("arguments").namedChildren().isEmpty()) return;
    in.startAnalysis();
    List<JsValue> args;
    JsValue callee;
    try {
      args = in.arguments(call, frame);
      if (args.stream().noneMatch(a -> a instanceof JsValue.AppRef)) return;
      callee = in.eval(fn, frame);
    } catch (RuntimeException | StackOverflowError e) {
      return;
    }
    if (!(callee instanceof JsValue.Func f) || !walking.add(f.node())) return;
    try {
      Frame inner = in.frameFor(f, args, depth + 1);
      JsNode body = f.node().child("body");
      if (body != null) walk(body, inner, depth + 1);
    } finally {
      walking.remove(f.node());
    }
  }

  private void register(ExpressStack stack, String name, JsNode call, Frame frame) {
    List<JsValue> args = in.arguments(call, frame);
    Env env = environment(call);
    SourceSpan at = call.span();
    switch (name) {
      case "use" -> {
        int from = 0;
        ExpressPath path = ExpressPath.root();
        if (!args.isEmpty() && isPath(args.get(0))) {
          path = ExpressPath.of(args.get(0), true);
          from = 1;
        }
        for (Handler h : handlers(args, from, call)) {
          ExpressStack.Layer layer = new ExpressStack.Layer(path, h, null, env, at);
          stack.layers.add(layer);
          if (h instanceof Handler.Stack s) s.stack().mounts.add(new ExpressStack.Mount(stack, layer));
        }
      }
      case "route" -> {
        if (args.isEmpty()) return;
        ExpressStack.Route route = new ExpressStack.Route(ExpressPath.of(args.get(0), false), at);
        apps.putRoute(call, route);
        stack.layers.add(new ExpressStack.Layer(route.path, null, route, env, at));
      }
      case "listen" -> {
        if (!args.isEmpty()) listenPort(args.get(0), at).ifPresent(stack::listen);
      }
      case "setGlobalPrefix" -> {
        if (!args.isEmpty() && args.get(0) instanceof JsValue.Str s) prefixes.put(stack, s.value());
      }
      case "enableCors" -> {
        JsValue opts = args.isEmpty() ? new JsValue.Undefined(at) : args.get(0);
        CorsSetup setup = new CorsSetup(opts, args.isEmpty(), at, call);
        stack.layers.add(new ExpressStack.Layer(ExpressPath.root(), new Handler.Cors(setup, at), null, env, at));
      }
      default -> {
        // app.get('env') reads a setting; a route needs a path and a handler.
        if (args.size() < 2 || !isPath(args.get(0))) return;
        ExpressStack.Route route = new ExpressStack.Route(ExpressPath.of(args.get(0), false), at);
        route.entries.add(new ExpressStack.Entry(method(name), handlers(args, 1, call), at));
        stack.layers.add(new ExpressStack.Layer(route.path, null, route, env, at));
      }
    }
  }

  /**
   * The port of {@code app.listen(port)}: a number or numeric string, or the fallback of
   * {@code process.env.PORT || 3000}, which applies when the environment does not set one.
   */
  private static Optional<Listening> listenPort(JsValue port, SourceSpan at) {
    if (port instanceof JsValue.Choice c) {
      Optional<Listening> fixed = listenPort(c.whenFalse(), at);
      if (c.whenTrue() instanceof JsValue.Unknown && fixed.isPresent()) {
        return Optional.of(new Listening(fixed.get().port(), true, fixed.get().span()));
      }
      return Optional.empty();
    }
    Integer p = null;
    if (port instanceof JsValue.Num num && num.value() == Math.rint(num.value())) p = (int) num.value();
    if (port instanceof JsValue.Str s && s.value().matches("\\d{1,5}")) p = Integer.parseInt(s.value());
    if (p == null || p < 1 || p > 65535) return Optional.empty();
    return Optional.of(new Listening(p, false, port.span() != null ? port.span() : at));
  }

  private static String method(String name) {
    return name.equals("del") ? "delete" : name.toLowerCase(Locale.ROOT);
  }

  private static boolean isPath(JsValue v) {
    if (v instanceof JsValue.Str || v instanceof JsValue.RegexLit) return true;
    if (v instanceof JsValue.Arr a) return !a.items().isEmpty() && a.items().stream().allMatch(x -> x instanceof JsValue.Str || x instanceof JsValue.RegexLit);
    return false;
  }

  private List<Handler> handlers(List<JsValue> args, int from, JsNode call) {
    List<Handler> out = new ArrayList<>();
    for (int i = from; i < args.size(); i++) addHandler(args.get(i), out, call);
    return out;
  }

  private void addHandler(JsValue v, List<Handler> out, JsNode call) {
    SourceSpan at = v.span() != null ? v.span() : call.span();
    if (v instanceof JsValue.Arr a) {
      for (JsValue x : a.items()) addHandler(x, out, call);
    } else if (v instanceof JsValue.CorsMiddleware c) {
      out.add(new Handler.Cors(c.setup(), c.span()));
    } else if (v instanceof JsValue.Func f) {
      out.add(new Handler.Function(f, at));
    } else if (v instanceof JsValue.AppRef app) {
      out.add(new Handler.Stack(app.stack(), at));
    } else if (v instanceof JsValue.PackageRef p && p.pkg().equals("cors") && p.member() == null) {
      notices.add(Notice.warning("cors is passed without being called (use cors(), not cors): every request through it hangs", call.span()));
      out.add(new Handler.Opaque("cors without a call", at));
    } else {
      String what = v instanceof JsValue.Unknown u ? u.reason() : v instanceof JsValue.PackageRef p ? "middleware from " + p.pkg() : "middleware";
      out.add(new Handler.Opaque(what, at));
    }
  }

  /**
   * Whether a registration sits in a branch that runs only in development or only in production
   * ({@code if (process.env.NODE_ENV !== 'production') { ... }}).
   */
  private Env environment(JsNode call) {
    JsNode child = call;
    for (JsNode n = call.parent(); n != null; child = n, n = n.parent()) {
      if (!n.is("if_statement")) continue;
      JsNode cond = n.child("condition");
      if (cond == null || cond == child) continue;
      JsValue c;
      try {
        c = in.eval(cond, Frame.STATIC);
      } catch (RuntimeException | StackOverflowError e) {
        continue;
      }
      if (!(c instanceof JsValue.DevFlag d)) continue;
      boolean inElse = "alternative".equals(child.field());
      boolean development = d.developmentWhenTrue() != inElse;
      return development ? Env.DEVELOPMENT : Env.PRODUCTION;
    }
    return Env.ALWAYS;
  }
}
