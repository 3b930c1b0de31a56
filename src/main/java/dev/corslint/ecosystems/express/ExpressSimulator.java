package dev.corslint.ecosystems.express;

import dev.corslint.ecosystems.express.ExpressStack.Env;
import dev.corslint.ecosystems.express.ExpressStack.Handler;
import dev.corslint.ecosystems.express.ExpressStack.Layer;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a request through an Express application the way Express 4 and 5 do: layers in registration order,
 * mount paths stripped for routers, routes matched by path and method, {@code next(err)} skipping to error
 * handlers, the automatic answer to OPTIONS ({@code 200} with {@code Allow}) when routes match the path but
 * none handles OPTIONS, and the final handler's 404 or error status. Hand-written handlers replay the effects
 * of the way through them that the request takes.
 */
final class ExpressSimulator {

  private static final int MAX_NESTING = 16;

  private final Interpreter in;
  private final CorsPackage cors;

  ExpressSimulator(Interpreter in) {
    this.in = in;
    this.cors = new CorsPackage(in);
  }

  /** The environment variables the application falls back from when unset, with where each fallback is written. */
  Map<String, SourceSpan> envDefaults() {
    return in.envDefaults();
  }

  private sealed interface Flow {
    record Continue() implements Flow {}

    record Answered(Value<Integer> status) implements Flow {}

    record Failed(JsValue error, SourceSpan span) implements Flow {}
  }

  Response respond(ExpressStack app, Request r, Env view) {
    return respond(app, r, view, java.util.Set.of());
  }

  /** The answer with the environment variables in {@code unset} taken as unset, so that the code's defaults apply. */
  Response respond(ExpressStack app, Request r, Env view, java.util.Set<String> unset) {
    Exchange x = new Exchange(r, unset);
    Flow f;
    try {
      f = runStack(app, r.path(), x, null, view, 0);
    } catch (RuntimeException | StackOverflowError e) {
      return x.toResponse(Value.unknown("corslint could not simulate this request: " + e, app.createdAt));
    }
    Value<Integer> status = f instanceof Flow.Answered a ? a.status()
        : f instanceof Flow.Failed e ? errorStatus(e.error(), e.span()) : Value.known(404, app.createdAt);
    if (x.uncertainStatus != null && status.isKnown()) status = Value.unknown(x.uncertainStatus, x.uncertainAt);
    return x.toResponse(status);
  }

  /** Express's final handler: the error's status when it is a 4xx or 5xx, else 500. */
  static Value<Integer> errorStatus(JsValue error, SourceSpan span) {
    if (error instanceof JsValue.ErrorValue e) return Value.known(e.status() >= 400 && e.status() < 600 ? e.status() : 500, span);
    if (error instanceof JsValue.Obj o) {
      JsValue s = o.get("status") != null ? o.get("status") : o.get("statusCode");
      if (s instanceof JsValue.Num n && n.value() >= 400 && n.value() < 600) return Value.known((int) n.value(), span);
      if (s == null && !o.open()) return Value.known(500, span);
      return Value.unknown("the error's status", span);
    }
    if (error instanceof JsValue.Str || error instanceof JsValue.Num || error instanceof JsValue.Bool) return Value.known(500, span);
    return Value.unknown("the error's status", span);
  }

  private Flow runStack(ExpressStack stack, String path, Exchange x, JsValue error, Env view, int depth) {
    if (depth > MAX_NESTING) return new Flow.Answered(Value.unknown("routers nested too deeply", stack.createdAt));
    Request r = x.request;
    String method = r.method().toUpperCase(Locale.ROOT);
    List<String> allow = new ArrayList<>();
    SourceSpan allowAt = null;
    boolean allowForRequested = false;
    JsValue err = error;
    SourceSpan errAt = null;
    for (Layer layer : stack.layers) {
      if (!layer.appliesIn(view)) continue;
      if (layer.isRoute()) {
        if (err != null) continue;
        if (layer.route.path.match(path).matches() != Tri.YES) continue;
        if (!layer.route.handles(method)) {
          if (method.equals("OPTIONS")) {
            for (String m : layer.route.allowList()) if (!allow.contains(m)) allow.add(m);
            // Findings about this answer point at the route the preflight is for, when there is one.
            boolean forRequested = r.requestMethod() != null && layer.route.handles(r.requestMethod());
            if (allowAt == null || (forRequested && !allowForRequested)) {
              allowAt = layer.span;
              allowForRequested = forRequested;
            }
          }
          continue;
        }
        Flow f = runRoute(layer.route, x, method, view, depth);
        if (f instanceof Flow.Answered) return f;
        if (f instanceof Flow.Failed e) {
          err = e.error();
          errAt = e.span();
        }
        continue;
      }
      ExpressPath.Match m = layer.path.match(path);
      if (m.matches() != Tri.YES) continue;
      Handler h = layer.handler;
      boolean errorHandler = h instanceof Handler.Function fn && fn.errorHandler();
      if (err != null) {
        if (!errorHandler) continue;
        Flow f = runFunction(((Handler.Function) h).func(), x, false, err, r.handlerStatus());
        if (f instanceof Flow.Answered) return f;
        if (f instanceof Flow.Failed e) {
          err = e.error();
          errAt = e.span();
        } else {
          err = null;
        }
        continue;
      }
      if (errorHandler) continue;
      Flow f = runHandler(h, x, m.rest(), false, false, view, depth);
      if (f instanceof Flow.Answered) return f;
      if (f instanceof Flow.Failed e) {
        err = e.error();
        errAt = e.span();
      }
    }
    if (err != null) return new Flow.Failed(err, errAt);
    if (method.equals("OPTIONS") && !allow.isEmpty()) {
      x.set("Allow", Value.known(String.join(",", allow), allowAt));
      return new Flow.Answered(Value.known(200, allowAt));
    }
    return new Flow.Continue();
  }

  private Flow runRoute(ExpressStack.Route route, Exchange x, String method, Env view, int depth) {
    String m = method.toLowerCase(Locale.ROOT);
    boolean hasHead = route.entries.stream().anyMatch(e -> e.method().equals("head"));
    for (ExpressStack.Entry entry : route.entries) {
      boolean applies = entry.method().equals("all") || entry.method().equals(m)
          || (m.equals("head") && !hasHead && entry.method().equals("get"));
      if (!applies) continue;
      List<Handler> hs = entry.handlers();
      for (int i = 0; i < hs.size(); i++) {
        Flow f = runHandler(hs.get(i), x, "/", true, i == hs.size() - 1, view, depth);
        if (f instanceof Flow.Failed e && e.error() instanceof JsValue.Str s && s.value().equals("route")) return new Flow.Continue();
        if (!(f instanceof Flow.Continue)) return f;
      }
    }
    return new Flow.Continue();
  }

  private Flow runHandler(Handler h, Exchange x, String rest, boolean route, boolean last, Env view, int depth) {
    if (h instanceof Handler.Cors c) {
      CorsPackage.Outcome o = cors.apply(c.setup(), x);
      if (o instanceof CorsPackage.Outcome.Next) return new Flow.Continue();
      if (o instanceof CorsPackage.Outcome.Answered a) return new Flow.Answered(a.status());
      if (o instanceof CorsPackage.Outcome.Failed e) return new Flow.Failed(e.error(), e.span());
      CorsPackage.Outcome.Unknown u = (CorsPackage.Outcome.Unknown) o;
      return new Flow.Answered(Value.unknown(u.reason(), u.span()));
    }
    if (h instanceof Handler.Function fn) return runFunction(fn.func(), x, route, null, x.request.handlerStatus());
    if (h instanceof Handler.Stack s) return runStack(s.stack(), rest, x, null, view, depth + 1);
    Handler.Opaque o = (Handler.Opaque) h;
    if (route && last) return new Flow.Answered(Value.known(x.request.handlerStatus(), o.span()));
    return new Flow.Continue();
  }

  private Flow runFunction(JsValue.Func f, Exchange x, boolean route, JsValue error, int handlerStatus) {
    List<JsValue> args = new ArrayList<>();
    if (error != null || JsModule.parameters(f.node()).size() == 4) args.add(new JsValue.Unknown("the error", f.span()));
    args.add(new JsValue.RequestPart(JsValue.RequestPart.Part.REQUEST, f.span()));
    args.add(new JsValue.RequestPart(JsValue.RequestPart.Part.RESPONSE, f.span()));
    args.add(new JsValue.RequestPart(JsValue.RequestPart.Part.NEXT, f.span()));
    // An error handler is run for the error at hand, so that err.status reads what was thrown.
    List<ExecPath> paths = error != null ? in.run(f, withError(args, error), 1, null) : in.runHandler(f, args);
    List<ExecPath> candidates = PathChoice.candidates(paths, x.request, x.unset);
    if (candidates.isEmpty()) return route ? new Flow.Answered(Value.known(handlerStatus, f.span())) : new Flow.Continue();
    Exchange base = x.copy();
    Flow first = replay(candidates.get(0), x, route, handlerStatus, f, error);
    if (candidates.size() == 1) return first;
    boolean differ = false;
    Map<String, List<String>> firstHeaders = x.snapshot();
    for (ExecPath p : candidates.subList(1, candidates.size())) {
      Exchange other = base.copy();
      Flow flow = replay(p, other, route, handlerStatus, f, error);
      Map<String, List<String>> otherHeaders = other.snapshot();
      for (String name : union(firstHeaders, otherHeaders)) {
        if (!Objects.equals(firstHeaders.get(name), otherHeaders.get(name))) {
          x.unknown(name, "depends on a condition corslint cannot evaluate", f.span());
        }
      }
      if (!sameFlow(first, flow)) differ = true;
    }
    if (!differ) return first;
    // The ways differ in whether and how they answer: the legitimate request is taken to pass a middleware,
    // and a route handler to answer with the status the request says the code behind answers.
    if (route) return new Flow.Answered(Value.known(handlerStatus, f.span()));
    for (ExecPath p : candidates) {
      Exchange scratch = base.copy();
      if (replay(p, scratch, false, handlerStatus, f, error) instanceof Flow.Continue) {
        // Followed as if the request passes (the legitimate one does), but the status is no longer known.
        if (x.uncertainStatus == null) {
          x.uncertainStatus = "the middleware at " + f.span() + " may answer first, depending on the request";
          x.uncertainAt = f.span();
        }
        return new Flow.Continue();
      }
    }
    return new Flow.Answered(Value.unknown("the middleware's answer depends on a condition corslint cannot evaluate", f.span()));
  }

  private static List<JsValue> withError(List<JsValue> args, JsValue error) {
    List<JsValue> out = new ArrayList<>(args);
    out.set(0, error);
    return out;
  }

  private static List<String> union(Map<String, List<String>> a, Map<String, List<String>> b) {
    List<String> out = new ArrayList<>(a.keySet());
    for (String k : b.keySet()) if (!out.contains(k)) out.add(k);
    return out;
  }

  private static boolean sameFlow(Flow a, Flow b) {
    if (a.getClass() != b.getClass()) return false;
    if (a instanceof Flow.Answered x && b instanceof Flow.Answered y) return Objects.equals(x.status().get(), y.status().get());
    return true;
  }

  private Flow replay(ExecPath p, Exchange x, boolean route, int handlerStatus, JsValue.Func f, JsValue error) {
    Request r = x.request;
    Value<Integer> status = null;
    for (Effect e : p.effects) {
      if (e instanceof Effect.Header h) {
        Optional<Flow> failure = applyHeader(h, x);
        if (failure.isPresent()) return failure.get();
      } else if (e instanceof Effect.Status s) {
        JsValue code = RequestEvaluation.resolve(s.code(), r, x.unset);
        status = code instanceof JsValue.Num n ? Value.known((int) n.value(), s.span()) : Value.unknown("the status is not known", s.span());
      } else if (e instanceof Effect.End end) {
        return new Flow.Answered(status != null ? status : Value.known(200, end.span()));
      } else if (e instanceof Effect.Next n) {
        if (n.error() == null) return new Flow.Continue();
        return new Flow.Failed(RequestEvaluation.resolve(n.error(), r, x.unset), n.span());
      }
    }
    if (p.thrown) return new Flow.Failed(p.returnValue == null ? new JsValue.ErrorValue(500, f.span()) : p.returnValue, f.span());
    if (route || error != null) return new Flow.Answered(status != null ? status : Value.known(handlerStatus, f.span()));
    return new Flow.Continue();
  }

  /** Node's and Express's header semantics; Node throws for an undefined value, which Express turns into a 500. */
  private Optional<Flow> applyHeader(Effect.Header h, Exchange x) {
    JsValue v = RequestEvaluation.resolve(h.value(), x.request, x.unset);
    switch (h.mode()) {
      case REMOVE -> x.remove(h.name());
      case VARY -> {
        if (v instanceof JsValue.Str s) x.vary(s.value(), h.span());
      }
      case NODE_SET -> {
        if (v instanceof JsValue.Undefined) {
          return Optional.of(new Flow.Failed(new JsValue.ErrorValue(500, h.span()), h.span()));
        }
        x.set(h.name(), lines(v, h.span()));
      }
      case EXPRESS_SET -> x.set(h.name(), lines(v, h.span()));
      case APPEND -> {
        List<Value<String>> add = lines(v, h.span());
        x.append(h.name(), add);
      }
    }
    return Optional.empty();
  }

  /** A header value as the lines Node writes: one per array item, each converted with {@code String()}. */
  private static List<Value<String>> lines(JsValue v, SourceSpan span) {
    List<Value<String>> out = new ArrayList<>();
    if (v instanceof JsValue.Arr a) {
      for (JsValue item : a.items()) out.add(line(item, span));
    } else {
      out.add(line(v, span));
    }
    return out;
  }

  private static Value<String> line(JsValue v, SourceSpan span) {
    Optional<String> s = Interpreter.toJsString(v);
    if (s.isPresent()) return Value.known(s.get(), span);
    return Value.unknown(v instanceof JsValue.Unknown u ? u.reason() : "a value known only at run time", span);
  }
}
