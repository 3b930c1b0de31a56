package dev.corslint.ecosystems.spring;

import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Code that writes CORS headers by hand ({@code response.setHeader("Access-Control-Allow-Origin", ...)} in a
 * servlet filter or a handler method), reduced to the steps that matter: header writes, status, return,
 * {@code chain.doFilter}, and branches on the request method and origin. It is run against each request, and it
 * tells which origins it lets in from the conditions that guard its {@code Access-Control-Allow-Origin}.
 */
final class HeaderCode {

  // ---- values ----

  sealed interface HeaderValue {}

  /** A fixed value. */
  record Literal(String text, SourceSpan span) implements HeaderValue {}

  /** The request's {@code Origin} header, echoed. */
  record RequestOrigin(SourceSpan span) implements HeaderValue {}

  record UnknownValue(String reason, SourceSpan span) implements HeaderValue {}

  // ---- conditions ----

  sealed interface Cond {}

  /** {@code request.getMethod()} equals this method. */
  record IsMethod(String method) implements Cond {}

  /** {@code CorsUtils.isPreFlightRequest(request)}. */
  record IsPreflight() implements Cond {}

  /** A request header is present ({@code request.getHeader(name) != null}). */
  record HasHeader(String name) implements Cond {}

  /** The {@code Origin} header is present and not empty. */
  record OriginPresent() implements Cond {}

  /** A check on the origin. */
  record OriginTest(OriginMatcher matcher) implements Cond {}

  record Not(Cond cond) implements Cond {}

  record And(Cond left, Cond right) implements Cond {}

  record Or(Cond left, Cond right) implements Cond {}

  record Const(boolean value) implements Cond {}

  record UnknownCond(String reason, SourceSpan span) implements Cond {}

  // ---- steps ----

  sealed interface Step {}

  /** {@code setHeader} (replace) or {@code addHeader} (append). */
  record Write(String name, HeaderValue value, boolean add, SourceSpan span) implements Step {}

  /** {@code setStatus}, or {@code sendError} ({@code error}), after which the container renders its error page. */
  record SetStatus(int status, SourceSpan span, boolean error) implements Step {}

  /** The code returns without passing the request on. */
  record Stop(SourceSpan span) implements Step {}

  /** {@code chain.doFilter(request, response)}: the rest of the application answers. */
  record Proceed(SourceSpan span) implements Step {}

  record Branch(Cond cond, List<Step> then, List<Step> otherwise, SourceSpan span) implements Step {}

  /** Something that writes headers in a way this model does not follow (a loop, a helper elsewhere). */
  record Opaque(String reason, SourceSpan span) implements Step {}

  /** What running the code did. */
  enum Outcome {
    /** The request went on to the next layer. */
    PROCEEDED,
    /** The code answered by itself. */
    ANSWERED,
    /** The code called {@code sendError}: the container forwards to the error page with that status. */
    ERROR_PAGE,
    /** The path through the code depends on something unknown. */
    UNKNOWN
  }

  private final List<Step> steps;
  private final SourceSpan declaredAt;
  private final String description;

  HeaderCode(List<Step> steps, SourceSpan declaredAt, String description) {
    this.steps = List.copyOf(steps);
    this.declaredAt = declaredAt;
    this.description = description;
  }

  SourceSpan declaredAt() {
    return declaredAt;
  }

  String description() {
    return description;
  }

  boolean writesCorsHeaders() {
    return !writes().isEmpty();
  }

  /**
   * Whether the code answers some requests itself on conditions it can decide (a filter that refuses OPTIONS),
   * which matters to CORS even when it writes no CORS header.
   */
  boolean answersByItself() {
    return unknowns().isEmpty() && stops(steps);
  }

  private static boolean stops(List<Step> steps) {
    for (Step s : steps) {
      if (s instanceof Stop || s instanceof SetStatus) return true;
      if (s instanceof Branch b && (stops(b.then()) || stops(b.otherwise()))) return true;
    }
    return false;
  }

  // ---- running ----

  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  /** Runs the code for {@code req}; writes go into {@code out}. */
  Outcome run(Request req, ResponseDraft out) {
    State s = new State();
    try {
      exec(steps, req, out, s);
    } catch (Stopped e) {
      // returned
    }
    if (s.unknown != null) {
      out.status(Value.unknown(s.unknown, s.unknownAt));
      return Outcome.UNKNOWN;
    }
    if (s.proceeded) return Outcome.PROCEEDED;
    if (s.status != null) out.status(s.status);
    else out.status(200, declaredAt);
    return s.error ? Outcome.ERROR_PAGE : Outcome.ANSWERED;
  }

  private static final class State {
    boolean proceeded;
    boolean error;
    Value<Integer> status;
    String unknown;
    SourceSpan unknownAt;
  }

  private static void exec(List<Step> steps, Request req, ResponseDraft out, State s) {
    for (Step step : steps) {
      if (s.unknown != null) return;
      if (step instanceof Write w) {
        // once the rest of the application has answered, the response is committed: later writes are lost
        if (!s.proceeded) write(w, req, out);
      } else if (step instanceof SetStatus st) {
        if (!s.proceeded) {
          s.status = Value.known(st.status(), st.span());
          s.error = st.error();
        }
      } else if (step instanceof Stop) {
        throw new Stopped();
      } else if (step instanceof Proceed) {
        s.proceeded = true;
      } else if (step instanceof Opaque o) {
        if (!s.proceeded) {
          s.unknown = o.reason();
          s.unknownAt = o.span();
        }
      } else if (step instanceof Branch b) {
        Tri t = test(b.cond(), req);
        if (t == Tri.YES) exec(b.then(), req, out, s);
        else if (t == Tri.NO) exec(b.otherwise(), req, out, s);
        else if (hasEffects(b.then()) || hasEffects(b.otherwise())) {
          s.unknown = "the path through this code depends on " + reason(b.cond());
          s.unknownAt = b.span();
        }
      }
    }
  }

  private static void write(Write w, Request req, ResponseDraft out) {
    Value<String> v;
    if (w.value() instanceof Literal l) {
      v = Value.known(l.text(), w.span());
    } else if (w.value() instanceof RequestOrigin) {
      // setHeader(name, null) writes nothing
      if (req.origin() == null) return;
      v = Value.known(req.origin(), w.span());
    } else {
      v = Value.unknown(((UnknownValue) w.value()).reason(), w.span());
    }
    if (w.add()) out.add(w.name(), v);
    else out.set(w.name(), v);
  }

  private static boolean hasEffects(List<Step> steps) {
    for (Step s : steps) {
      if (!(s instanceof Branch b) || hasEffects(b.then()) || hasEffects(b.otherwise())) return true;
    }
    return false;
  }

  static Tri test(Cond c, Request req) {
    if (c instanceof IsMethod m) return Tri.of(req.method().equalsIgnoreCase(m.method()));
    if (c instanceof IsPreflight) return Tri.of(req.isPreflight() && req.origin() != null);
    if (c instanceof HasHeader h) return Tri.of(hasHeader(req, h.name()));
    if (c instanceof OriginPresent) return Tri.of(req.origin() != null && !req.origin().isEmpty());
    if (c instanceof OriginTest t) return req.origin() == null ? Tri.NO : t.matcher().accepts(req.origin());
    if (c instanceof Not n) return not(test(n.cond(), req));
    if (c instanceof And a) return and(test(a.left(), req), test(a.right(), req));
    if (c instanceof Or o) return test(o.left(), req).or(test(o.right(), req));
    if (c instanceof Const k) return Tri.of(k.value());
    return Tri.UNKNOWN;
  }

  private static boolean hasHeader(Request req, String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("origin")) return req.origin() != null;
    if (n.equals("access-control-request-method")) return req.isPreflight();
    if (n.equals("access-control-request-headers")) return req.isPreflight() && !req.requestHeaders().isEmpty();
    return false;
  }

  private static Tri not(Tri t) {
    return t == Tri.YES ? Tri.NO : t == Tri.NO ? Tri.YES : Tri.UNKNOWN;
  }

  private static Tri and(Tri a, Tri b) {
    if (a == Tri.NO || b == Tri.NO) return Tri.NO;
    if (a == Tri.YES && b == Tri.YES) return Tri.YES;
    return Tri.UNKNOWN;
  }

  static String reason(Cond c) {
    if (c instanceof UnknownCond u) return u.reason();
    if (c instanceof Not n) return reason(n.cond());
    if (c instanceof And a) return a.left() instanceof UnknownCond ? reason(a.left()) : reason(a.right());
    if (c instanceof Or o) return o.left() instanceof UnknownCond ? reason(o.left()) : reason(o.right());
    return "a condition evaluated at run time";
  }

  /** Why parts of this code cannot be followed statically: opaque steps and unknown conditions that guard effects. */
  List<Opaque> unknowns() {
    List<Opaque> out = new ArrayList<>();
    collectUnknowns(steps, out);
    return out;
  }

  private static void collectUnknowns(List<Step> steps, List<Opaque> out) {
    for (Step s : steps) {
      if (s instanceof Opaque o) out.add(o);
      else if (s instanceof Branch b) {
        if (containsUnknown(b.cond()) && (hasEffects(b.then()) || hasEffects(b.otherwise()))) {
          out.add(new Opaque(reason(b.cond()), b.span()));
        }
        collectUnknowns(b.then(), out);
        collectUnknowns(b.otherwise(), out);
      }
    }
  }

  private static boolean containsUnknown(Cond c) {
    if (c instanceof UnknownCond) return true;
    if (c instanceof Not n) return containsUnknown(n.cond());
    if (c instanceof And a) return containsUnknown(a.left()) || containsUnknown(a.right());
    if (c instanceof Or o) return containsUnknown(o.left()) || containsUnknown(o.right());
    return false;
  }

  // ---- what the code allows ----

  /** A header write with the conditions that must hold for it to run. */
  record GuardedWrite(Write write, List<Cond> guards) {}

  /** Every header write before {@code chain.doFilter} with its path conditions. */
  List<GuardedWrite> writes() {
    List<GuardedWrite> out = new ArrayList<>();
    walk(steps, new ArrayList<>(), out, new boolean[1]);
    return out;
  }

  /** @return whether this list always stops (returns) */
  private static boolean walk(List<Step> steps, List<Cond> guards, List<GuardedWrite> out, boolean[] proceeded) {
    List<Cond> g = new ArrayList<>(guards);
    for (Step step : steps) {
      if (step instanceof Write w) {
        if (!proceeded[0]) out.add(new GuardedWrite(w, List.copyOf(g)));
      } else if (step instanceof Stop) {
        return true;
      } else if (step instanceof Proceed) {
        proceeded[0] = true;
      } else if (step instanceof Branch b) {
        List<Cond> tg = new ArrayList<>(g);
        tg.add(b.cond());
        List<Cond> eg = new ArrayList<>(g);
        eg.add(new Not(b.cond()));
        boolean[] pt = {proceeded[0]};
        boolean[] pe = {proceeded[0]};
        boolean t = walk(b.then(), tg, out, pt);
        boolean e = walk(b.otherwise(), eg, out, pe);
        if (t && e) return true;
        if (t) {
          g = eg;
          proceeded[0] = pe[0];
        } else if (e) {
          g = tg;
          proceeded[0] = pt[0];
        } else {
          // writes after the branch are lost only when both sides passed the request on
          proceeded[0] = pt[0] && pe[0];
        }
      }
    }
    return false;
  }

  /** The origins this code answers with an allowing {@code Access-Control-Allow-Origin}. */
  OriginMatcher originMatcher() {
    List<OriginMatcher> out = new ArrayList<>();
    for (GuardedWrite gw : writes()) {
      Write w = gw.write();
      if (!w.name().equalsIgnoreCase("Access-Control-Allow-Origin")) continue;
      if (w.value() instanceof Literal l) {
        if (l.text().strip().equals("*")) out.add(new OriginMatcher.Wildcard(w.span()));
        else if (!l.text().isBlank()) out.add(new OriginMatcher.Exact(l.text(), w.span()));
      } else if (w.value() instanceof RequestOrigin) {
        out.add(guardMatcher(gw.guards(), w.span()));
      } else {
        out.add(new OriginMatcher.Opaque(((UnknownValue) w.value()).reason(), w.span()));
      }
    }
    return OriginMatcher.anyOf(out);
  }

  /** The check that guards an echoed origin: none is reflection, one positive test is that test. */
  private static OriginMatcher guardMatcher(List<Cond> guards, SourceSpan at) {
    List<OriginMatcher> positive = new ArrayList<>();
    for (Cond c : guards) {
      List<OriginMatcher> found = new ArrayList<>();
      Tri kind = originTests(c, found);
      if (kind == Tri.UNKNOWN) return new OriginMatcher.Opaque("the origin is echoed under " + reason(c), at);
      positive.addAll(found);
    }
    if (positive.isEmpty()) return new OriginMatcher.Reflect(at);
    // Several checks that must all hold: the last one that is not a mere scheme test decides what gets in.
    for (int i = positive.size() - 1; i >= 0; i--) {
      OriginMatcher m = positive.get(i);
      if (!(m instanceof OriginMatcher.StringTest t && t.kind() == OriginMatcher.StringTest.Kind.PREFIX && t.text().matches("https?://?"))) {
        return m;
      }
    }
    return positive.get(positive.size() - 1);
  }

  /**
   * Collects the positive origin tests of a guard. YES: only method or presence checks and positive tests; NO:
   * nothing about the origin; UNKNOWN: a negated or unknown origin check this model cannot turn into a matcher.
   */
  private static Tri originTests(Cond c, List<OriginMatcher> out) {
    if (c instanceof OriginTest t) {
      out.add(t.matcher());
      return Tri.YES;
    }
    if (c instanceof And a) {
      Tri l = originTests(a.left(), out);
      Tri r = originTests(a.right(), out);
      return l == Tri.UNKNOWN || r == Tri.UNKNOWN ? Tri.UNKNOWN : Tri.YES;
    }
    if (c instanceof Or o) {
      List<OriginMatcher> l = new ArrayList<>();
      List<OriginMatcher> r = new ArrayList<>();
      Tri lt = originTests(o.left(), l);
      Tri rt = originTests(o.right(), r);
      if (lt == Tri.UNKNOWN || rt == Tri.UNKNOWN) return Tri.UNKNOWN;
      if (l.isEmpty() || r.isEmpty()) return Tri.YES; // one side does not look at the origin at all
      List<OriginMatcher> both = new ArrayList<>(l);
      both.addAll(r);
      out.add(OriginMatcher.anyOf(both));
      return Tri.YES;
    }
    if (c instanceof Not n) {
      if (n.cond() instanceof OriginTest) return Tri.UNKNOWN;
      if (n.cond() instanceof Not inner) return originTests(inner.cond(), out);
      if (n.cond() instanceof Or or) return originTests(new And(new Not(or.left()), new Not(or.right())), out);
      if (n.cond() instanceof And and) {
        List<OriginMatcher> probe = new ArrayList<>();
        return originTests(and, probe) == Tri.YES && probe.isEmpty() ? Tri.YES : Tri.UNKNOWN;
      }
      return n.cond() instanceof UnknownCond ? Tri.UNKNOWN : Tri.YES;
    }
    if (c instanceof UnknownCond) return Tri.UNKNOWN;
    return Tri.YES;
  }

  /** Whether any path writes {@code Access-Control-Allow-Credentials: true}; the span of the write. */
  Value<Boolean> credentials() {
    for (GuardedWrite gw : writes()) {
      Write w = gw.write();
      if (!w.name().equalsIgnoreCase("Access-Control-Allow-Credentials")) continue;
      if (w.value() instanceof Literal l) return Value.known("true".equals(l.text().strip()), w.span());
      return Value.unknown("Access-Control-Allow-Credentials is computed at run time", w.span());
    }
    return Value.absent();
  }
}
