package dev.corslint.ecosystems.express;

import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * An Express application or router: its layers in registration order ({@code use}, routes), and where it is
 * mounted. Express runs a request through the layers in this order, which is what makes registration order
 * matter for CORS.
 */
final class ExpressStack {

  enum Kind {
    APP,
    ROUTER
  }

  /** Whether a layer is registered only in development or only in production. */
  enum Env {
    ALWAYS,
    PRODUCTION,
    DEVELOPMENT
  }

  /** What a {@code use} layer or a route entry runs. */
  sealed interface Handler {
    SourceSpan span();

    /** {@code cors(...)}. */
    record Cors(CorsSetup setup, SourceSpan span) implements Handler {}

    /** A function of the scanned code. */
    record Function(JsValue.Func func, SourceSpan span) implements Handler {
      boolean errorHandler() {
        return JsModule.parameters(func.node()).size() == 4;
      }
    }

    /** A router or sub-application. */
    record Stack(ExpressStack stack, SourceSpan span) implements Handler {}

    /** Middleware corslint cannot see into ({@code express.json()}, {@code helmet()}): assumed to pass requests on. */
    record Opaque(String description, SourceSpan span) implements Handler {}
  }

  /** A route: a path and, per method, the handlers that run. */
  static final class Route {
    final ExpressPath path;
    final SourceSpan span;
    final List<Entry> entries = new ArrayList<>();
    /** Request headers the route's handlers read where they are not functions corslint runs (NestJS parameters). */
    final List<HeaderReads.Read> reads = new ArrayList<>();

    Route(ExpressPath path, SourceSpan span) {
      this.path = path;
      this.span = span;
    }

    /** Whether this route answers {@code method} (GET routes answer HEAD too, {@code all} answers everything). */
    boolean handles(String method) {
      String m = method.toLowerCase(java.util.Locale.ROOT);
      boolean hasHead = false;
      for (Entry e : entries) {
        if (e.method.equals("all") || e.method.equals(m)) return true;
        if (e.method.equals("head")) hasHead = true;
      }
      if (m.equals("head") && !hasHead) return entries.stream().anyMatch(e -> e.method.equals("get"));
      return false;
    }

    /** Express's list for the automatic OPTIONS answer: the route's methods, upper case, HEAD after GET. */
    List<String> allowList() {
      List<String> out = new ArrayList<>();
      for (Entry e : entries) {
        if (e.method.equals("all")) continue;
        String m = e.method.toUpperCase(java.util.Locale.ROOT);
        if (!out.contains(m)) out.add(m);
      }
      if (out.contains("GET") && !out.contains("HEAD")) out.add(out.indexOf("GET") + 1, "HEAD");
      return out;
    }
  }

  /** One method's handlers on a route. */
  record Entry(String method, List<Handler> handlers, SourceSpan span) {}

  /** One layer: a {@code use} with its mount path, or a route. */
  static final class Layer {
    final ExpressPath path;
    final Handler handler;
    final Route route;
    final Env env;
    final SourceSpan span;

    Layer(ExpressPath path, Handler handler, Route route, Env env, SourceSpan span) {
      this.path = path;
      this.handler = handler;
      this.route = route;
      this.env = env;
      this.span = span;
    }

    boolean isRoute() {
      return route != null;
    }

    boolean appliesIn(Env view) {
      return env == Env.ALWAYS || env == view;
    }
  }

  /** Where a router is mounted. */
  record Mount(ExpressStack parent, Layer layer) {}

  final Kind kind;
  final SourceSpan createdAt;
  final JsModule module;
  final String framework;
  final List<Layer> layers = new ArrayList<>();
  final List<Mount> mounts = new ArrayList<>();
  /** The ports {@code listen(...)} calls on this application name. */
  final List<dev.corslint.model.Listening> listens = new ArrayList<>();

  ExpressStack(Kind kind, SourceSpan createdAt, JsModule module, String framework) {
    this.kind = kind;
    this.createdAt = createdAt;
    this.module = module;
    this.framework = framework;
  }

  /** Records a {@code listen} call once, however often the interpreter evaluates it. */
  void listen(dev.corslint.model.Listening l) {
    if (listens.stream().noneMatch(x -> x.span().equals(l.span()))) listens.add(l);
  }

  String describe() {
    String what = kind == Kind.APP ? framework + " app" : "router";
    return what + " in " + module.relative();
  }
}
