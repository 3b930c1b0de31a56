package dev.corslint.ecosystems.express;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * NestJS controllers: {@code @Controller('orders')} classes with {@code @Get()}, {@code @Put(':id')} ...
 * handlers, and the headers they read with {@code @Headers('x-api-key')}. Nest registers these routes on
 * the underlying Express application when it starts, after {@code enableCors}, so they are added at the end
 * of every NestJS application, under its global prefix.
 */
final class NestControllers {

  private static final Map<String, String> METHOD_DECORATORS = Map.of(
      "Get", "get", "Post", "post", "Put", "put", "Delete", "delete", "Patch", "patch", "Options", "options",
      "Head", "head", "All", "all");

  private NestControllers() {}

  static void addRoutes(List<JsModule> modules, List<ExpressStack> nestApps, Map<ExpressStack, String> prefixes) {
    if (nestApps.isEmpty()) return;
    for (JsModule m : modules) {
      if (!m.root().source().text().contains("@Controller")) continue;
      Deque<JsNode> work = new ArrayDeque<>(List.of(m.root()));
      while (!work.isEmpty()) {
        JsNode n = work.pop();
        if (n.is("class_declaration")) controller(n, nestApps, prefixes);
        for (JsNode c : n.children()) if (c.named()) work.push(c);
      }
    }
  }

  private static void controller(JsNode cls, List<ExpressStack> apps, Map<ExpressStack, String> prefixes) {
    List<JsNode> decorators = new ArrayList<>(cls.children("decorator"));
    if (cls.parent() != null && cls.parent().is("export_statement")) decorators.addAll(cls.parent().children("decorator"));
    String base = null;
    for (JsNode d : decorators) {
      JsNode call = d.firstOfType("call_expression");
      if (call != null && "Controller".equals(calleeName(call))) base = firstStringArg(call, "");
      else if (call == null && d.text().strip().equals("@Controller")) base = "";
    }
    if (base == null) return;
    JsNode body = cls.child("body");
    if (body == null) return;
    List<JsNode> pending = new ArrayList<>();
    for (JsNode c : body.children()) {
      if (c.is("decorator")) {
        pending.add(c);
        continue;
      }
      if (!c.is("method_definition")) {
        if (c.named()) pending.clear();
        continue;
      }
      for (JsNode d : pending) {
        JsNode call = d.firstOfType("call_expression");
        String name = call == null ? d.text().replace("@", "").strip() : calleeName(call);
        String method = METHOD_DECORATORS.get(name);
        if (method == null) continue;
        String sub = call == null ? "" : firstStringArg(call, "");
        for (ExpressStack app : apps) {
          String prefix = prefixes.getOrDefault(app, "");
          String path = RouteSites.join(RouteSites.join(prefix.isEmpty() ? "" : "/" + trim(prefix), "/" + trim(base)), "/" + trim(sub));
          ExpressStack.Route route = new ExpressStack.Route(ExpressPath.of(new JsValue.Str(path, d.span()), false), d.span());
          ExpressStack.Handler handler = new ExpressStack.Handler.Opaque("a NestJS handler", c.span());
          route.entries.add(new ExpressStack.Entry(method, List.of(handler), d.span()));
          route.reads.addAll(headerReads(c));
          app.layers.add(new ExpressStack.Layer(route.path, null, route, ExpressStack.Env.ALWAYS, d.span()));
        }
      }
      pending.clear();
    }
  }

  private static List<HeaderReads.Read> headerReads(JsNode method) {
    List<HeaderReads.Read> out = new ArrayList<>();
    for (JsNode p : JsModule.parameters(method)) {
      for (JsNode d : p.children("decorator")) {
        JsNode call = d.firstOfType("call_expression");
        if (call == null || !"Headers".equals(calleeName(call))) continue;
        String h = firstStringArg(call, null);
        if (h != null && HeaderReads.worthReporting(h)) out.add(new HeaderReads.Read(h, d.span()));
      }
    }
    return out;
  }

  private static String trim(String s) {
    String t = s;
    while (t.startsWith("/")) t = t.substring(1);
    while (t.endsWith("/")) t = t.substring(0, t.length() - 1);
    return t;
  }

  private static String calleeName(JsNode call) {
    JsNode fn = call.child("function");
    return fn == null ? null : fn.text();
  }

  private static String firstStringArg(JsNode call, String fallback) {
    JsNode args = call.child("arguments");
    if (args == null) return fallback;
    for (JsNode a : args.namedChildren()) {
      if (a.is("string")) return JsStrings.decode(a);
      if (a.is("object")) {
        for (JsNode pair : a.namedChildren()) {
          JsNode key = pair.child("key");
          JsNode value = pair.child("value");
          if (key != null && value != null && key.text().equals("path") && value.is("string")) return JsStrings.decode(value);
        }
      }
      return fallback;
    }
    return fallback;
  }
}
