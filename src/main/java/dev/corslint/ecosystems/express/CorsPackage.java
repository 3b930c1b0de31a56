package dev.corslint.ecosystems.express;

import dev.corslint.model.Request;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Value;
import java.util.List;
import java.util.Optional;

/**
 * The npm {@code cors} package, version 2.8.6, reproduced step by step: the options (or the options a
 * delegate passes to its callback) are merged over the defaults; the origin callback, when there is one,
 * decides first (an error goes to Express's error handling, a falsy answer skips CORS altogether); then every
 * request gets {@code Access-Control-Allow-Origin} and {@code Vary: Origin} as the origin option dictates, and
 * OPTIONS requests also get the methods, the allowed headers (the requested ones echoed when unset, with
 * {@code Vary: Access-Control-Request-Headers}), max age and exposed headers, and are answered with
 * {@code optionsSuccessStatus} unless {@code preflightContinue} is set.
 */
final class CorsPackage {

  static final String DEFAULT_METHODS = "GET,HEAD,PUT,PATCH,POST,DELETE";

  private final Interpreter in;

  CorsPackage(Interpreter in) {
    this.in = in;
  }

  /** What the middleware does with one request. */
  sealed interface Outcome {
    record Next() implements Outcome {}

    record Answered(Value<Integer> status) implements Outcome {}

    record Failed(JsValue error, SourceSpan span) implements Outcome {}

    /** corslint cannot tell what the middleware does; headers already written are what is known. */
    record Unknown(String reason, SourceSpan span) implements Outcome {}
  }

  /** The options in effect for one request, before the origin callback runs. */
  record Options(JsValue.Obj given, SourceSpan call) {
    /** An option's value, or null when it is not set; Unknown when an unknown spread may set it. */
    JsValue get(String key) {
      if (given == null) return null;
      JsValue v = given.get(key);
      if (v == null && given.open()) return new JsValue.Unknown("option '" + key + "' may come from an object corslint cannot see", given.span());
      return v;
    }

    boolean has(String key) {
      return given != null && given.props().containsKey(key);
    }
  }

  Outcome apply(CorsSetup setup, Exchange x) {
    Request r = x.request;
    Options options;
    JsValue arg = setup.argument();
    if (setup.defaults() || JsValue.isNullish(arg)) {
      options = new Options(null, setup.span());
    } else if (arg instanceof JsValue.Obj o) {
      options = new Options(o, setup.span());
    } else if (arg instanceof JsValue.Func f) {
      Optional<Effect.Callback> cb = callback(f, List.of(new JsValue.RequestPart(JsValue.RequestPart.Part.REQUEST, f.span()),
          new JsValue.RequestPart(JsValue.RequestPart.Part.CALLBACK, f.span())), r, x.unset);
      if (cb.isEmpty()) return new Outcome.Unknown("the options delegate's answer depends on code corslint cannot evaluate", f.span());
      Effect.Callback c = cb.get();
      JsValue err = c.args().isEmpty() ? new JsValue.Undefined(c.span()) : RequestEvaluation.resolve(c.args().get(0), r, x.unset);
      Tri failed = truthy(err);
      if (failed == Tri.YES) return new Outcome.Failed(err, c.span());
      if (failed == Tri.UNKNOWN) return new Outcome.Unknown("the options delegate may fail", c.span());
      JsValue opts = c.args().size() < 2 ? new JsValue.Undefined(c.span()) : RequestEvaluation.resolve(c.args().get(1), r, x.unset);
      if (opts instanceof JsValue.Obj o) options = new Options(o, setup.span());
      else if (JsValue.isNullish(opts)) options = new Options(null, setup.span());
      else return new Outcome.Unknown("the options delegate passes options corslint cannot see", c.span());
    } else {
      String why = arg instanceof JsValue.Unknown u ? u.reason() : "options corslint cannot see";
      return new Outcome.Unknown(why, arg.span() != null ? arg.span() : setup.span());
    }
    return applyOptions(options, x);
  }

  private Outcome applyOptions(Options options, Exchange x) {
    Request r = x.request;
    JsValue origin = options.has("origin") || (options.given != null && options.given.open()) ? options.get("origin")
        : new JsValue.Str("*", options.call());
    if (origin == null) origin = new JsValue.Str("*", options.call());
    SourceSpan decidedAt = origin.span() != null ? origin.span() : options.call();
    if (origin instanceof JsValue.Func f) {
      Optional<Effect.Callback> cb = callback(f, List.of(new JsValue.RequestPart(JsValue.RequestPart.Part.ORIGIN, f.span()),
          new JsValue.RequestPart(JsValue.RequestPart.Part.CALLBACK, f.span())), r, x.unset);
      if (cb.isEmpty()) return new Outcome.Unknown("the origin function's answer depends on code corslint cannot evaluate", f.span());
      Effect.Callback c = cb.get();
      JsValue err = c.args().isEmpty() ? new JsValue.Undefined(c.span()) : RequestEvaluation.resolve(c.args().get(0), r, x.unset);
      Tri failed = truthy(err);
      if (failed == Tri.YES) return new Outcome.Failed(err, c.span());
      if (failed == Tri.UNKNOWN) return new Outcome.Unknown("the origin function may fail", c.span());
      origin = c.args().size() < 2 ? new JsValue.Undefined(c.span()) : RequestEvaluation.resolve(c.args().get(1), r, x.unset);
      decidedAt = c.span();
    } else {
      origin = RequestEvaluation.resolve(origin, r, x.unset);
    }
    Tri enabled = truthy(origin);
    if (enabled == Tri.NO) return new Outcome.Next();
    if (enabled == Tri.UNKNOWN) {
      // A falsy origin skips CORS altogether, so every line the package would write is unknown, not absent.
      Exchange enabledCase = x.copy();
      configureOrigin(origin, decidedAt, options.call(), enabledCase);
      configureCredentials(options, enabledCase);
      if (preflight(r)) {
        configureMethods(options, enabledCase);
        configureAllowedHeaders(options, enabledCase);
        configureMaxAge(options, enabledCase);
      }
      configureExposedHeaders(options, enabledCase);
      x.unknownWhereDifferent(enabledCase, reason(origin), decidedAt);
      x.set("Access-Control-Allow-Origin", Value.unknown(reason(origin), decidedAt));
      return preflight(r) ? new Outcome.Unknown(reason(origin), decidedAt) : new Outcome.Next();
    }
    boolean preflight = preflight(r);
    configureOrigin(origin, decidedAt, options.call(), x);
    configureCredentials(options, x);
    if (preflight) {
      configureMethods(options, x);
      configureAllowedHeaders(options, x);
      configureMaxAge(options, x);
    }
    configureExposedHeaders(options, x);
    if (!preflight) return new Outcome.Next();
    JsValue cont = options.get("preflightContinue");
    Tri goOn = cont == null ? Tri.NO : truthy(cont);
    if (goOn == Tri.YES) return new Outcome.Next();
    if (goOn == Tri.UNKNOWN) return new Outcome.Unknown("preflightContinue is not known", cont.span());
    JsValue st = options.get("optionsSuccessStatus");
    if (st == null) return new Outcome.Answered(Value.known(204, options.call()));
    if (st instanceof JsValue.Num n) return new Outcome.Answered(Value.known((int) n.value(), n.span()));
    return new Outcome.Answered(Value.unknown("optionsSuccessStatus is not known", st.span()));
  }

  /** cors treats every method named OPTIONS as a preflight. */
  private static boolean preflight(Request r) {
    return r.method().equalsIgnoreCase("OPTIONS");
  }

  private static String reason(JsValue v) {
    return v instanceof JsValue.Unknown u ? u.reason() : "the origin option is not known";
  }

  private void configureOrigin(JsValue origin, SourceSpan decidedAt, SourceSpan call, Exchange x) {
    Request r = x.request;
    if (origin instanceof JsValue.Str s && s.value().equals("*")) {
      x.set("Access-Control-Allow-Origin", Value.known("*", span(s, call)));
      return;
    }
    if (origin instanceof JsValue.Str s) {
      x.set("Access-Control-Allow-Origin", Value.known(s.value(), span(s, decidedAt)));
      x.vary("Origin", call);
      return;
    }
    Match m = isOriginAllowed(r.origin(), origin);
    if (m.allowed == Tri.UNKNOWN) {
      x.set("Access-Control-Allow-Origin", Value.unknown("whether the origin is allowed depends on values corslint cannot see", decidedAt));
    } else if (m.allowed == Tri.YES && r.origin() != null && !r.origin().isEmpty()) {
      x.set("Access-Control-Allow-Origin", Value.known(r.origin(), m.span != null ? m.span : decidedAt));
    }
    x.vary("Origin", call);
  }

  private record Match(Tri allowed, SourceSpan span) {}

  /** cors's isOriginAllowed: arrays recurse, strings compare, RegExps test, anything else by truthiness. */
  private Match isOriginAllowed(String origin, JsValue allowed) {
    if (allowed instanceof JsValue.Arr a) {
      boolean unknown = false;
      for (JsValue item : a.items()) {
        Match m = isOriginAllowed(origin, item);
        if (m.allowed == Tri.YES) return m;
        if (m.allowed == Tri.UNKNOWN) unknown = true;
      }
      return new Match(unknown ? Tri.UNKNOWN : Tri.NO, null);
    }
    if (allowed instanceof JsValue.Str s) return new Match(Tri.of(s.value().equals(origin)), s.span());
    if (allowed instanceof JsValue.RegexLit re) {
      return new Match(RequestEvaluation.regexTest(re, origin == null ? "undefined" : origin), re.span());
    }
    return new Match(truthy(allowed), allowed.span());
  }

  private void configureCredentials(Options o, Exchange x) {
    JsValue c = o.get("credentials");
    if (c == null) return;
    if (c instanceof JsValue.Bool b) {
      if (b.value()) x.set("Access-Control-Allow-Credentials", Value.known("true", c.span()));
    } else if (c instanceof JsValue.Unknown u) {
      x.set("Access-Control-Allow-Credentials", Value.unknown(u.reason(), u.span()));
    }
  }

  private void configureMethods(Options o, Exchange x) {
    JsValue m = o.has("methods") || (o.given != null && o.given.open()) ? o.get("methods") : null;
    if (m == null) {
      x.set("Access-Control-Allow-Methods", Value.known(DEFAULT_METHODS, o.call()));
      return;
    }
    setJoined("Access-Control-Allow-Methods", m, x);
  }

  private void configureAllowedHeaders(Options o, Exchange x) {
    JsValue h = o.get("allowedHeaders");
    if (h == null || truthy(h) == Tri.NO) h = o.get("headers");
    Tri set = h == null ? Tri.NO : truthy(h);
    if (set == Tri.UNKNOWN) {
      x.set("Access-Control-Allow-Headers", Value.unknown(reason(h), h.span()));
      return;
    }
    if (set == Tri.NO) {
      x.vary("Access-Control-Request-Headers", o.call());
      String requested = RequestEvaluation.headerOf("access-control-request-headers", x.request);
      if (requested != null && !requested.isEmpty()) x.set("Access-Control-Allow-Headers", Value.known(requested, o.call()));
      return;
    }
    setJoined("Access-Control-Allow-Headers", h, x);
  }

  private void configureMaxAge(Options o, Exchange x) {
    JsValue m = o.get("maxAge");
    if (m == null) return;
    if (m instanceof JsValue.Num n) {
      x.set("Access-Control-Max-Age", Value.known(n.asJsString(), n.span()));
      return;
    }
    Tri t = truthy(m);
    if (t == Tri.NO) return;
    Optional<String> s = Interpreter.toJsString(m);
    if (t == Tri.UNKNOWN || s.isEmpty()) {
      x.set("Access-Control-Max-Age", Value.unknown(reason(m), m.span()));
    } else if (!s.get().isEmpty()) {
      x.set("Access-Control-Max-Age", Value.known(s.get(), m.span()));
    }
  }

  private void configureExposedHeaders(Options o, Exchange x) {
    JsValue e = o.get("exposedHeaders");
    if (e == null) return;
    Tri t = truthy(e);
    if (t == Tri.NO) return;
    if (t == Tri.UNKNOWN) {
      x.set("Access-Control-Expose-Headers", Value.unknown(reason(e), e.span()));
      return;
    }
    setJoined("Access-Control-Expose-Headers", e, x);
  }

  /** Arrays are joined with ','; a value that ends up empty sends no header. */
  private void setJoined(String name, JsValue v, Exchange x) {
    if (truthy(v) == Tri.NO) return;
    Optional<String> s = Interpreter.toJsString(v);
    if (s.isEmpty()) {
      x.set(name, Value.unknown(reason(v), v.span()));
    } else if (!s.get().isEmpty()) {
      x.set(name, Value.known(s.get(), v.span()));
    }
  }

  private static SourceSpan span(JsValue v, SourceSpan fallback) {
    return v.span() != null ? v.span() : fallback;
  }

  private Tri truthy(JsValue v) {
    Interpreter.Truth t = in.truth(v);
    return switch (t.kind) {
      case YES -> Tri.YES;
      case NO -> Tri.NO;
      default -> Tri.UNKNOWN;
    };
  }

  /** The first callback the function makes for this request, when that is decided. */
  Optional<Effect.Callback> callback(JsValue.Func f, List<JsValue> args, Request r, java.util.Set<String> unset) {
    List<ExecPath> paths = in.runHandler(f, args);
    List<ExecPath> chosen = PathChoice.candidates(paths, r, unset);
    Effect.Callback first = null;
    for (ExecPath p : chosen) {
      Effect.Callback c = null;
      for (Effect e : p.effects) {
        if (e instanceof Effect.Callback cb) {
          c = cb;
          break;
        }
      }
      if (c == null) return Optional.empty();
      if (first == null) {
        first = c;
      } else if (!sameAnswer(first, c, r, unset)) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(first);
  }

  private boolean sameAnswer(Effect.Callback a, Effect.Callback b, Request r, java.util.Set<String> unset) {
    if (a.args().size() != b.args().size()) return false;
    for (int i = 0; i < a.args().size(); i++) {
      JsValue x = RequestEvaluation.resolve(a.args().get(i), r, unset);
      JsValue y = RequestEvaluation.resolve(b.args().get(i), r, unset);
      if (!sameValue(x, y)) return false;
    }
    return true;
  }

  private boolean sameValue(JsValue x, JsValue y) {
    if (x instanceof JsValue.Unknown || y instanceof JsValue.Unknown) return false;
    Optional<String> a = Interpreter.toJsString(x);
    Optional<String> b = Interpreter.toJsString(y);
    if (a.isPresent() && b.isPresent()) return a.get().equals(b.get()) && x.getClass() == y.getClass();
    return x.getClass() == y.getClass() && (x instanceof JsValue.ErrorValue);
  }
}
