package dev.corslint.ecosystems.express;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every Express application, router and route of the scan, keyed by the call that creates it. */
final class ExpressApps {

  private final Map<JsNode, ExpressStack> stacks = new IdentityHashMap<>();
  private final Map<JsNode, ExpressStack.Route> routes = new IdentityHashMap<>();
  private final List<ExpressStack> ordered = new ArrayList<>();

  /** The application or router created by {@code call}; the same object every time the call is evaluated. */
  ExpressStack stackAt(JsNode call, ExpressStack.Kind kind, JsModule module) {
    return stackAt(call, kind, module, "Express");
  }

  ExpressStack stackAt(JsNode call, ExpressStack.Kind kind, JsModule module, String framework) {
    ExpressStack s = stacks.get(call);
    if (s == null) {
      s = new ExpressStack(kind, call.span(), module, framework);
      stacks.put(call, s);
      ordered.add(s);
    }
    return s;
  }

  boolean exists(JsNode call) {
    return stacks.containsKey(call);
  }

  Optional<ExpressStack.Route> routeAt(JsNode call) {
    return Optional.ofNullable(routes.get(call));
  }

  void putRoute(JsNode call, ExpressStack.Route route) {
    routes.put(call, route);
  }

  List<ExpressStack> stacks() {
    return List.copyOf(ordered);
  }
}
