package dev.corslint.ecosystems.express;

import dev.corslint.ecosystems.express.ExpressStack.Env;
import dev.corslint.ecosystems.express.ExpressStack.Handler;
import dev.corslint.ecosystems.express.ExpressStack.Layer;
import dev.corslint.model.Ecosystem;
import dev.corslint.model.Environment;
import dev.corslint.model.LayerOrder;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Scope;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Usage;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Makes one policy per CORS layer of every application: the {@code cors} package and hand-written headers. */
final class PolicyFactory {

  /** Probes and health checks that are routinely registered before CORS on purpose. */
  private static final Pattern INFRASTRUCTURE_PATH = Pattern.compile(
      "^/(health|healthz|healthcheck|ready|readyz|live|livez|ping|metrics|favicon\\.ico|robots\\.txt)(/.*)?$", Pattern.CASE_INSENSITIVE);
  private static final Set<String> NO_PREFLIGHT_METHODS = Set.of("all", "options", "head");

  private final Interpreter in;
  private final ExpressSimulator simulator;
  private final OriginSummary summary;
  private final Map<Layer, Boolean> seen = new IdentityHashMap<>();

  PolicyFactory(Interpreter in, ExpressSimulator simulator) {
    this.in = in;
    this.simulator = simulator;
    this.summary = new OriginSummary(in);
  }

  List<ExpressPolicy> build(List<ExpressStack> stacks) {
    List<ExpressPolicy> out = new ArrayList<>();
    for (ExpressStack top : stacks) {
      if (!top.mounts.isEmpty()) continue;
      for (Env view : List.of(Env.PRODUCTION, Env.DEVELOPMENT)) {
        RouteSites sites = RouteSites.of(top, view);
        List<Layer> ordered = new ArrayList<>(sites.positions.keySet());
        ordered.sort((a, b) -> Integer.compare(sites.positions.get(a).seq(), sites.positions.get(b).seq()));
        for (Layer layer : ordered) {
          boolean devOnly = layer.env == Env.DEVELOPMENT;
          if ((view == Env.DEVELOPMENT) != devOnly || seen.containsKey(layer)) continue;
          seen.put(layer, true);
          out.addAll(policiesFor(top, layer, sites, view));
        }
      }
    }
    return out;
  }

  private List<ExpressPolicy> policiesFor(ExpressStack top, Layer layer, RouteSites sites, Env view) {
    List<ExpressPolicy> out = new ArrayList<>();
    if (!layer.isRoute()) {
      CorsLayer c = corsLayer(layer.handler);
      if (c != null && ownScope(layer, layer.handler, sites)) out.add(policy(top, layer, null, c, sites, view));
      return out;
    }
    for (ExpressStack.Entry e : layer.route.entries) {
      for (Handler h : e.handlers()) {
        CorsLayer c = corsLayer(h);
        if (c != null && ownScope(layer, h, sites)) out.add(policy(top, layer, e, c, sites, view));
      }
    }
    return out;
  }

  /**
   * Whether a CORS layer is a scope of its own. A hand-written middleware that only adds to the answer of a
   * CORS layer registered before it (another header, an appended line) is part of that layer's scope, whose
   * policy already shows its effect; one that decides Access-Control-Allow-Origin itself is a scope.
   */
  private boolean ownScope(Layer layer, Handler h, RouteSites sites) {
    if (!(h instanceof Handler.Function f)) return true;
    for (ExecPath p : in.runHandler(f.func(), standardArgs(f.func()))) {
      for (Effect e : p.effects) {
        if (e instanceof Effect.Header hd && hd.name().equalsIgnoreCase("Access-Control-Allow-Origin")
            && (hd.mode() == Effect.HeaderMode.NODE_SET || hd.mode() == Effect.HeaderMode.EXPRESS_SET)) {
          return true;
        }
      }
    }
    return !coveredByEarlierCors(layer, sites);
  }

  private boolean coveredByEarlierCors(Layer layer, RouteSites sites) {
    RouteSites.Position pos = sites.positions.get(layer);
    String path = layer.isRoute() ? (layer.route.path.sample() == null ? null : RouteSites.join(pos.prefix(), layer.route.path.sample()))
        : sites.fullPath(layer);
    if (path == null) return false;
    for (Map.Entry<Layer, RouteSites.Position> e : sites.positions.entrySet()) {
      Layer l = e.getKey();
      RouteSites.Position lp = e.getValue();
      if (l.isRoute() || lp.seq() >= pos.seq() || !pos.chain().containsAll(lp.chain())) continue;
      boolean cors = l.handler instanceof Handler.Cors
          || (l.handler instanceof Handler.Function f && !f.errorHandler() && touchesCors(in.runHandler(f.func(), standardArgs(f.func()))));
      if (!cors) continue;
      String rest = RouteSites.relative(lp.prefix(), path);
      if (rest != null && l.path.match(rest).matches() == dev.corslint.model.Tri.YES) return true;
    }
    return false;
  }

  /** What a handler contributes as a CORS layer, or null when it sends no CORS header. */
  private record CorsLayer(OriginMatcher origins, Value<Boolean> credentials, SourceSpan span, String name) {}

  private CorsLayer corsLayer(Handler h) {
    if (h instanceof Handler.Cors c) {
      return new CorsLayer(summary.corsOrigins(c.setup()), summary.corsCredentials(c.setup()), c.span(), "cors()");
    }
    if (h instanceof Handler.Function f && !f.errorHandler()) {
      List<ExecPath> paths = in.runHandler(f.func(), standardArgs(f.func()));
      if (!touchesCors(paths)) return null;
      return new CorsLayer(summary.manualOrigins(paths), summary.manualCredentials(paths, f.span()), f.span(), "CORS headers");
    }
    return null;
  }

  static List<JsValue> standardArgs(JsValue.Func f) {
    return List.of(new JsValue.RequestPart(JsValue.RequestPart.Part.REQUEST, f.span()),
        new JsValue.RequestPart(JsValue.RequestPart.Part.RESPONSE, f.span()),
        new JsValue.RequestPart(JsValue.RequestPart.Part.NEXT, f.span()));
  }

  static boolean touchesCors(List<ExecPath> paths) {
    for (ExecPath p : paths) {
      for (Effect e : p.effects) {
        if (e instanceof Effect.Header h && h.name().toLowerCase(Locale.ROOT).startsWith("access-control-")) return true;
      }
    }
    return false;
  }

  private ExpressPolicy policy(ExpressStack top, Layer layer, ExpressStack.Entry entry, CorsLayer c, RouteSites sites, Env view) {
    RouteSites.Position pos = sites.positions.get(layer);
    List<RouteSites.Site> covered = new ArrayList<>();
    for (RouteSites.Site s : sites.sites) {
      if (layer.isRoute() ? s.layer() == layer : sites.covers(layer, s)) covered.add(s);
    }
    String sample = samplePath(layer, covered, sites, pos);
    String pattern;
    String description;
    ExpressStack owner = pos.chain().get(pos.chain().size() - 1);
    if (layer.isRoute()) {
      pattern = RouteSites.join(pos.prefix(), layer.route.path.display());
      String methods = methodsOf(layer.route);
      description = methods + " " + pattern + " (" + owner.describe() + ")";
    } else {
      String mount = layer.path.isRoot() ? pos.prefix() : RouteSites.join(pos.prefix(), layer.path.display());
      pattern = mount.isEmpty() ? "/" : mount;
      description = pattern.equals("/") ? "every route of the " + top.describe()
          : "routes under " + pattern + " (" + owner.describe() + ")";
    }
    SourceSpan scopeSpan = layer.isRoute() ? c.span() : layer.span;
    Environment env = view == Env.DEVELOPMENT || DevelopmentFiles.isDevelopmentOnly(owner.module.relative())
        ? Environment.DEVELOPMENT : Environment.PRODUCTION;
    Scope scope = new Scope(Ecosystem.EXPRESS, description, scopeSpan, pattern, env, Value.absent(), Value.absent());
    List<Usage> usages = usages(covered, sites, layer.isRoute() ? null : layer);
    List<LayerOrder> order = layer.isRoute() ? List.of() : layerOrder(layer, c, covered, sites, pos);
    return new ExpressPolicy(scope, c.origins(), c.credentials(), sample, usages, order, top,
        view == Env.DEVELOPMENT ? Env.DEVELOPMENT : Env.PRODUCTION, simulator, covered);
  }

  private static String methodsOf(ExpressStack.Route route) {
    List<String> ms = new ArrayList<>();
    for (ExpressStack.Entry e : route.entries) {
      String m = e.method().equals("all") ? "ALL" : e.method().toUpperCase(Locale.ROOT);
      if (!ms.contains(m)) ms.add(m);
    }
    return ms.isEmpty() ? "route" : String.join(", ", ms);
  }

  /** A path to probe: a route this layer covers that is registered after it; else the mount path itself. */
  private static String samplePath(Layer layer, List<RouteSites.Site> covered, RouteSites sites, RouteSites.Position pos) {
    if (layer.isRoute()) {
      String s = layer.route.path.sample();
      return s == null ? "/" : RouteSites.join(pos.prefix(), s);
    }
    for (RouteSites.Site s : covered) if (s.seq() > pos.seq() && !INFRASTRUCTURE_PATH.matcher(s.fullSample()).matches()) return s.fullSample();
    for (RouteSites.Site s : covered) if (s.seq() > pos.seq()) return s.fullSample();
    String mount = sites.fullPath(layer);
    boolean answeredEarlier = covered.stream().anyMatch(s -> s.seq() < pos.seq() && s.fullSample().equalsIgnoreCase(mount));
    if (mount != null && !answeredEarlier) return mount;
    return covered.isEmpty() ? (mount == null ? "/" : mount) : covered.get(0).fullSample();
  }

  private List<Usage> usages(List<RouteSites.Site> covered, RouteSites sites, Layer corsLayer) {
    List<Usage> out = new ArrayList<>();
    for (RouteSites.Site s : covered) {
      for (ExpressStack.Entry e : s.route().entries) {
        if (!NO_PREFLIGHT_METHODS.contains(e.method())) {
          String m = e.method().toUpperCase(Locale.ROOT);
          out.add(new Usage(Usage.Kind.METHOD, m, e.span(), m + " " + s.fullSample() + " is handled here"));
        }
        for (Handler h : e.handlers()) headerReads(h, out);
      }
      for (HeaderReads.Read r : s.route().reads) {
        out.add(new Usage(Usage.Kind.REQUEST_HEADER, r.name(), r.span(), "the request header " + r.name() + " is read here"));
      }
      // Middleware that runs before the route reads headers for it too.
      for (Map.Entry<Layer, RouteSites.Position> p : sites.positions.entrySet()) {
        Layer l = p.getKey();
        if (l.isRoute() || l == corsLayer || p.getValue().seq() >= s.seq()) continue;
        if (l.handler instanceof Handler.Function && sites.covers(l, s)) headerReads(l.handler, out);
      }
    }
    return dedupe(out);
  }

  private static void headerReads(Handler h, List<Usage> out) {
    if (!(h instanceof Handler.Function f)) return;
    int reqIndex = f.errorHandler() ? 1 : 0;
    for (HeaderReads.Read r : HeaderReads.of(f.func().node(), reqIndex)) {
      out.add(new Usage(Usage.Kind.REQUEST_HEADER, r.name(), r.span(), "the request header " + r.name() + " is read here"));
    }
  }

  private static List<Usage> dedupe(List<Usage> in) {
    List<Usage> out = new ArrayList<>();
    for (Usage u : in) {
      boolean dup = out.stream().anyMatch(x -> x.kind() == u.kind() && x.name().equalsIgnoreCase(u.name()) && x.span().equals(u.span()));
      if (!dup) out.add(u);
    }
    return out;
  }

  /** Routes and routers that answer requests this CORS layer should cover before it runs. */
  private List<LayerOrder> layerOrder(Layer layer, CorsLayer c, List<RouteSites.Site> covered, RouteSites sites, RouteSites.Position pos) {
    List<RouteSites.Site> earlier = new ArrayList<>();
    ExpressStack corsStack = pos.chain().get(pos.chain().size() - 1);
    boolean preflight = false;
    for (RouteSites.Site s : covered) {
      if (s.seq() >= pos.seq() || INFRASTRUCTURE_PATH.matcher(s.fullSample()).matches() || hasOwnCors(s.route())) continue;
      boolean viaRouter = s.chain().size() > s.chain().indexOf(corsStack) + 1;
      boolean handlesOptions = s.route().handles("OPTIONS");
      if (s.route().entries.stream().allMatch(e -> e.method().equals("options"))) continue;
      earlier.add(s);
      preflight |= viaRouter || handlesOptions;
    }
    LayerOrder guard = answeringMiddleware(layer, c, sites, pos);
    if (earlier.isEmpty()) return guard == null ? List.of() : List.of(guard);
    RouteSites.Site first = earlier.get(0);
    StringBuilder d = new StringBuilder();
    d.append(describeSite(first, corsStack));
    if (earlier.size() > 1) d.append(" and ").append(earlier.size() - 1).append(earlier.size() == 2 ? " more route" : " more routes");
    d.append(earlier.size() == 1 ? " answers" : " answer").append(" before ").append(c.name()).append(" at line ")
        .append(layer.span.line()).append(" runs");
    LayerOrder routes = new LayerOrder(layer.span, first.layer().span, d.toString(), preflight);
    return guard == null ? List.of(routes) : List.of(guard, routes);
  }

  /**
   * A middleware registered before the CORS layer that answers preflights itself, typically authentication
   * that rejects requests without credentials: preflights never carry them.
   */
  private LayerOrder answeringMiddleware(Layer layer, CorsLayer c, RouteSites sites, RouteSites.Position pos) {
    String path = sites.fullPath(layer);
    if (path == null) return null;
    List<Layer> ordered = new ArrayList<>(sites.positions.keySet());
    ordered.sort((a, b) -> Integer.compare(sites.positions.get(a).seq(), sites.positions.get(b).seq()));
    for (Layer l : ordered) {
      RouteSites.Position lp = sites.positions.get(l);
      if (lp.seq() >= pos.seq()) break;
      if (l.isRoute() || !(l.handler instanceof Handler.Function f) || f.errorHandler()) continue;
      if (!pos.chain().containsAll(lp.chain())) continue;
      String rest = RouteSites.relative(lp.prefix(), path);
      if (rest == null || l.path.match(rest).matches() != dev.corslint.model.Tri.YES) continue;
      List<ExecPath> paths = in.runHandler(f.func(), standardArgs(f.func()));
      if (touchesCors(paths)) continue;
      dev.corslint.model.Request preflight = dev.corslint.model.Request.preflight(path, "https://app.example.com", "PUT", List.of("content-type"));
      List<ExecPath> taken = PathChoice.candidates(paths, preflight);
      if (taken.isEmpty() || !taken.stream().allMatch(PolicyFactory::answers)) continue;
      return new LayerOrder(layer.span, l.span, "the middleware at line " + l.span.line() + " (" + l.span.file()
          + ") answers preflight requests (OPTIONS) before " + c.name() + " at line " + layer.span.line() + " runs", true);
    }
    return null;
  }

  /** Whether a way through a middleware sends the response instead of passing the request on. */
  private static boolean answers(ExecPath p) {
    for (Effect e : p.effects) {
      if (e instanceof Effect.End) return true;
      if (e instanceof Effect.Next) return false;
    }
    return false;
  }

  private static String describeSite(RouteSites.Site s, ExpressStack corsStack) {
    String route = methodsOf(s.route()) + " " + s.fullSample();
    int idx = s.chain().indexOf(corsStack);
    if (idx >= 0 && idx + 1 < s.chain().size()) {
      ExpressStack router = s.chain().get(idx + 1);
      return "the router from " + router.module.relative() + " (" + route + ")";
    }
    return "the route " + route + " at " + s.layer().span.file() + ":" + s.layer().span.line();
  }

  private boolean hasOwnCors(ExpressStack.Route route) {
    for (ExpressStack.Entry e : route.entries) {
      for (Handler h : e.handlers()) if (corsLayer(h) != null) return true;
    }
    return false;
  }
}
