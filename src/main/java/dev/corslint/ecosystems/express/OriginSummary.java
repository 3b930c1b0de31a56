package dev.corslint.ecosystems.express;

import dev.corslint.model.GuardedRegex;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.RegexFlavor;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The declarative side of a CORS layer: which origins it allows ({@link OriginMatcher}, built from the
 * same analysis that {@code respond} replays) and whether it allows credentials.
 */
final class OriginSummary {

  private final Interpreter in;

  OriginSummary(Interpreter in) {
    this.in = in;
  }

  // ------------------------------------------------------------ the cors package

  OriginMatcher corsOrigins(CorsSetup setup) {
    JsValue arg = setup.argument();
    if (setup.defaults() || JsValue.isNullish(arg)) return new OriginMatcher.Wildcard(setup.span());
    if (arg instanceof JsValue.Obj o) return optionOrigins(o, setup.span());
    if (arg instanceof JsValue.Func f) {
      List<OriginMatcher> out = new ArrayList<>();
      for (ExecPath p : in.runHandler(f, delegateArgs(f))) {
        Effect.Callback cb = firstCallback(p);
        if (cb == null || cb.args().size() < 2 || isError(cb.args().get(0))) continue;
        delegateOrigins(p.condition(), cb.args().get(1), cb.span(), setup.span(), out);
      }
      return anyOf(out);
    }
    return new OriginMatcher.Opaque(arg instanceof JsValue.Unknown u ? u.reason() : "options corslint cannot see", setup.span());
  }

  /** The origins one answer of an options delegate allows, under the condition that leads to it. */
  private void delegateOrigins(OriginPredicate cond, JsValue opts, SourceSpan at, SourceSpan call, List<OriginMatcher> out) {
    if (opts instanceof JsValue.Choice c) {
      delegateOrigins(cond == null ? c.test() : Interpreter.and(cond, c.test()), c.whenTrue(), at, call, out);
      delegateOrigins(cond == null ? OriginPredicate.not(c.test()) : Interpreter.and(cond, OriginPredicate.not(c.test())),
          c.whenFalse(), at, call, out);
      return;
    }
    OriginMatcher m = opts instanceof JsValue.Obj o ? optionOrigins(o, call)
        : JsValue.isNullish(opts) ? new OriginMatcher.Wildcard(at)
        : new OriginMatcher.Opaque("options chosen at run time", at);
    if (cond != null && (m instanceof OriginMatcher.Reflect || m instanceof OriginMatcher.Wildcard)) {
      OriginMatcher gate = toMatcher(cond, m.span());
      if (!(gate instanceof OriginMatcher.Reflect)) m = gate;
    }
    out.add(m);
  }

  Value<Boolean> corsCredentials(CorsSetup setup) {
    JsValue arg = setup.argument();
    if (setup.defaults() || JsValue.isNullish(arg)) return Value.known(false, setup.span());
    if (arg instanceof JsValue.Obj o) return optionCredentials(o, setup.span());
    if (arg instanceof JsValue.Func f) {
      Value<Boolean> result = Value.known(false, setup.span());
      for (ExecPath p : in.runHandler(f, delegateArgs(f))) {
        Effect.Callback cb = firstCallback(p);
        if (cb == null || cb.args().size() < 2) continue;
        for (JsValue opts : branches(cb.args().get(1))) {
          if (!(opts instanceof JsValue.Obj o)) continue;
          Value<Boolean> c = optionCredentials(o, setup.span());
          if (c.is(true)) return c;
          if (c.isUnknown()) result = c;
        }
      }
      return result;
    }
    return Value.unknown("options corslint cannot see", setup.span());
  }

  /** Every value a request-dependent choice can take. */
  private static List<JsValue> branches(JsValue v) {
    if (!(v instanceof JsValue.Choice c)) return List.of(v);
    List<JsValue> out = new ArrayList<>(branches(c.whenTrue()));
    out.addAll(branches(c.whenFalse()));
    return out;
  }

  private static List<JsValue> delegateArgs(JsValue.Func f) {
    return List.of(new JsValue.RequestPart(JsValue.RequestPart.Part.REQUEST, f.span()),
        new JsValue.RequestPart(JsValue.RequestPart.Part.CALLBACK, f.span()));
  }

  private static Value<Boolean> optionCredentials(JsValue.Obj o, SourceSpan call) {
    JsValue c = o.get("credentials");
    if (c == null) {
      return o.open() ? Value.unknown("credentials may come from an object corslint cannot see", o.span()) : Value.known(false, call);
    }
    if (c instanceof JsValue.Bool b) return Value.known(b.value(), b.span());
    if (c instanceof JsValue.Unknown u) return Value.unknown(u.reason(), u.span());
    return Value.known(false, c.span());
  }

  private OriginMatcher optionOrigins(JsValue.Obj o, SourceSpan call) {
    JsValue origin = o.get("origin");
    if (origin == null) {
      if (o.open()) return new OriginMatcher.Opaque("the origin option may come from an object corslint cannot see", o.span());
      return new OriginMatcher.Wildcard(call);
    }
    return originValue(origin, call);
  }

  /** The {@code origin} option as the cors package reads it. */
  OriginMatcher originValue(JsValue v, SourceSpan call) {
    SourceSpan at = v.span() != null ? v.span() : call;
    if (v instanceof JsValue.Str s) return s.value().equals("*") ? new OriginMatcher.Wildcard(at) : new OriginMatcher.Exact(s.value(), at);
    if (v instanceof JsValue.Bool b) return b.value() ? new OriginMatcher.Reflect(at) : new OriginMatcher.None();
    if (JsValue.isNullish(v)) return new OriginMatcher.None();
    if (v instanceof JsValue.RegexLit r) return regex(r);
    if (v instanceof JsValue.Arr a) {
      List<OriginMatcher> out = new ArrayList<>();
      for (JsValue item : a.items()) {
        if (item instanceof JsValue.Str s) out.add(new OriginMatcher.Exact(s.value(), item.span() != null ? item.span() : at));
        else if (item instanceof JsValue.RegexLit r) out.add(regex(r));
        else if (item instanceof JsValue.Unknown u) out.add(new OriginMatcher.Opaque(u.reason(), u.span() != null ? u.span() : at));
        else if (in.truth(item).kind == Interpreter.TruthKind.YES) out.add(new OriginMatcher.Reflect(item.span() != null ? item.span() : at));
        else if (in.truth(item).kind != Interpreter.TruthKind.NO) out.add(new OriginMatcher.Opaque("an entry known only at run time", at));
      }
      return anyOf(out);
    }
    if (v instanceof JsValue.Func f) return originFunction(f);
    if (v instanceof JsValue.Choice c) return anyOf(List.of(originValue(c.whenTrue(), call), originValue(c.whenFalse(), call)));
    if (v instanceof JsValue.Unknown u) return new OriginMatcher.Opaque(u.reason(), at);
    if (in.truth(v).kind == Interpreter.TruthKind.YES) return new OriginMatcher.Reflect(at);
    return new OriginMatcher.Opaque("an origin option corslint cannot read", at);
  }

  /** {@code origin: (origin, callback) => ...}: the origins for which some way through calls back with an allowing value. */
  OriginMatcher originFunction(JsValue.Func f) {
    List<JsValue> args = List.of(new JsValue.RequestPart(JsValue.RequestPart.Part.ORIGIN, f.span()),
        new JsValue.RequestPart(JsValue.RequestPart.Part.CALLBACK, f.span()));
    List<OriginMatcher> out = new ArrayList<>();
    for (ExecPath p : in.runHandler(f, args)) {
      Effect.Callback cb = firstCallback(p);
      if (cb == null) {
        if (p.approximate) out.add(new OriginMatcher.Opaque("the origin function does something corslint cannot follow", f.span()));
        continue;
      }
      if (!cb.args().isEmpty() && isError(cb.args().get(0))) continue;
      JsValue value = cb.args().size() < 2 ? new JsValue.Undefined(cb.span()) : cb.args().get(1);
      out.add(allowedBy(p.condition(), value, cb.span()));
    }
    return anyOf(out);
  }

  private OriginMatcher allowedBy(OriginPredicate cond, JsValue value, SourceSpan at) {
    if (value instanceof JsValue.Choice c) {
      OriginPredicate yes = cond == null ? c.test() : Interpreter.and(cond, c.test());
      OriginPredicate no = cond == null ? OriginPredicate.not(c.test()) : Interpreter.and(cond, OriginPredicate.not(c.test()));
      return anyOf(List.of(allowedBy(yes, c.whenTrue(), at), allowedBy(no, c.whenFalse(), at)));
    }
    if (value instanceof JsValue.Cond c) return toMatcher(cond == null ? c.predicate() : Interpreter.and(cond, c.predicate()), at);
    if (value instanceof JsValue.RequestPart rp && rp.part() == JsValue.RequestPart.Part.ORIGIN) {
      return toMatcher(cond, at);
    }
    if (value instanceof JsValue.Bool b) return b.value() ? toMatcher(cond, at) : new OriginMatcher.None();
    if (value instanceof JsValue.Str || value instanceof JsValue.Arr || value instanceof JsValue.RegexLit) return originValue(value, at);
    if (JsValue.isNullish(value)) return new OriginMatcher.None();
    if (value instanceof JsValue.Unknown u) return new OriginMatcher.Opaque(u.reason(), at);
    Interpreter.Truth t = in.truth(value);
    if (t.kind == Interpreter.TruthKind.NO) return new OriginMatcher.None();
    if (t.kind == Interpreter.TruthKind.YES) return toMatcher(cond, at);
    return new OriginMatcher.Opaque("an answer corslint cannot evaluate", at);
  }

  private static boolean isError(JsValue v) {
    return v instanceof JsValue.ErrorValue || v instanceof JsValue.Str s && !s.value().isEmpty()
        || v instanceof JsValue.Obj;
  }

  static Effect.Callback firstCallback(ExecPath p) {
    for (Effect e : p.effects) if (e instanceof Effect.Callback c) return c;
    return null;
  }

  // ------------------------------------------------------------ hand-written middleware

  /** The origins a hand-written middleware sends an allowing Access-Control-Allow-Origin to. */
  OriginMatcher manualOrigins(List<ExecPath> paths) {
    List<OriginMatcher> out = new ArrayList<>();
    for (ExecPath p : paths) {
      Effect.Header h = lastHeader(p, "access-control-allow-origin");
      if (h == null) continue;
      out.add(headerOrigins(p.condition(), h.value(), h.span()));
    }
    return anyOf(out);
  }

  private OriginMatcher headerOrigins(OriginPredicate cond, JsValue v, SourceSpan at) {
    if (v instanceof JsValue.Choice c) {
      OriginPredicate yes = cond == null ? c.test() : Interpreter.and(cond, c.test());
      OriginPredicate no = cond == null ? OriginPredicate.not(c.test()) : Interpreter.and(cond, OriginPredicate.not(c.test()));
      return anyOf(List.of(headerOrigins(yes, c.whenTrue(), at), headerOrigins(no, c.whenFalse(), at)));
    }
    if (v instanceof JsValue.RequestPart rp && rp.part() == JsValue.RequestPart.Part.ORIGIN) {
      OriginPredicate present = new OriginPredicate.Present(at);
      return toMatcher(cond == null ? present : Interpreter.and(cond, present), at);
    }
    if (v instanceof JsValue.Str s) {
      if (s.value().isEmpty()) return new OriginMatcher.None();
      return s.value().equals("*") ? new OriginMatcher.Wildcard(at) : new OriginMatcher.Exact(s.value(), at);
    }
    if (v instanceof JsValue.Arr a) {
      List<OriginMatcher> out = new ArrayList<>();
      for (JsValue item : a.items()) out.add(headerOrigins(cond, item, at));
      return anyOf(out);
    }
    if (JsValue.isNullish(v) || v instanceof JsValue.Bool) return new OriginMatcher.None();
    if (v instanceof JsValue.Unknown u) return new OriginMatcher.Opaque(u.reason(), at);
    return new OriginMatcher.Opaque("a value corslint cannot read", at);
  }

  /** Whether a hand-written middleware sends Access-Control-Allow-Credentials: true. */
  Value<Boolean> manualCredentials(List<ExecPath> paths, SourceSpan fallback) {
    Value<Boolean> result = Value.known(false, fallback);
    for (ExecPath p : paths) {
      Effect.Header h = lastHeader(p, "access-control-allow-credentials");
      if (h == null) continue;
      JsValue v = h.value();
      if (v instanceof JsValue.Str s && s.value().equalsIgnoreCase("true") || v instanceof JsValue.Bool b && b.value()) {
        return Value.known(true, h.span());
      }
      if (v instanceof JsValue.Unknown u) result = Value.unknown(u.reason(), h.span());
    }
    return result;
  }

  static Effect.Header lastHeader(ExecPath p, String lowerName) {
    Effect.Header found = null;
    for (Effect e : p.effects) {
      if (e instanceof Effect.Header h && h.name().equalsIgnoreCase(lowerName) && h.mode() != Effect.HeaderMode.VARY) {
        found = h.mode() == Effect.HeaderMode.REMOVE ? null : h;
      }
    }
    return found;
  }

  // ------------------------------------------------------------ conditions to matchers

  /**
   * The origins a condition admits. A condition that does not restrict the origin (none, a method test, a
   * presence test) admits every origin: that is reflection, anchored at {@code allowSpan}.
   */
  OriginMatcher toMatcher(OriginPredicate p, SourceSpan allowSpan) {
    if (p == null) return new OriginMatcher.Reflect(allowSpan);
    if (p instanceof OriginPredicate.InList l) {
      List<OriginMatcher> out = new ArrayList<>();
      for (JsValue item : l.items()) {
        SourceSpan at = item.span() != null ? item.span() : l.span();
        if (item instanceof JsValue.Str s) out.add(new OriginMatcher.Exact(s.value(), at));
        else if (item instanceof JsValue.Unknown u) out.add(new OriginMatcher.Opaque(u.reason(), at));
      }
      return anyOf(out);
    }
    if (p instanceof OriginPredicate.Equals e) return new OriginMatcher.Exact(e.value().value(), e.value().span() != null ? e.value().span() : e.span());
    if (p instanceof OriginPredicate.RegexTest t) return regex(t.regex());
    if (p instanceof OriginPredicate.StringTest t) return new OriginMatcher.StringTest(t.kind(), t.text(), t.ignoreCase(), t.span());
    if (p instanceof OriginPredicate.Present || p instanceof OriginPredicate.MethodIs || p instanceof OriginPredicate.HeaderPresent) {
      return new OriginMatcher.Reflect(allowSpan);
    }
    if (p instanceof OriginPredicate.Opaque o) return new OriginMatcher.Opaque(o.reason(), o.span() != null ? o.span() : allowSpan);
    if (p instanceof OriginPredicate.Or o) {
      List<OriginMatcher> out = new ArrayList<>();
      for (OriginPredicate q : o.operands()) out.add(toMatcher(q, allowSpan));
      return anyOf(out);
    }
    if (p instanceof OriginPredicate.And a) return conjunction(a.operands(), allowSpan);
    OriginPredicate inner = ((OriginPredicate.Not) p).operand();
    if (inner instanceof OriginPredicate.Not n) return toMatcher(n.operand(), allowSpan);
    if (inner instanceof OriginPredicate.Present) return new OriginMatcher.None();
    if (inner instanceof OriginPredicate.Or o) {
      List<OriginPredicate> negated = new ArrayList<>();
      for (OriginPredicate q : o.operands()) negated.add(OriginPredicate.not(q));
      return conjunction(negated, allowSpan);
    }
    if (inner instanceof OriginPredicate.And a) {
      List<OriginMatcher> out = new ArrayList<>();
      for (OriginPredicate q : a.operands()) out.add(toMatcher(OriginPredicate.not(q), allowSpan));
      return anyOf(out);
    }
    if (inner instanceof OriginPredicate.Opaque o) return new OriginMatcher.Opaque(o.reason(), o.span() != null ? o.span() : allowSpan);
    // Everything except a list or pattern: for an attacker, that is reflection.
    return new OriginMatcher.Reflect(allowSpan);
  }

  private OriginMatcher conjunction(List<OriginPredicate> operands, SourceSpan allowSpan) {
    if (operands.isEmpty()) return new OriginMatcher.Reflect(allowSpan);
    List<OriginMatcher> restricting = new ArrayList<>();
    for (OriginPredicate q : operands) {
      OriginMatcher m = toMatcher(q, allowSpan);
      if (m instanceof OriginMatcher.None) return m;
      if (m instanceof OriginMatcher.Reflect) continue;
      restricting.add(m);
    }
    if (restricting.isEmpty()) return new OriginMatcher.Reflect(allowSpan);
    if (restricting.size() == 1) return restricting.get(0);
    OriginMatcher combined = combine(restricting);
    return combined != null ? combined
        : new OriginMatcher.Opaque("several checks combined", restricting.get(0).span());
  }

  /** {@code origin.startsWith(a) && origin.endsWith(b)} as one anchored pattern with the same answers. */
  private static OriginMatcher combine(List<OriginMatcher> parts) {
    String prefix = null;
    String suffix = null;
    SourceSpan at = null;
    for (OriginMatcher m : parts) {
      if (!(m instanceof OriginMatcher.StringTest t) || t.ignoreCase()) return null;
      if (t.kind() == OriginMatcher.StringTest.Kind.PREFIX && prefix == null) prefix = t.text();
      else if (t.kind() == OriginMatcher.StringTest.Kind.SUFFIX && suffix == null) suffix = t.text();
      else return null;
      if (at == null) at = t.span();
    }
    String source = "^" + escape(prefix == null ? "" : prefix) + ".*" + escape(suffix == null ? "" : suffix) + "$";
    return GuardedRegex.compile(source, RegexFlavor.JAVASCRIPT, RegexFlavor.Mode.SEARCH, false).regex()
        .<OriginMatcher>map(g -> new OriginMatcher.Regex(g, parts.get(0).span()))
        .orElse(null);
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if ("\\^$.|?*+()[]{}/".indexOf(c) >= 0) sb.append('\\');
      sb.append(c);
    }
    return sb.toString();
  }

  static OriginMatcher regex(JsValue.RegexLit r) {
    GuardedRegex.Result c = GuardedRegex.compile(r.pattern(), RegexFlavor.JAVASCRIPT, RegexFlavor.Mode.SEARCH, r.flags().contains("i"));
    return c.regex().<OriginMatcher>map(g -> new OriginMatcher.Regex(g, r.span()))
        .orElse(new OriginMatcher.Opaque("the pattern /" + r.pattern() + "/ is not valid for corslint's engine: " + c.error(), r.span()));
  }

  static OriginMatcher anyOf(List<OriginMatcher> ms) {
    List<OriginMatcher> flat = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (OriginMatcher m : ms) {
      for (OriginMatcher leaf : m instanceof OriginMatcher.AnyOf a ? a.alternatives() : List.of(m)) {
        // Two ways through one function often lead to the same check.
        if (!(leaf instanceof OriginMatcher.None) && seen.add(leaf.getClass().getSimpleName() + leaf.span() + leaf)) flat.add(leaf);
      }
    }
    if (flat.isEmpty()) return new OriginMatcher.None();
    return flat.size() == 1 ? flat.get(0) : new OriginMatcher.AnyOf(flat);
  }
}
