package dev.corslint.ecosystems.express;

import dev.corslint.model.Tri;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every route of an application with its full path (mount prefixes included) and its position in the order
 * Express tries layers, so that a CORS layer can tell which routes it covers and which answer before it.
 */
final class RouteSites {

  /** A route as reached from the application. */
  record Site(ExpressStack.Route route, ExpressStack.Layer layer, List<ExpressStack> chain, String prefix, String fullSample, int seq) {}

  /** Where a layer sits: its order, the full prefix of its stack, the stacks from the application down. */
  record Position(int seq, String prefix, List<ExpressStack> chain) {}

  private static final int MAX_NESTING = 16;

  final List<Site> sites = new ArrayList<>();
  final Map<ExpressStack.Layer, Position> positions = new IdentityHashMap<>();
  private int seq;

  private RouteSites() {}

  static RouteSites of(ExpressStack app, ExpressStack.Env view) {
    RouteSites r = new RouteSites();
    r.visit(app, "", new ArrayList<>(List.of(app)), view);
    return r;
  }

  private void visit(ExpressStack stack, String prefix, List<ExpressStack> chain, ExpressStack.Env view) {
    if (chain.size() > MAX_NESTING) return;
    for (ExpressStack.Layer layer : stack.layers) {
      if (!layer.appliesIn(view) || positions.containsKey(layer)) continue;
      positions.put(layer, new Position(seq++, prefix, List.copyOf(chain)));
      if (layer.isRoute()) {
        String sample = layer.route.path.sample();
        if (sample != null) sites.add(new Site(layer.route, layer, List.copyOf(chain), prefix, join(prefix, sample), seq - 1));
      } else if (layer.handler instanceof ExpressStack.Handler.Stack s && !chain.contains(s.stack())) {
        String mount = layer.path.sample();
        if (mount == null) continue;
        chain.add(s.stack());
        visit(s.stack(), join(prefix, mount), chain, view);
        chain.remove(chain.size() - 1);
      }
    }
  }

  static String join(String prefix, String path) {
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (path.equals("/") || path.isEmpty()) return p.isEmpty() ? "/" : p;
    return p + (path.startsWith("/") ? path : "/" + path);
  }

  /** Whether a {@code use} layer runs for requests to {@code site}. */
  boolean covers(ExpressStack.Layer use, Site site) {
    Position pos = positions.get(use);
    if (pos == null || !site.chain().contains(pos.chain().get(pos.chain().size() - 1))) return false;
    String rest = relative(pos.prefix(), site.fullSample());
    return rest != null && use.path.match(rest).matches() == Tri.YES;
  }

  /** The full path of a {@code use} layer's mount, for probing. */
  String fullPath(ExpressStack.Layer use) {
    Position pos = positions.get(use);
    if (pos == null) return null;
    String sample = use.path.sample();
    return sample == null ? null : join(pos.prefix(), sample);
  }

  static String relative(String prefix, String full) {
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (p.isEmpty()) return full;
    if (!full.toLowerCase(java.util.Locale.ROOT).startsWith(p.toLowerCase(java.util.Locale.ROOT))) return null;
    String rest = full.substring(p.length());
    if (rest.isEmpty()) return "/";
    return rest.startsWith("/") ? rest : null;
  }
}
