package dev.corslint.ecosystems.express;

import dev.corslint.model.GuardedRegex;
import dev.corslint.model.Request;
import dev.corslint.model.RegexFlavor;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Evaluates the symbolic results of the analysis against one concrete request. */
final class RequestEvaluation {

  /** Headers a preflight carries besides the ones the page set: nothing else is present on a preflight. */
  private static final Set<String> PREFLIGHT_HEADERS = Set.of("origin", "access-control-request-method", "access-control-request-headers");

  private RequestEvaluation() {}

  static Tri evaluate(OriginPredicate p, Request r) {
    return evaluate(p, r, Set.of());
  }

  /**
   * {@code p} for request {@code r}, with the environment variables in {@code unset} taken as unset: a test of
   * whether one of them is set is then false.
   */
  static Tri evaluate(OriginPredicate p, Request r, Set<String> unset) {
    String origin = r.origin();
    if (p == null) return Tri.YES;
    if (p instanceof OriginPredicate.InList l) {
      Tri result = Tri.NO;
      for (JsValue item : l.items()) {
        if (item instanceof JsValue.Str s) {
          if (origin != null && s.value().equals(origin)) return Tri.YES;
        } else if (item instanceof JsValue.Undefined) {
          if (origin == null) return Tri.YES;
        } else if (!(item instanceof JsValue.Num || item instanceof JsValue.Bool || item instanceof JsValue.Null
            || item instanceof JsValue.RegexLit || item instanceof JsValue.Obj || item instanceof JsValue.Arr)) {
          result = Tri.UNKNOWN;
        }
      }
      return result;
    }
    if (p instanceof OriginPredicate.Equals e) return Tri.of(origin != null && e.value().value().equals(origin));
    if (p instanceof OriginPredicate.RegexTest t) return regexTest(t.regex(), origin == null ? "undefined" : origin);
    if (p instanceof OriginPredicate.StringTest t) {
      if (origin == null) return Tri.UNKNOWN; // undefined.endsWith throws: the request fails another way
      String o = t.ignoreCase() ? origin.toLowerCase(Locale.ROOT) : origin;
      String x = t.ignoreCase() ? t.text().toLowerCase(Locale.ROOT) : t.text();
      return Tri.of(switch (t.kind()) {
        case PREFIX -> o.startsWith(x);
        case SUFFIX -> o.endsWith(x);
        case CONTAINS -> o.contains(x);
      });
    }
    if (p instanceof OriginPredicate.Present) return Tri.of(origin != null && !origin.isEmpty());
    if (p instanceof OriginPredicate.MethodIs m) return Tri.of(r.method().equals(m.method()));
    if (p instanceof OriginPredicate.HeaderPresent h) {
      if (PREFLIGHT_HEADERS.contains(h.name())) return Tri.of(headerOf(h.name(), r) != null);
      return r.isPreflight() ? Tri.NO : Tri.UNKNOWN;
    }
    if (p instanceof OriginPredicate.Opaque o) return o.variable() != null && unset.contains(o.variable()) ? Tri.NO : Tri.UNKNOWN;
    if (p instanceof OriginPredicate.Not n) {
      Tri t = evaluate(n.operand(), r, unset);
      return t == Tri.UNKNOWN ? t : Tri.of(t == Tri.NO);
    }
    if (p instanceof OriginPredicate.And a) {
      Tri result = Tri.YES;
      for (OriginPredicate q : a.operands()) {
        Tri t = evaluate(q, r, unset);
        if (t == Tri.NO) return Tri.NO;
        if (t == Tri.UNKNOWN) result = Tri.UNKNOWN;
      }
      return result;
    }
    if (p instanceof OriginPredicate.Or o) {
      Tri result = Tri.NO;
      for (OriginPredicate q : o.operands()) result = result.or(evaluate(q, r, unset));
      return result;
    }
    return Tri.UNKNOWN;
  }

  static Tri regexTest(JsValue.RegexLit regex, String input) {
    GuardedRegex.Result c = GuardedRegex.compile(regex.pattern(), RegexFlavor.JAVASCRIPT, RegexFlavor.Mode.SEARCH, regex.flags().contains("i"));
    return c.regex().map(g -> g.matches(input)).orElse(Tri.UNKNOWN);
  }

  static String headerOf(String name, Request r) {
    return switch (name) {
      case "origin" -> r.origin();
      case "access-control-request-method" -> r.requestMethod();
      case "access-control-request-headers" -> r.requestHeaders().isEmpty() ? null : String.join(",", r.requestHeaders());
      default -> null;
    };
  }

  /** Replaces request-dependent parts of a value with what this request carries. */
  static JsValue resolve(JsValue v, Request r) {
    return resolve(v, r, Set.of());
  }

  /** {@link #resolve(JsValue, Request)} with the environment variables in {@code unset} taken as unset. */
  static JsValue resolve(JsValue v, Request r, Set<String> unset) {
    SourceSpan at = v.span();
    if (v instanceof JsValue.Unknown u && u.variable() != null && unset.contains(u.variable())) return new JsValue.Undefined(at);
    if (v instanceof JsValue.RequestPart p) {
      String s = switch (p.part()) {
        case ORIGIN -> r.origin();
        case METHOD -> r.method();
        case REQUEST_HEADERS -> headerOf("access-control-request-headers", r);
        case REQUEST_METHOD -> r.requestMethod();
        default -> null;
      };
      if (p.part() == JsValue.RequestPart.Part.ORIGIN || p.part() == JsValue.RequestPart.Part.METHOD
          || p.part() == JsValue.RequestPart.Part.REQUEST_HEADERS || p.part() == JsValue.RequestPart.Part.REQUEST_METHOD) {
        return s == null ? new JsValue.Undefined(at) : new JsValue.Str(s, at);
      }
      return v;
    }
    if (v instanceof JsValue.RequestHeader h) {
      if (r.isPreflight()) return new JsValue.Undefined(at);
      return new JsValue.Unknown("the request header " + h.name(), at);
    }
    if (v instanceof JsValue.Choice c) {
      Tri t = evaluate(c.test(), r, unset);
      if (t == Tri.YES) return resolve(c.whenTrue(), r, unset);
      if (t == Tri.NO) return resolve(c.whenFalse(), r, unset);
      JsValue a = resolve(c.whenTrue(), r, unset);
      JsValue b = resolve(c.whenFalse(), r, unset);
      if (a.equals(b)) return a;
      return new JsValue.Unknown(c.test() instanceof OriginPredicate.Opaque o ? o.reason() : "a condition corslint cannot evaluate", at);
    }
    if (v instanceof JsValue.Cond c) {
      Tri t = evaluate(c.predicate(), r, unset);
      return t == Tri.UNKNOWN ? new JsValue.Unknown("a condition corslint cannot evaluate", at) : new JsValue.Bool(t == Tri.YES, at);
    }
    if (v instanceof JsValue.Arr a) {
      List<JsValue> items = new ArrayList<>();
      for (JsValue x : a.items()) items.add(resolve(x, r, unset));
      return new JsValue.Arr(items, a.span());
    }
    return v;
  }
}
