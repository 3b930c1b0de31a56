package dev.corslint.ecosystems.express;

import dev.corslint.ecosystems.express.JsValue.Arr;
import dev.corslint.ecosystems.express.JsValue.Bool;
import dev.corslint.ecosystems.express.JsValue.Choice;
import dev.corslint.ecosystems.express.JsValue.Cond;
import dev.corslint.ecosystems.express.JsValue.Func;
import dev.corslint.ecosystems.express.JsValue.Num;
import dev.corslint.ecosystems.express.JsValue.Obj;
import dev.corslint.ecosystems.express.JsValue.RegexLit;
import dev.corslint.ecosystems.express.JsValue.RequestPart;
import dev.corslint.ecosystems.express.JsValue.RequestPart.Part;
import dev.corslint.ecosystems.express.JsValue.Str;
import dev.corslint.ecosystems.express.JsValue.Unknown;
import dev.corslint.model.GuardedRegex;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.RegexFlavor;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates JavaScript expressions and runs function bodies symbolically, without executing anything: values
 * come from literals and declarations, request-dependent tests become {@link OriginPredicate}s, and each way
 * through a function becomes an {@link ExecPath} with its conditions and effects. Everything is bounded
 * (paths, call depth, loop unrolling), so no input can make it run long.
 */
final class Interpreter {

  static final int MAX_PATHS = 64;
  static final int MAX_DEPTH = 8;
  static final int MAX_UNROLL = 64;
  private static final Set<String> GLOBALS = Set.of(
      "Object", "Array", "JSON", "Boolean", "String", "Number", "RegExp", "Error", "TypeError", "RangeError",
      "Set", "Map", "Promise", "Math", "console", "URL", "process", "module", "exports", "require", "Symbol",
      "globalThis", "Date", "parseInt", "parseFloat");

  private final JsProject project;
  private final ExpressApps apps;
  private final Map<Decl, JsValue> staticValues = new HashMap<>();
  private final Set<Decl> inProgress = new HashSet<>();
  private final Map<JsModule, ModuleExports> exports = new HashMap<>();
  private final Map<JsNode, List<ExecPath>> runs = new HashMap<>();
  /** Environment variables the code falls back from when unset, with where the fallback is written (the first one). */
  private final Map<String, SourceSpan> envDefaults = java.util.Collections.synchronizedMap(new java.util.TreeMap<>());
  /** Evaluation steps one analysis (a registration, a handler, a front-end call) may take. */
  static final int STEPS_PER_ANALYSIS = 200_000;

  private int budget = STEPS_PER_ANALYSIS;
  private boolean exhausted;

  Interpreter(JsProject project, ExpressApps apps) {
    this.project = project;
    this.apps = apps;
  }

  JsProject project() {
    return project;
  }

  /** Starts a new analysis with a fresh step budget, so that one pathological function cannot starve the rest. */
  void startAnalysis() {
    budget = STEPS_PER_ANALYSIS;
  }

  /**
   * The environment variables that the code tests or falls back from ({@code process.env.NAME || 'default'},
   * {@code ?? }, a conditional), by name, with the span of the value used when the variable is unset.
   */
  Map<String, SourceSpan> envDefaults() {
    synchronized (envDefaults) {
      return new java.util.TreeMap<>(envDefaults);
    }
  }

  /**
   * The test of {@code tested ? ... : whenUnset} (or of {@code ||}, {@code ??}): opaque, and naming the
   * environment variable when {@code tested} is one, so that explain can follow the case where it is unset.
   */
  private OriginPredicate opaqueTest(JsValue tested, String reason, SourceSpan at, JsValue whenUnset) {
    if (tested instanceof Unknown u && u.variable() != null) {
      if (whenUnset != null && whenUnset.span() != null) envDefaults.putIfAbsent(u.variable(), whenUnset.span());
      return new OriginPredicate.Opaque(reason, u.variable(), at);
    }
    return new OriginPredicate.Opaque(reason, at);
  }

  /** Whether some analysis ran out of steps (its results are partly unknown). */
  boolean exhausted() {
    return exhausted;
  }

  // ---------------------------------------------------------------- expressions

  JsValue eval(JsNode n, Frame f) {
    if (n == null) return new JsValue.Undefined(null);
    if (--budget < 0) {
      exhausted = true;
      return new Unknown("analysis step budget exhausted", n.span());
    }
    SourceSpan at = n.span();
    switch (n.type()) {
      case "string":
        return new Str(JsStrings.decode(n), at);
      case "template_string":
        return template(n, f);
      case "number":
        return JsStrings.number(n.text()).<JsValue>map(d -> new Num(d, at)).orElse(new Unknown("number " + n.text(), at));
      case "true":
        return new Bool(true, at);
      case "false":
        return new Bool(false, at);
      case "null":
        return new JsValue.Null(at);
      case "undefined":
        return new JsValue.Undefined(at);
      case "regex": {
        JsNode p = n.firstOfType("regex_pattern");
        JsNode fl = n.firstOfType("regex_flags");
        return new RegexLit(p == null ? "" : p.text(), fl == null ? "" : fl.text(), at);
      }
      case "array":
        return array(n, f);
      case "object":
        return object(n, f);
      case "identifier":
      case "shorthand_property_identifier":
        return identifier(n, f);
      case "this":
        return new Unknown("this", at);
      case "member_expression": {
        JsNode obj = n.child("object");
        JsNode prop = n.child("property");
        if (obj == null || prop == null) return new Unknown("incomplete expression", at);
        if (isProcessEnv(obj)) return env(prop.text(), at);
        return member(eval(obj, f), prop.text(), at);
      }
      case "subscript_expression": {
        JsNode obj = n.child("object");
        JsNode idx = n.child("index");
        if (obj == null || idx == null) return new Unknown("incomplete expression", at);
        JsValue key = eval(idx, f);
        if (isProcessEnv(obj) && key instanceof Str s) return env(s.value(), at);
        JsValue o = eval(obj, f);
        if (key instanceof Str s) return member(o, s.value(), at);
        if (key instanceof Num k && o instanceof Arr a) {
          int i = (int) k.value();
          return i >= 0 && i < a.items().size() && i == k.value() ? a.items().get(i) : new JsValue.Undefined(at);
        }
        return new Unknown("computed member", at);
      }
      case "parenthesized_expression":
      case "as_expression":
      case "satisfies_expression":
      case "non_null_expression":
      case "type_assertion":
      case "await_expression": {
        JsNode inner = firstExpression(n);
        return inner == null ? new Unknown("empty expression", at) : eval(inner, f);
      }
      case "sequence_expression": {
        JsValue last = new JsValue.Undefined(at);
        for (JsNode c : n.namedChildren()) last = eval(c, f);
        return last;
      }
      case "call_expression":
        return call(n, f);
      case "new_expression":
        return construct(n, f);
      case "binary_expression":
        return binary(n, f);
      case "unary_expression":
        return unary(n, f);
      case "ternary_expression": {
        JsValue t = eval(n.child("condition"), f);
        Truth tr = truth(t);
        return switch (tr.kind) {
          case YES -> eval(n.child("consequence"), f);
          case NO -> eval(n.child("alternative"), f);
          case COND -> new Choice(tr.predicate, eval(n.child("consequence"), f), eval(n.child("alternative"), f), at);
          case UNKNOWN -> {
            JsValue whenTrue = eval(n.child("consequence"), f);
            JsValue whenFalse = eval(n.child("alternative"), f);
            yield new Choice(opaqueTest(t, tr.reason, at, whenFalse), whenTrue, whenFalse, at);
          }
        };
      }
      case "arrow_function":
      case "function_expression":
      case "function":
      case "generator_function":
      case "function_declaration":
        return new Func(n, f, at);
      case "assignment_expression":
        return assign(n, f);
      case "augmented_assignment_expression":
        return new Unknown("compound assignment", at);
      case "update_expression":
        return new Unknown("increment", at);
      default:
        return new Unknown("unsupported expression (" + n.type() + ")", at);
    }
  }

  static JsNode firstExpression(JsNode n) {
    for (JsNode c : n.children()) {
      if (!c.named() || c.isComment()) continue;
      String t = c.type();
      if (t.equals("type_arguments") || t.endsWith("_type") || t.equals("type_identifier") || t.equals("type_annotation")) continue;
      return c;
    }
    return null;
  }

  private static boolean isProcessEnv(JsNode n) {
    if (!n.is("member_expression")) return false;
    JsNode o = n.child("object");
    JsNode p = n.child("property");
    return o != null && p != null && o.is("identifier") && o.text().equals("process") && p.text().equals("env");
  }

  private JsValue env(String name, SourceSpan at) {
    if (name.equals("NODE_ENV")) return new JsValue.NodeEnv(at);
    return new Unknown("environment variable " + name, name, at);
  }

  private JsValue template(JsNode n, Frame f) {
    StringBuilder sb = new StringBuilder();
    for (JsNode c : n.children()) {
      switch (c.type()) {
        case "string_fragment" -> sb.append(c.text());
        case "escape_sequence" -> sb.append(JsStrings.unescape(c.text()));
        case "template_substitution" -> {
          JsNode e = firstExpression(c);
          JsValue v = e == null ? new Unknown("empty", c.span()) : eval(e, f);
          Optional<String> s = toJsString(v);
          if (s.isEmpty()) {
            return new Unknown(v instanceof Unknown u ? u.reason() : "a template string with a value known only at run time", n.span());
          }
          sb.append(s.get());
        }
        default -> {}
      }
    }
    return new Str(sb.toString(), n.span());
  }

  private JsValue array(JsNode n, Frame f) {
    List<JsValue> items = new ArrayList<>();
    for (JsNode c : n.namedChildren()) {
      if (c.is("spread_element")) {
        JsValue v = eval(firstExpression(c), f);
        if (v instanceof Arr a) items.addAll(a.items());
        else items.add(new Unknown(v instanceof Unknown u ? u.reason() : "spread of a value known only at run time", c.span()));
      } else {
        items.add(eval(c, f));
      }
    }
    return new Arr(items, n.span());
  }

  private JsValue object(JsNode n, Frame f) {
    Map<String, JsValue> props = new LinkedHashMap<>();
    boolean open = false;
    for (JsNode c : n.namedChildren()) {
      switch (c.type()) {
        case "pair" -> {
          String key = propertyKey(c.child("key"), f);
          if (key == null) {
            open = true;
            continue;
          }
          props.remove(key);
          props.put(key, eval(c.child("value"), f));
        }
        case "shorthand_property_identifier" -> {
          props.remove(c.text());
          props.put(c.text(), identifier(c, f));
        }
        case "method_definition" -> {
          JsNode name = c.child("name");
          if (name != null) props.put(name.text(), new Func(c, f, c.span()));
        }
        case "spread_element" -> {
          JsValue v = eval(firstExpression(c), f);
          if (v instanceof Obj o) {
            for (Map.Entry<String, JsValue> e : o.props().entrySet()) {
              props.remove(e.getKey());
              props.put(e.getKey(), e.getValue());
            }
            open |= o.open();
          } else if (!JsValue.isNullish(v)) {
            open = true;
          }
        }
        default -> {}
      }
    }
    return new Obj(props, open, n.span());
  }

  private String propertyKey(JsNode key, Frame f) {
    if (key == null) return null;
    return switch (key.type()) {
      case "property_identifier", "identifier" -> key.text();
      case "string" -> JsStrings.decode(key);
      case "number" -> key.text();
      case "computed_property_name" -> {
        JsValue v = eval(firstExpression(key), f);
        yield v instanceof Str s ? s.value() : null;
      }
      default -> null;
    };
  }

  private JsValue identifier(JsNode n, Frame f) {
    String name = n.text();
    if (name.equals("undefined")) return new JsValue.Undefined(n.span());
    JsModule m = moduleOf(n);
    Decl d = m == null ? null : m.resolve(n);
    if (d == null) {
      if (GLOBALS.contains(name)) return new JsValue.PackageRef("global", name, n.span());
      return new Unknown("'" + name + "' is not defined in this file", n.span());
    }
    return valueOf(d, f);
  }

  static JsModule moduleOf(JsNode n) {
    return n.source().module();
  }

  /** The value a declaration holds as seen from frame {@code f}. */
  JsValue valueOf(Decl d, Frame f) {
    JsValue bound = f == null ? null : f.lookup(d);
    if (bound != null) return bound;
    switch (d.kind()) {
      case PARAMETER:
        return new Unknown("parameter '" + d.name() + "'", d.nameNode().span());
      case FUNCTION:
        return new Func(d.owner(), Frame.STATIC, d.owner().span());
      case CLASS:
      case OTHER:
        return new Unknown("'" + d.name() + "'", d.nameNode().span());
      default:
        break;
    }
    JsValue memo = staticValues.get(d);
    if (memo != null) return memo;
    if (!inProgress.add(d)) return new Unknown("'" + d.name() + "' refers to itself", d.nameNode().span());
    JsValue v;
    try {
      v = d.kind() == Decl.Kind.IMPORT ? importValue(d) : variableValue(d);
    } finally {
      inProgress.remove(d);
    }
    staticValues.put(d, v);
    return v;
  }

  private JsValue variableValue(Decl d) {
    JsNode declarator = d.owner();
    JsValue v;
    if (declarator.is("variable_declarator")) {
      JsNode init = declarator.child("value");
      v = init == null ? new JsValue.Undefined(declarator.span()) : eval(init, Frame.STATIC);
      v = Mutations.apply(this, d, v);
    } else {
      v = new Unknown("'" + d.name() + "'", d.nameNode().span());
    }
    for (Object key : d.path()) v = project(v, key, d.nameNode().span());
    return v;
  }

  private JsValue project(JsValue v, Object key, SourceSpan at) {
    if (key instanceof Integer i) {
      if (v instanceof Arr a) return i < a.items().size() ? a.items().get(i) : new JsValue.Undefined(at);
      return new Unknown("destructured value", at);
    }
    if ("...".equals(key)) return v;
    return member(v, (String) key, at);
  }

  // ---------------------------------------------------------------- modules

  private JsValue importValue(Decl d) {
    JsNode stmt = d.owner();
    JsNode source = stmt.child("source");
    if (source == null) {
      JsNode req = stmt.firstOfType("import_require_clause");
      source = req == null ? null : req.child("source");
    }
    if (source == null) return new Unknown("import", d.nameNode().span());
    String spec = JsStrings.decode(source);
    String what = (String) d.path().get(0);
    return importFrom(d.module(), spec, what, d.nameNode().span());
  }

  JsValue importFrom(JsModule from, String spec, String what, SourceSpan at) {
    if (!JsProject.isRelative(spec)) {
      String pkg = packageName(spec);
      String member = what.equals("default") || what.equals("*") || what.equals("=") ? null : what;
      return new JsValue.PackageRef(pkg, member, at);
    }
    Optional<JsModule> m = project.resolve(from, spec, at);
    if (m.isEmpty()) return new Unknown("'" + spec + "' is not in the scan", at);
    ModuleExports ex = exportsOf(m.get());
    return switch (what) {
      case "*" -> new JsValue.ModuleRef(m.get(), at);
      case "=" -> ex.commonJs(at);
      case "default" -> ex.defaultExport(at);
      default -> ex.named(what, at);
    };
  }

  /** {@code require(spec)}. */
  JsValue require(JsModule from, String spec, SourceSpan at) {
    if (!JsProject.isRelative(spec)) return new JsValue.PackageRef(packageName(spec), null, at);
    Optional<JsModule> m = project.resolve(from, spec, at);
    if (m.isEmpty()) return new Unknown("'" + spec + "' is not in the scan", at);
    return exportsOf(m.get()).commonJs(at);
  }

  static String packageName(String spec) {
    String[] parts = spec.split("/");
    if (spec.startsWith("@") && parts.length >= 2) return parts[0] + "/" + parts[1];
    String p = parts[0];
    return p.startsWith("node:") ? p.substring(5) : p;
  }

  ModuleExports exportsOf(JsModule m) {
    return exports.computeIfAbsent(m, k -> new ModuleExports(this, k));
  }

  // ---------------------------------------------------------------- members

  JsValue member(JsValue o, String key, SourceSpan at) {
    if (o instanceof Obj obj) {
      JsValue v = obj.get(key);
      if (v != null) return v;
      return obj.open() ? new Unknown("property '" + key + "' of an object spread from an unknown value", at) : new JsValue.Undefined(at);
    }
    if (o instanceof Arr a) {
      if (key.equals("length")) return new Num(a.items().size(), at);
      return new Unknown("array method ." + key, at);
    }
    if (o instanceof Str s) {
      if (key.equals("length")) return new Num(s.value().length(), at);
      return new Unknown("string member ." + key, at);
    }
    if (o instanceof JsValue.ModuleRef m) {
      ModuleExports ex = exportsOf(m.module());
      return key.equals("default") ? ex.defaultExport(at) : ex.named(key, at);
    }
    if (o instanceof JsValue.PackageRef p) {
      if (p.pkg().equals("global") && p.member() != null && p.member().equals("process") && key.equals("env")) {
        return new JsValue.PackageRef("global", "process.env", at);
      }
      if (p.pkg().equals("global") && "process.env".equals(p.member())) return env(key, at);
      if (p.member() == null) return new JsValue.PackageRef(p.pkg(), key, at);
      if (key.equals("default")) return p;
      return new JsValue.PackageRef(p.pkg(), p.member() + "." + key, at);
    }
    if (o instanceof RequestPart r) {
      if (r.part() == Part.REQUEST) return requestMember(key, at);
      if (r.part() == Part.RESPONSE) {
        if (key.equals("headersSent")) return new Bool(false, at);
        return new Unknown("res." + key, at);
      }
      return new Unknown("member ." + key + " of the request", at);
    }
    if (o instanceof JsValue.RequestHeaders) return requestHeader(key, at);
    if (o instanceof JsValue.ErrorValue e) {
      if (key.equals("status") || key.equals("statusCode")) return e.statusProperty() ? new Num(e.status(), at) : new JsValue.Undefined(at);
      return key.equals("message") || key.equals("stack") ? new Unknown("error " + key, at) : new JsValue.Undefined(at);
    }
    if (o instanceof Unknown u) return new Unknown(u.reason(), at);
    if (o instanceof JsValue.Undefined || o instanceof JsValue.Null) return new Unknown("member of undefined", at);
    if (o instanceof Choice c) {
      return new Choice(c.test(), member(c.whenTrue(), key, at), member(c.whenFalse(), key, at), at);
    }
    return new Unknown("member ." + key, at);
  }

  private JsValue requestMember(String key, SourceSpan at) {
    return switch (key) {
      case "method" -> new RequestPart(Part.METHOD, at);
      case "headers" -> new JsValue.RequestHeaders(at);
      default -> new Unknown("req." + key, at);
    };
  }

  JsValue requestHeader(String name, SourceSpan at) {
    String h = name.toLowerCase(Locale.ROOT);
    return switch (h) {
      case "origin" -> new RequestPart(Part.ORIGIN, at);
      case "access-control-request-headers" -> new RequestPart(Part.REQUEST_HEADERS, at);
      case "access-control-request-method" -> new RequestPart(Part.REQUEST_METHOD, at);
      default -> new JsValue.RequestHeader(h, at);
    };
  }

  // ---------------------------------------------------------------- operators

  private JsValue binary(JsNode n, Frame f) {
    JsNode opNode = n.child("operator");
    String op = opNode == null ? "" : opNode.text();
    SourceSpan at = n.span();
    if (op.equals("&&") || op.equals("||") || op.equals("??")) {
      JsValue l = eval(n.child("left"), f);
      if (op.equals("??")) {
        if (l instanceof JsValue.Null || l instanceof JsValue.Undefined) return eval(n.child("right"), f);
        if (l instanceof Unknown) {
          JsValue r = eval(n.child("right"), f);
          return new Choice(opaqueTest(l, ((Unknown) l).reason(), l.span(), r), l, r, at);
        }
        return l;
      }
      Truth t = truth(l);
      boolean and = op.equals("&&");
      if (t.kind == TruthKind.YES) return and ? eval(n.child("right"), f) : l;
      if (t.kind == TruthKind.NO) return and ? l : eval(n.child("right"), f);
      JsValue r = eval(n.child("right"), f);
      OriginPredicate lp = t.kind == TruthKind.COND ? t.predicate : opaqueTest(l, t.reason, l.span(), and ? null : r);
      if (isBooleanLike(l) && isBooleanLike(r)) {
        Truth rt = truth(r);
        OriginPredicate rp = predicateOf(rt, r.span());
        return new Cond(and ? and(lp, rp) : or(lp, rp), at);
      }
      return and ? new Choice(lp, r, l, at) : new Choice(lp, l, r, at);
    }
    JsValue l = eval(n.child("left"), f);
    JsValue r = eval(n.child("right"), f);
    switch (op) {
      case "===", "==":
        return equality(l, r, op.equals("=="), at);
      case "!==", "!=": {
        JsValue e = equality(l, r, op.equals("!="), at);
        return negate(e, at);
      }
      case "+":
        return plus(l, r, at);
      case "<", ">", "<=", ">=":
        return relational(l, r, op, at);
      case "instanceof", "in":
        return new Unknown(op, at);
      default:
        if (l instanceof Num a && r instanceof Num b) {
          return switch (op) {
            case "-" -> new Num(a.value() - b.value(), at);
            case "*" -> new Num(a.value() * b.value(), at);
            case "/" -> new Num(a.value() / b.value(), at);
            case "%" -> new Num(a.value() % b.value(), at);
            default -> new Unknown("operator " + op, at);
          };
        }
        return new Unknown("operator " + op, at);
    }
  }

  private static boolean isBooleanLike(JsValue v) {
    return v instanceof Bool || v instanceof Cond || v instanceof JsValue.DevFlag
        || (v instanceof RequestPart p && p.part() == Part.ORIGIN) || v instanceof JsValue.RequestHeader;
  }

  private static OriginPredicate predicateOf(Truth t, SourceSpan at) {
    return switch (t.kind) {
      case YES -> new OriginPredicate.And(List.of());
      case NO -> new OriginPredicate.Or(List.of());
      case COND -> t.predicate;
      case UNKNOWN -> new OriginPredicate.Opaque(t.reason, at);
    };
  }

  static OriginPredicate and(OriginPredicate a, OriginPredicate b) {
    List<OriginPredicate> ops = new ArrayList<>();
    for (OriginPredicate p : List.of(a, b)) {
      if (p instanceof OriginPredicate.And x) ops.addAll(x.operands());
      else ops.add(p);
    }
    return new OriginPredicate.And(ops);
  }

  static OriginPredicate or(OriginPredicate a, OriginPredicate b) {
    List<OriginPredicate> ops = new ArrayList<>();
    for (OriginPredicate p : List.of(a, b)) {
      if (p instanceof OriginPredicate.Or x) ops.addAll(x.operands());
      else ops.add(p);
    }
    return new OriginPredicate.Or(ops);
  }

  private JsValue negate(JsValue e, SourceSpan at) {
    if (e instanceof Bool b) return new Bool(!b.value(), at);
    if (e instanceof Cond c) return new Cond(OriginPredicate.not(c.predicate()), at);
    if (e instanceof JsValue.DevFlag d) return new JsValue.DevFlag(!d.developmentWhenTrue(), at);
    return e;
  }

  private JsValue equality(JsValue l, JsValue r, boolean loose, SourceSpan at) {
    // A comparison with `process.env.NAME || 'default'` holds case by case, so that the case where the
    // variable is unset can be followed.
    for (JsValue[] side : new JsValue[][] {{l, r}, {r, l}}) {
      if (side[0] instanceof Choice c && c.test() instanceof OriginPredicate.Opaque o && o.variable() != null) {
        OriginPredicate whenSet = predicateOf(truth(equality(c.whenTrue(), side[1], loose, at)), at);
        OriginPredicate whenUnset = predicateOf(truth(equality(c.whenFalse(), side[1], loose, at)), at);
        return new Cond(or(and(c.test(), whenSet), and(OriginPredicate.not(c.test()), whenUnset)), at);
      }
    }
    if (r instanceof RequestPart || r instanceof JsValue.NodeEnv || r instanceof JsValue.IndexOf) {
      JsValue t = l;
      l = r;
      r = t;
    }
    if (l instanceof RequestPart p && p.part() == Part.ORIGIN) {
      if (r instanceof Str s) return new Cond(new OriginPredicate.Equals(s, at), at);
      if (r instanceof JsValue.Undefined || (loose && r instanceof JsValue.Null)) {
        return new Cond(OriginPredicate.not(new OriginPredicate.Present(at)), at);
      }
      if (r instanceof JsValue.Null) return new Bool(false, at);
      return new Cond(new OriginPredicate.Opaque("comparison of the origin", at), at);
    }
    if (l instanceof RequestPart p && p.part() == Part.METHOD) {
      if (r instanceof Str s) return new Cond(new OriginPredicate.MethodIs(s.value(), at), at);
      return new Cond(new OriginPredicate.Opaque("comparison of the method", at), at);
    }
    if (l instanceof JsValue.NodeEnv) {
      if (r instanceof Str s) {
        String v = s.value().toLowerCase(Locale.ROOT);
        if (v.equals("production") || v.equals("prod")) return new JsValue.DevFlag(false, at);
        return new JsValue.DevFlag(true, at);
      }
      return new Unknown("NODE_ENV comparison", at);
    }
    if (l instanceof JsValue.IndexOf idx && r instanceof Num k) {
      if (k.value() == -1) return new Cond(OriginPredicate.not(idx.found()), at);
      return new Cond(new OriginPredicate.Opaque("index comparison", at), at);
    }
    if (l instanceof Str a && r instanceof Str b) return new Bool(a.value().equals(b.value()), at);
    if (l instanceof Num a && r instanceof Num b) return new Bool(a.value() == b.value(), at);
    if (l instanceof Bool a && r instanceof Bool b) return new Bool(a.value() == b.value(), at);
    if (l instanceof Cond c && r instanceof Bool b) return b.value() ? c : new Cond(OriginPredicate.not(c.predicate()), at);
    if (JsValue.isNullish(l) && JsValue.isNullish(r)) return new Bool(loose || l.getClass() == r.getClass(), at);
    if (isPrimitive(l) && isPrimitive(r) && !loose) return new Bool(false, at);
    if (JsValue.isNullish(r) && (l instanceof Obj || l instanceof Arr || l instanceof Func)) return new Bool(false, at);
    return new Unknown("comparison", at);
  }

  private static boolean isPrimitive(JsValue v) {
    return v instanceof Str || v instanceof Num || v instanceof Bool || JsValue.isNullish(v);
  }

  private JsValue relational(JsValue l, JsValue r, String op, SourceSpan at) {
    if (l instanceof JsValue.IndexOf idx && r instanceof Num k) {
      double v = k.value();
      boolean foundTest = (op.equals(">") && v == -1) || (op.equals(">=") && v == 0);
      boolean notFoundTest = (op.equals("<") && v == 0) || (op.equals("<=") && v == -1);
      if (foundTest) return new Cond(idx.found(), at);
      if (notFoundTest) return new Cond(OriginPredicate.not(idx.found()), at);
    }
    if (l instanceof Num a && r instanceof Num b) {
      return new Bool(switch (op) {
        case "<" -> a.value() < b.value();
        case ">" -> a.value() > b.value();
        case "<=" -> a.value() <= b.value();
        default -> a.value() >= b.value();
      }, at);
    }
    return new Unknown("comparison " + op, at);
  }

  private JsValue plus(JsValue l, JsValue r, SourceSpan at) {
    if (l instanceof Num a && r instanceof Num b) return new Num(a.value() + b.value(), at);
    if (l instanceof Str || r instanceof Str) {
      Optional<String> a = toJsString(l);
      Optional<String> b = toJsString(r);
      if (a.isPresent() && b.isPresent()) return new Str(a.get() + b.get(), at);
    }
    if (l instanceof Unknown u) return new Unknown(u.reason(), at);
    if (r instanceof Unknown u) return new Unknown(u.reason(), at);
    return new Unknown("concatenation", at);
  }

  /** JavaScript's {@code String(v)} for values known statically. */
  static Optional<String> toJsString(JsValue v) {
    if (v instanceof Str s) return Optional.of(s.value());
    if (v instanceof Num n) return Optional.of(n.asJsString());
    if (v instanceof Bool b) return Optional.of(Boolean.toString(b.value()));
    if (v instanceof JsValue.Null) return Optional.of("null");
    if (v instanceof JsValue.Undefined) return Optional.of("undefined");
    if (v instanceof Arr a) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < a.items().size(); i++) {
        if (i > 0) sb.append(',');
        JsValue item = a.items().get(i);
        if (JsValue.isNullish(item)) continue;
        Optional<String> s = toJsString(item);
        if (s.isEmpty()) return Optional.empty();
        sb.append(s.get());
      }
      return Optional.of(sb.toString());
    }
    if (v instanceof RegexLit r) return Optional.of("/" + r.pattern() + "/" + r.flags());
    return Optional.empty();
  }

  private JsValue unary(JsNode n, Frame f) {
    JsNode opNode = n.child("operator");
    String op = opNode == null ? "" : opNode.text();
    JsValue v = eval(n.child("argument"), f);
    SourceSpan at = n.span();
    switch (op) {
      case "!": {
        Truth t = truth(v);
        return switch (t.kind) {
          case YES -> new Bool(false, at);
          case NO -> new Bool(true, at);
          case COND -> new Cond(OriginPredicate.not(t.predicate), at);
          case UNKNOWN -> v instanceof JsValue.DevFlag d ? new JsValue.DevFlag(!d.developmentWhenTrue(), at)
              : new Cond(new OriginPredicate.Opaque(t.reason, at), at);
        };
      }
      case "~":
        if (v instanceof JsValue.IndexOf idx) return new Cond(idx.found(), at);
        return new Unknown("~", at);
      case "-":
        return v instanceof Num x ? new Num(-x.value(), at) : new Unknown("negation", at);
      case "+":
        return v instanceof Num ? v : v instanceof Str s ? JsStrings.number(s.value().strip()).<JsValue>map(d -> new Num(d, at))
            .orElse(new Num(Double.NaN, at)) : new Unknown("unary +", at);
      case "typeof":
        if (v instanceof Str) return new Str("string", at);
        if (v instanceof Num) return new Str("number", at);
        if (v instanceof Bool) return new Str("boolean", at);
        if (v instanceof Func) return new Str("function", at);
        if (v instanceof JsValue.Undefined) return new Str("undefined", at);
        if (v instanceof Obj || v instanceof Arr || v instanceof JsValue.Null || v instanceof RegexLit) return new Str("object", at);
        return new Unknown("typeof", at);
      case "void":
        return new JsValue.Undefined(at);
      default:
        return new Unknown("operator " + op, at);
    }
  }

  // ---------------------------------------------------------------- truthiness

  enum TruthKind {
    YES,
    NO,
    COND,
    UNKNOWN
  }

  /** Whether a value is truthy: known, a condition on the request, or unknown. */
  static final class Truth {
    final TruthKind kind;
    final OriginPredicate predicate;
    final String reason;

    private Truth(TruthKind kind, OriginPredicate predicate, String reason) {
      this.kind = kind;
      this.predicate = predicate;
      this.reason = reason;
    }

    static final Truth YES = new Truth(TruthKind.YES, null, null);
    static final Truth NO = new Truth(TruthKind.NO, null, null);

    static Truth of(boolean b) {
      return b ? YES : NO;
    }

    static Truth cond(OriginPredicate p) {
      return new Truth(TruthKind.COND, p, null);
    }

    static Truth unknown(String reason) {
      return new Truth(TruthKind.UNKNOWN, null, reason);
    }
  }

  /** Truthiness; configuration meant for development counts as switched off (production is what is judged). */
  Truth truth(JsValue v) {
    if (v instanceof Str s) return Truth.of(!s.value().isEmpty());
    if (v instanceof Num n) return Truth.of(n.value() != 0 && !Double.isNaN(n.value()));
    if (v instanceof Bool b) return Truth.of(b.value());
    if (JsValue.isNullish(v)) return Truth.NO;
    if (v instanceof Arr || v instanceof Obj || v instanceof Func || v instanceof RegexLit || v instanceof JsValue.ErrorValue
        || v instanceof JsValue.CorsMiddleware || v instanceof JsValue.AppRef || v instanceof JsValue.ModuleRef
        || v instanceof JsValue.RouteRef) {
      return Truth.YES;
    }
    if (v instanceof Cond c) return simplify(c.predicate());
    if (v instanceof JsValue.DevFlag d) return Truth.of(!d.developmentWhenTrue());
    if (v instanceof RequestPart p) {
      return switch (p.part()) {
        case ORIGIN -> Truth.cond(new OriginPredicate.Present(p.span()));
        case REQUEST, RESPONSE, NEXT, CALLBACK, METHOD -> Truth.YES;
        default -> Truth.unknown("a request header");
      };
    }
    if (v instanceof JsValue.RequestHeader h) return Truth.cond(new OriginPredicate.HeaderPresent(h.name(), h.span()));
    if (v instanceof JsValue.IndexOf idx) return Truth.cond(OriginPredicate.not(new OriginPredicate.Opaque("index 0", idx.span())));
    if (v instanceof Choice c) {
      Truth a = truth(c.whenTrue());
      Truth b = truth(c.whenFalse());
      if (a.kind == TruthKind.YES && b.kind == TruthKind.YES) return Truth.YES;
      if (a.kind == TruthKind.NO && b.kind == TruthKind.NO) return Truth.NO;
      OriginPredicate pa = predicateOf(a, c.span());
      OriginPredicate pb = predicateOf(b, c.span());
      return Truth.cond(or(and(c.test(), pa), and(OriginPredicate.not(c.test()), pb)));
    }
    if (v instanceof Unknown u) return Truth.unknown(u.reason());
    if (v instanceof JsValue.PackageRef) return Truth.YES;
    return Truth.unknown("a value known only at run time");
  }

  private static Truth simplify(OriginPredicate p) {
    if (p instanceof OriginPredicate.And a && a.operands().isEmpty()) return Truth.YES;
    if (p instanceof OriginPredicate.Or o && o.operands().isEmpty()) return Truth.NO;
    return Truth.cond(p);
  }

  // ---------------------------------------------------------------- calls

  /**
   * The function part of a call. The TypeScript grammar reads {@code await api.get<T>(url)} as a call of
   * {@code await api.get}, so the await is looked through.
   */
  static JsNode callee(JsNode call) {
    JsNode fn = call.child("function");
    while (fn != null && fn.is("await_expression")) fn = firstExpression(fn);
    return fn;
  }

  private JsValue call(JsNode n, Frame f) {
    JsNode fn = callee(n);
    List<JsValue> args = arguments(n, f);
    SourceSpan at = n.span();
    if (fn == null) return new Unknown("call", at);
    if (fn.is("member_expression")) {
      JsNode obj = fn.child("object");
      JsNode prop = fn.child("property");
      if (obj == null || prop == null) return new Unknown("call", at);
      JsValue recv = isProcessEnv(obj) ? env(prop.text(), at) : eval(obj, f);
      return callMethod(recv, prop.text(), args, n, f);
    }
    if (fn.is("identifier") && fn.text().equals("require")) {
      JsModule m = moduleOf(n);
      if (m != null && m.resolve(fn) == null) {
        if (!args.isEmpty() && args.get(0) instanceof Str s) return require(m, s.value(), at);
        return new Unknown("require of a computed name", at);
      }
    }
    if (fn.is("import")) {
      return new Unknown("dynamic import", at);
    }
    JsValue callee = eval(fn, f);
    return callValue(callee, args, n, f);
  }

  List<JsValue> arguments(JsNode call, Frame f) {
    JsNode argsNode = call.child("arguments");
    List<JsValue> args = new ArrayList<>();
    if (argsNode == null) return args;
    for (JsNode a : argsNode.namedChildren()) {
      if (a.is("spread_element")) {
        JsValue v = eval(firstExpression(a), f);
        if (v instanceof Arr arr) args.addAll(arr.items());
        else args.add(new Unknown("spread arguments", a.span()));
      } else {
        args.add(eval(a, f));
      }
    }
    return args;
  }

  private JsValue construct(JsNode n, Frame f) {
    JsNode ctor = n.child("constructor");
    List<JsValue> args = arguments(n, f);
    SourceSpan at = n.span();
    JsValue c = ctor == null ? new Unknown("new", at) : eval(ctor, f);
    if (c instanceof JsValue.PackageRef p && p.pkg().equals("global") && p.member() != null) {
      switch (p.member()) {
        case "RegExp":
          return regExp(args, at);
        case "Error", "TypeError", "RangeError":
          return new JsValue.ErrorValue(500, at);
        case "Set":
          return args.isEmpty() ? new Arr(List.of(), at) : args.get(0) instanceof Arr a ? new Arr(a.items(), a.span()) : new Unknown("new Set", at);
        case "Array":
          return new Arr(List.of(), at);
        case "URL":
          return new Unknown("new URL", at);
        default:
          break;
      }
    }
    if (c instanceof JsValue.PackageRef p) {
      if (p.pkg().equals("express") && "Router".equals(p.member())) return new JsValue.AppRef(apps.stackAt(n, ExpressStack.Kind.ROUTER, moduleOf(n)), at);
      return new Unknown("new " + p.pkg(), at);
    }
    return new Unknown("new expression", at);
  }

  private JsValue regExp(List<JsValue> args, SourceSpan at) {
    if (args.isEmpty()) return new RegexLit("(?:)", "", at);
    JsValue src = args.get(0);
    String flags = args.size() > 1 && args.get(1) instanceof Str s ? s.value() : "";
    if (src instanceof Str s) return new RegexLit(s.value(), flags, src.span() != null ? src.span() : at);
    if (src instanceof RegexLit r) return new RegexLit(r.pattern(), args.size() > 1 ? flags : r.flags(), r.span());
    return new Unknown(src instanceof Unknown u ? u.reason() : "a pattern built at run time", at);
  }

  JsValue callMethod(JsValue recv, String name, List<JsValue> args, JsNode n, Frame f) {
    SourceSpan at = n.span();
    JsValue a0 = args.isEmpty() ? new JsValue.Undefined(at) : args.get(0);
    if (recv instanceof Choice c) {
      // e.g. (isProd ? prodList : devList).includes(origin)
      return new Choice(c.test(), callMethod(c.whenTrue(), name, args, n, f), callMethod(c.whenFalse(), name, args, n, f), at);
    }
    if (recv instanceof Arr arr) return arrayMethod(arr, name, args, a0, n, f);
    if (recv instanceof Str s) return stringMethod(s, name, args, a0, at);
    if (recv instanceof RequestPart p) return requestPartMethod(p, name, args, a0, n, f);
    if (recv instanceof RegexLit r) {
      if (name.equals("test") || name.equals("exec")) {
        if (a0 instanceof RequestPart p && p.part() == Part.ORIGIN) return new Cond(new OriginPredicate.RegexTest(r, at), at);
        if (a0 instanceof Str s) return regexTest(r, s.value(), at);
      }
      return new Unknown("regex ." + name, at);
    }
    if (recv instanceof JsValue.AppRef app) {
      if (name.equals("route")) return apps.routeAt(n).<JsValue>map(rt -> new JsValue.RouteRef(rt, at)).orElse(new Unknown("route", at));
      if (name.equals("get") && args.size() == 1) return new Unknown("app setting", at);
      if (name.equals("listen") || name.equals("set") || name.equals("enable") || name.equals("disable")) return new Unknown("app." + name, at);
      return recv;
    }
    if (recv instanceof JsValue.RouteRef) return recv;
    if (recv instanceof JsValue.ModuleRef || recv instanceof Obj) {
      JsValue m = member(recv, name, at);
      return callValue(m, args, n, f);
    }
    if (recv instanceof JsValue.PackageRef p) {
      if (p.pkg().equals("global") && p.member() != null) {
        JsValue g = globalMethod(p.member(), name, args, a0, at);
        if (g != null) return g;
      }
      return callValue(member(recv, name, at), args, n, f);
    }
    if (recv instanceof Func fn && (name.equals("call") || name.equals("apply"))) {
      List<JsValue> rest = args.size() > 1 ? args.subList(1, args.size()) : List.of();
      if (name.equals("apply")) rest = args.size() > 1 && args.get(1) instanceof Arr a ? a.items() : List.of();
      return callValue(fn, rest, n, f);
    }
    if (recv instanceof Unknown u) return new Unknown(u.reason(), at);
    if (recv instanceof JsValue.NodeEnv) return new Unknown("NODE_ENV." + name, at);
    return new Unknown("result of ." + name + "()", at);
  }

  private JsValue regexTest(RegexLit r, String input, SourceSpan at) {
    GuardedRegex.Result c = GuardedRegex.compile(r.pattern(), RegexFlavor.JAVASCRIPT, RegexFlavor.Mode.SEARCH, r.flags().contains("i"));
    if (c.regex().isEmpty()) return new Unknown("regex", at);
    Tri t = c.regex().get().matches(input);
    return t == Tri.UNKNOWN ? new Unknown("regex", at) : new Bool(t == Tri.YES, at);
  }

  private JsValue globalMethod(String global, String name, List<JsValue> args, JsValue a0, SourceSpan at) {
    switch (global + "." + name) {
      case "Object.assign": {
        Map<String, JsValue> props = new LinkedHashMap<>();
        boolean open = false;
        for (JsValue v : args) {
          if (v instanceof Obj o) {
            props.putAll(o.props());
            open |= o.open();
          } else if (!JsValue.isNullish(v)) {
            open = true;
          }
        }
        return new Obj(props, open, at);
      }
      case "Object.freeze":
        return a0;
      case "Object.values":
        return a0 instanceof Obj o && !o.open() ? new Arr(new ArrayList<>(o.props().values()), at) : new Unknown("Object.values", at);
      case "Object.keys":
        if (a0 instanceof Obj o && !o.open()) {
          List<JsValue> keys = new ArrayList<>();
          for (String k : o.props().keySet()) keys.add(new Str(k, at));
          return new Arr(keys, at);
        }
        return new Unknown("Object.keys", at);
      case "Array.from", "Array.of":
        if (name.equals("of")) return new Arr(args, at);
        return a0 instanceof Arr a ? a : new Unknown("Array.from", at);
      case "Array.isArray":
        return a0 instanceof Arr ? new Bool(true, at) : isPrimitive(a0) || a0 instanceof Obj ? new Bool(false, at) : new Unknown("Array.isArray", at);
      case "JSON.parse":
        return new Unknown("JSON.parse", at);
      default:
        return null;
    }
  }

  private JsValue arrayMethod(Arr arr, String name, List<JsValue> args, JsValue a0, JsNode n, Frame f) {
    SourceSpan at = n.span();
    switch (name) {
      case "includes":
      case "has":
        if (a0 instanceof RequestPart p && p.part() == Part.ORIGIN) return new Cond(new OriginPredicate.InList(arr.items(), at), at);
        return membership(arr, a0, at);
      case "indexOf":
        if (a0 instanceof RequestPart p && p.part() == Part.ORIGIN) return new JsValue.IndexOf(new OriginPredicate.InList(arr.items(), at), at);
        JsValue m = membership(arr, a0, at);
        if (m instanceof Bool b && !b.value()) return new Num(-1, at);
        if (m instanceof Bool) {
          for (int i = 0; i < arr.items().size(); i++) {
            if (equality(arr.items().get(i), a0, false, at) instanceof Bool eq && eq.value()) return new Num(i, at);
          }
        }
        return new Unknown("indexOf", at);
      case "some":
      case "find":
      case "findIndex":
      case "every":
      case "filter":
      case "map":
        return iterate(arr, name, a0, n, f);
      case "join": {
        String sep = args.isEmpty() ? "," : a0 instanceof Str s ? s.value() : null;
        Optional<String> joined = sep == null ? Optional.empty() : joinItems(arr, sep);
        return joined.<JsValue>map(s -> new Str(s, arr.span())).orElse(new Unknown("join of values known only at run time", at));
      }
      case "concat": {
        List<JsValue> items = new ArrayList<>(arr.items());
        for (JsValue v : args) {
          if (v instanceof Arr a) items.addAll(a.items());
          else items.add(v);
        }
        return new Arr(items, arr.span());
      }
      case "slice":
      case "flat":
        if (name.equals("flat")) {
          List<JsValue> items = new ArrayList<>();
          for (JsValue v : arr.items()) {
            if (v instanceof Arr a) items.addAll(a.items());
            else items.add(v);
          }
          return new Arr(items, arr.span());
        }
        return args.isEmpty() ? arr : new Unknown("slice", at);
      case "toString":
        return joinItems(arr, ",").<JsValue>map(s -> new Str(s, arr.span())).orElse(new Unknown("toString", at));
      default:
        return new Unknown("array ." + name + "()", at);
    }
  }

  private Optional<String> joinItems(Arr arr, String sep) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < arr.items().size(); i++) {
      if (i > 0) sb.append(sep);
      JsValue v = arr.items().get(i);
      if (JsValue.isNullish(v)) continue;
      Optional<String> s = toJsString(v);
      if (s.isEmpty()) return Optional.empty();
      sb.append(s.get());
    }
    return Optional.of(sb.toString());
  }

  private JsValue membership(Arr arr, JsValue x, SourceSpan at) {
    boolean unknown = false;
    for (JsValue item : arr.items()) {
      JsValue eq = equality(item, x, false, at);
      if (eq instanceof Bool b) {
        if (b.value()) return new Bool(true, at);
      } else {
        unknown = true;
      }
    }
    return unknown ? new Unknown("membership in a list with values known only at run time", at) : new Bool(false, at);
  }

  private JsValue iterate(Arr arr, String name, JsValue fn, JsNode n, Frame f) {
    SourceSpan at = n.span();
    if (name.equals("filter") && fn instanceof JsValue.PackageRef p && "Boolean".equals(p.member())) {
      List<JsValue> kept = new ArrayList<>();
      for (JsValue v : arr.items()) {
        Truth t = truth(v);
        if (t.kind == TruthKind.YES) kept.add(v);
        else if (t.kind != TruthKind.NO) kept.add(v);
      }
      return new Arr(kept, arr.span());
    }
    if (!(fn instanceof Func func)) return new Unknown("array ." + name + " with a callback known only at run time", at);
    if (arr.items().size() > MAX_UNROLL) return new Unknown("array too long to unroll", at);
    List<JsValue> results = new ArrayList<>();
    for (int i = 0; i < arr.items().size(); i++) {
      results.add(invoke(func, List.of(arr.items().get(i), new Num(i, at), arr), n, f));
    }
    switch (name) {
      case "map":
        return new Arr(results, arr.span());
      case "filter": {
        List<JsValue> kept = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
          Truth t = truth(results.get(i));
          if (t.kind == TruthKind.YES) kept.add(arr.items().get(i));
          else if (t.kind != TruthKind.NO) return new Unknown("filter with a condition on the request", at);
        }
        return new Arr(kept, arr.span());
      }
      default: {
        boolean every = name.equals("every");
        OriginPredicate acc = null;
        for (JsValue r : results) {
          Truth t = truth(r);
          if (t.kind == (every ? TruthKind.NO : TruthKind.YES)) return new Bool(!every, at);
          if (t.kind == (every ? TruthKind.YES : TruthKind.NO)) continue;
          OriginPredicate p = predicateOf(t, r.span());
          acc = acc == null ? p : every ? and(acc, p) : or(acc, p);
        }
        if (acc == null) return new Bool(every, at);
        return new Cond(acc, at);
      }
    }
  }

  private JsValue stringMethod(Str s, String name, List<JsValue> args, JsValue a0, SourceSpan at) {
    String v = s.value();
    switch (name) {
      case "split": {
        if (!(a0 instanceof Str sep)) {
          if (a0 instanceof RegexLit) return new Unknown("split on a regex", at);
          return new Arr(List.of(s), s.span());
        }
        List<JsValue> parts = new ArrayList<>();
        if (sep.value().isEmpty()) {
          for (char c : v.toCharArray()) parts.add(new Str(String.valueOf(c), s.span()));
        } else {
          int from = 0;
          while (true) {
            int i = v.indexOf(sep.value(), from);
            if (i < 0) {
              parts.add(new Str(v.substring(from), s.span()));
              break;
            }
            parts.add(new Str(v.substring(from, i), s.span()));
            from = i + sep.value().length();
          }
        }
        return new Arr(parts, s.span());
      }
      case "trim":
        return new Str(v.strip(), s.span());
      case "toLowerCase":
        return new Str(v.toLowerCase(Locale.ROOT), s.span());
      case "toUpperCase":
        return new Str(v.toUpperCase(Locale.ROOT), s.span());
      case "toString":
      case "valueOf":
        return s;
      case "startsWith":
        return a0 instanceof Str x ? new Bool(v.startsWith(x.value()), at) : new Unknown("startsWith", at);
      case "endsWith":
        return a0 instanceof Str x ? new Bool(v.endsWith(x.value()), at) : new Unknown("endsWith", at);
      case "includes":
        return a0 instanceof Str x ? new Bool(v.contains(x.value()), at) : new Unknown("includes", at);
      case "indexOf":
        return a0 instanceof Str x ? new Num(v.indexOf(x.value()), at) : new Unknown("indexOf", at);
      case "concat": {
        StringBuilder sb = new StringBuilder(v);
        for (JsValue x : args) {
          Optional<String> t = toJsString(x);
          if (t.isEmpty()) return new Unknown("concat", at);
          sb.append(t.get());
        }
        return new Str(sb.toString(), s.span());
      }
      case "replace":
      case "replaceAll":
        if (a0 instanceof Str x && args.size() > 1 && args.get(1) instanceof Str y) {
          return new Str(name.equals("replace") ? v.replace(x.value(), y.value()) : v.replace(x.value(), y.value()), s.span());
        }
        return new Unknown("replace", at);
      default:
        return new Unknown("string ." + name + "()", at);
    }
  }

  private JsValue requestPartMethod(RequestPart p, String name, List<JsValue> args, JsValue a0, JsNode n, Frame f) {
    SourceSpan at = n.span();
    switch (p.part()) {
      case ORIGIN:
        switch (name) {
          case "startsWith", "endsWith", "includes" -> {
            if (a0 instanceof Str s) {
              OriginMatcher.StringTest.Kind kind = name.equals("startsWith") ? OriginMatcher.StringTest.Kind.PREFIX
                  : name.equals("endsWith") ? OriginMatcher.StringTest.Kind.SUFFIX : OriginMatcher.StringTest.Kind.CONTAINS;
              return new Cond(new OriginPredicate.StringTest(kind, s.value(), false, at), at);
            }
            return new Cond(new OriginPredicate.Opaque("a string test with a value known only at run time", at), at);
          }
          case "indexOf" -> {
            if (a0 instanceof Str s) {
              return new JsValue.IndexOf(new OriginPredicate.StringTest(OriginMatcher.StringTest.Kind.CONTAINS, s.value(), false, at), at);
            }
            return new Unknown("indexOf", at);
          }
          case "match" -> {
            if (a0 instanceof RegexLit r) return new Cond(new OriginPredicate.RegexTest(r, at), at);
            return new Cond(new OriginPredicate.Opaque("match", at), at);
          }
          case "toLowerCase", "trim", "toString", "valueOf" -> {
            return p;
          }
          default -> {
            return new Unknown("origin ." + name + "()", at);
          }
        }
      case METHOD:
        if (name.equals("toUpperCase") || name.equals("toString")) return p;
        return new Unknown("req.method." + name, at);
      case REQUEST:
        if (name.equals("get") || name.equals("header")) {
          if (a0 instanceof Str s) return requestHeader(s.value(), at);
          return new Unknown("a request header", at);
        }
        return new Unknown("req." + name + "()", at);
      case RESPONSE:
        return responseMethod(name, args, a0, n, f);
      default:
        return new Unknown("." + name + "()", at);
    }
  }

  private JsValue responseMethod(String name, List<JsValue> args, JsValue a0, JsNode n, Frame f) {
    SourceSpan at = n.span();
    RequestPart res = new RequestPart(Part.RESPONSE, at);
    ExecPath path = f.path;
    switch (name) {
      case "setHeader":
      case "header":
      case "set":
      case "append":
        if (args.size() >= 2 && a0 instanceof Str h) {
          Effect.HeaderMode mode = name.equals("setHeader") ? Effect.HeaderMode.NODE_SET
              : name.equals("append") ? Effect.HeaderMode.APPEND : Effect.HeaderMode.EXPRESS_SET;
          record(path, new Effect.Header(h.value(), args.get(1), mode, at));
        } else if (args.size() == 1 && a0 instanceof Obj o && !name.equals("setHeader")) {
          for (Map.Entry<String, JsValue> e : o.props().entrySet()) {
            record(path, new Effect.Header(e.getKey(), e.getValue(), Effect.HeaderMode.EXPRESS_SET, at));
          }
        } else if (path != null) {
          path.approximate = true;
        }
        return name.equals("setHeader") ? new JsValue.Undefined(at) : res;
      case "vary":
        if (a0 instanceof Str h) record(path, new Effect.Header("Vary", h, Effect.HeaderMode.VARY, at));
        return res;
      case "removeHeader":
        if (a0 instanceof Str h) record(path, new Effect.Header(h.value(), new JsValue.Undefined(at), Effect.HeaderMode.REMOVE, at));
        return new JsValue.Undefined(at);
      case "status":
        record(path, new Effect.Status(a0, at));
        return res;
      case "sendStatus":
        record(path, new Effect.Status(a0, at));
        record(path, new Effect.End(at));
        return res;
      case "writeHead": {
        record(path, new Effect.Status(a0, at));
        JsValue headers = args.size() >= 3 ? args.get(2) : args.size() == 2 ? args.get(1) : null;
        if (headers instanceof Obj o) {
          for (Map.Entry<String, JsValue> e : o.props().entrySet()) {
            record(path, new Effect.Header(e.getKey(), e.getValue(), Effect.HeaderMode.NODE_SET, at));
          }
        }
        return res;
      }
      case "send", "json", "jsonp", "end", "sendFile", "render", "download":
        record(path, new Effect.End(at));
        return res;
      case "redirect":
        record(path, new Effect.Status(new Num(302, at), at));
        record(path, new Effect.End(at));
        return res;
      case "type", "contentType", "location", "cookie", "clearCookie", "attachment", "links", "format", "get":
        return res;
      default:
        if (path != null) path.approximate = true;
        return new Unknown("res." + name + "()", at);
    }
  }

  private static void record(ExecPath path, Effect e) {
    if (path != null) path.effects.add(e);
  }

  JsValue callValue(JsValue callee, List<JsValue> args, JsNode n, Frame f) {
    SourceSpan at = n.span();
    JsValue a0 = args.isEmpty() ? new JsValue.Undefined(at) : args.get(0);
    if (callee instanceof Func fn) return invoke(fn, args, n, f);
    if (callee instanceof RequestPart p) {
      if (p.part() == Part.NEXT) {
        record(f.path, new Effect.Next(args.isEmpty() || JsValue.isNullish(a0) ? null : a0, at));
        return new JsValue.Undefined(at);
      }
      if (p.part() == Part.CALLBACK) {
        record(f.path, new Effect.Callback(args, at));
        return new JsValue.Undefined(at);
      }
    }
    if (callee instanceof JsValue.PackageRef p) return packageCall(p, args, a0, n, f);
    if (callee instanceof Choice c) {
      return new Choice(c.test(), callValue(c.whenTrue(), args, n, f), callValue(c.whenFalse(), args, n, f), at);
    }
    if (callee instanceof Unknown u) return new Unknown(u.reason(), at);
    return new Unknown("result of a call", at);
  }

  private JsValue packageCall(JsValue.PackageRef p, List<JsValue> args, JsValue a0, JsNode n, Frame f) {
    SourceSpan at = n.span();
    String member = p.member();
    switch (p.pkg()) {
      case "cors":
        if (member == null || member.equals("default")) return new JsValue.CorsMiddleware(new CorsSetup(a0, args.isEmpty(), at, n), at);
        break;
      case "express":
        if (member == null) return new JsValue.AppRef(apps.stackAt(n, ExpressStack.Kind.APP, moduleOf(n)), at);
        if (member.equals("Router")) return new JsValue.AppRef(apps.stackAt(n, ExpressStack.Kind.ROUTER, moduleOf(n)), at);
        return new JsValue.PackageRef("express", member + "()", at);
      case "@nestjs/core":
        if ("NestFactory.create".equals(member)) return nestApp(args, n);
        break;
      case "vary":
        if (member == null && args.size() >= 2 && args.get(1) instanceof Str h) {
          record(f.path, new Effect.Header("Vary", h, Effect.HeaderMode.VARY, at));
          return new JsValue.Undefined(at);
        }
        break;
      case "http-errors":
        if (member == null) return new JsValue.ErrorValue(a0 instanceof Num s ? (int) s.value() : 500, true, at);
        break;
      case "global":
        if (member == null) break;
        switch (member) {
          case "Boolean": {
            Truth t = truth(a0);
            return t.kind == TruthKind.YES ? new Bool(true, at) : t.kind == TruthKind.NO ? new Bool(false, at)
                : new Cond(predicateOf(t, at), at);
          }
          case "String":
            return toJsString(a0).<JsValue>map(s -> new Str(s, at)).orElse(a0 instanceof RequestPart ? a0 : new Unknown("String()", at));
          case "Number":
          case "parseInt":
          case "parseFloat":
            if (a0 instanceof Num) return a0;
            if (a0 instanceof Str s) return JsStrings.number(s.value().strip()).<JsValue>map(d -> new Num(d, at)).orElse(new Num(Double.NaN, at));
            return new Unknown(member + "()", at);
          case "RegExp":
            return regExp(args, at);
          case "Error", "TypeError", "RangeError":
            return new JsValue.ErrorValue(500, at);
          default:
            break;
        }
        break;
      default:
        break;
    }
    return new Unknown("a function of the package '" + p.pkg() + "'", at);
  }

  /** {@code NestFactory.create(AppModule, { cors })}: an Express application whose CORS option goes to the cors package. */
  private JsValue nestApp(List<JsValue> args, JsNode n) {
    SourceSpan at = n.span();
    boolean fresh = !apps.exists(n);
    ExpressStack app = apps.stackAt(n, ExpressStack.Kind.APP, moduleOf(n), "NestJS");
    if (fresh && args.size() > 1 && args.get(1) instanceof Obj o && o.get("cors") != null) {
      JsValue c = o.get("cors");
      CorsSetup setup = null;
      if (c instanceof Bool b && b.value()) setup = new CorsSetup(new JsValue.Undefined(c.span()), true, c.span(), n);
      else if (c instanceof Obj || c instanceof Func || c instanceof Unknown) setup = new CorsSetup(c, false, c.span(), n);
      if (setup != null) {
        app.layers.add(new ExpressStack.Layer(ExpressPath.root(), new ExpressStack.Handler.Cors(setup, c.span()), null,
            ExpressStack.Env.ALWAYS, c.span()));
      }
    }
    return new JsValue.AppRef(app, at);
  }

  /**
   * Calls a function of the scanned code as an expression: runs its body and combines what it returns. When
   * the caller is running and the callee takes a single way, the callee's effects join the caller's path.
   */
  JsValue invoke(Func fn, List<JsValue> args, JsNode callSite, Frame caller) {
    SourceSpan at = callSite.span();
    if (caller.depth >= MAX_DEPTH) return new Unknown("calls nested too deeply", at);
    List<ExecPath> paths = run(fn, args, caller.depth + 1, null);
    if (paths.isEmpty()) return new Unknown("function", at);
    if (paths.size() == 1 && caller.path != null) {
      ExecPath only = paths.get(0);
      caller.path.effects.addAll(only.effects);
      caller.path.approximate |= only.approximate;
    } else if (caller.path != null && paths.stream().anyMatch(p -> !p.effects.isEmpty())) {
      caller.path.approximate = true;
    }
    return combineReturns(paths, at);
  }

  private JsValue combineReturns(List<ExecPath> paths, SourceSpan at) {
    boolean allBoolean = true;
    for (ExecPath p : paths) {
      JsValue v = p.returned ? p.returnValue : new JsValue.Undefined(at);
      if (!isBooleanLike(v) && !JsValue.isNullish(v)) allBoolean = false;
    }
    if (allBoolean) {
      OriginPredicate acc = null;
      for (ExecPath p : paths) {
        JsValue v = p.returned ? p.returnValue : new JsValue.Undefined(at);
        Truth t = truth(v);
        if (t.kind == TruthKind.NO) continue;
        OriginPredicate c = p.condition();
        OriginPredicate value = predicateOf(t, v.span());
        OriginPredicate term = c == null ? value : and(c, value);
        acc = acc == null ? term : or(acc, term);
      }
      if (acc == null) return new Bool(false, at);
      Truth simplified = simplify(acc);
      if (simplified.kind == TruthKind.YES) return new Bool(true, at);
      return new Cond(acc, at);
    }
    JsValue result = null;
    for (int i = paths.size() - 1; i >= 0; i--) {
      ExecPath p = paths.get(i);
      JsValue v = p.returned ? p.returnValue : new JsValue.Undefined(at);
      OriginPredicate c = p.condition();
      if (result == null || c == null) result = v;
      else result = new Choice(c, v, result, at);
    }
    return result;
  }

  // ---------------------------------------------------------------- statements

  /**
   * Runs a function with the given arguments and returns every way through it. Cached per function when
   * the arguments are the standard symbolic ones, which is how handlers are analysed.
   *
   * @param start the path to continue (inline execution), or null for a fresh one
   */
  List<ExecPath> run(Func fn, List<JsValue> args, int depth, ExecPath start) {
    JsNode node = fn.node();
    Frame frame = new Frame(fn.closure(), start == null ? new ExecPath() : start, depth);
    List<JsNode> params = JsModule.parameters(node);
    JsModule m = moduleOf(node);
    for (int i = 0; i < params.size() && m != null; i++) {
      JsValue arg = i < args.size() ? args.get(i) : new JsValue.Undefined(node.span());
      JsNode p = params.get(i);
      if (p.is("assignment_pattern") && JsValue.isNullish(arg)) {
        JsNode right = p.child("right");
        if (right != null) arg = eval(right, frame);
      }
      bindParameter(p, arg, frame, m, node);
    }
    JsNode body = node.child("body");
    if (body == null) return List.of(frame.path);
    List<ExecPath> out;
    if (body.is("statement_block")) {
      out = exec(body.namedChildren(), frame.path, frame);
    } else {
      ExecPath p = frame.path;
      JsValue v = eval(body, frame);
      p.returned = true;
      p.returnValue = v;
      out = List.of(p);
    }
    return out;
  }

  /** A frame in which {@code fn}'s parameters hold {@code args}, for reading its body without running it. */
  Frame frameFor(Func fn, List<JsValue> args, int depth) {
    JsNode node = fn.node();
    Frame frame = new Frame(fn.closure(), new ExecPath(), depth);
    List<JsNode> params = JsModule.parameters(node);
    JsModule m = moduleOf(node);
    for (int i = 0; i < params.size() && m != null; i++) {
      bindParameter(params.get(i), i < args.size() ? args.get(i) : new JsValue.Undefined(node.span()), frame, m, node);
    }
    return frame;
  }

  /** Handlers are run once with symbolic request objects; the result is cached per function. */
  List<ExecPath> runHandler(Func fn, List<JsValue> args) {
    List<ExecPath> cached = runs.get(fn.node());
    if (cached != null) return cached;
    runs.put(fn.node(), List.of()); // recursion guard
    int saved = budget;
    budget = STEPS_PER_ANALYSIS;
    List<ExecPath> paths = run(fn, args, 1, null);
    budget = saved;
    runs.put(fn.node(), paths);
    return paths;
  }

  private void bindParameter(JsNode p, JsValue arg, Frame frame, JsModule m, JsNode fnNode) {
    Map<String, Decl> decls = m.declarations(fnNode);
    for (Decl d : decls.values()) {
      if (d.kind() != Decl.Kind.PARAMETER || d.path().isEmpty()) continue;
      if (!(d.path().get(0) instanceof Integer idx) || JsModule.parameters(fnNode).indexOf(p) != idx) continue;
      JsValue v = arg;
      for (Object key : d.path().subList(1, d.path().size())) v = project(v, key, d.nameNode().span());
      frame.path.locals.put(d, v);
    }
  }

  List<ExecPath> exec(List<JsNode> statements, ExecPath start, Frame frame) {
    List<ExecPath> paths = new ArrayList<>();
    paths.add(start);
    for (JsNode s : statements) {
      if (s.isComment()) continue;
      List<ExecPath> next = new ArrayList<>();
      for (ExecPath p : paths) {
        if (p.done()) {
          next.add(p);
          continue;
        }
        next.addAll(execStatement(s, p, frame));
      }
      if (next.size() > MAX_PATHS) {
        List<ExecPath> trimmed = new ArrayList<>(next.subList(0, MAX_PATHS));
        for (ExecPath p : trimmed) p.approximate = true;
        next = trimmed;
      }
      paths = next;
    }
    return paths;
  }

  private List<ExecPath> execStatement(JsNode s, ExecPath p, Frame frame) {
    if (--budget < 0) {
      exhausted = true;
      p.approximate = true;
      return List.of(p);
    }
    frame.path = p;
    switch (s.type()) {
      case "expression_statement": {
        JsNode e = firstExpression(s);
        if (e == null) return List.of(p);
        List<ExecPath> inline = inlineCall(e, p, frame);
        if (inline != null) return inline;
        eval(e, frame);
        return List.of(p);
      }
      case "return_statement": {
        JsNode e = firstExpression(s);
        JsValue v;
        if (e != null) {
          List<ExecPath> inline = inlineCall(e, p, frame);
          if (inline != null) {
            for (ExecPath q : inline) {
              if (!q.done()) {
                q.returned = true;
                q.returnValue = new JsValue.Undefined(s.span());
              }
            }
            return inline;
          }
          v = eval(e, frame);
        } else {
          v = new JsValue.Undefined(s.span());
        }
        p.returned = true;
        p.returnValue = v;
        return List.of(p);
      }
      case "throw_statement": {
        JsNode e = firstExpression(s);
        p.returnValue = e == null ? new JsValue.ErrorValue(500, s.span()) : eval(e, frame);
        p.thrown = true;
        return List.of(p);
      }
      case "if_statement":
        return execIf(s, p, frame);
      case "statement_block":
        return exec(s.namedChildren(), p, frame);
      case "lexical_declaration":
      case "variable_declaration":
        for (JsNode d : s.children()) {
          if (!d.is("variable_declarator")) continue;
          JsNode init = d.child("value");
          JsValue v = init == null ? new JsValue.Undefined(d.span()) : eval(init, frame);
          bindDeclarator(d, v, p);
        }
        return List.of(p);
      case "try_statement": {
        JsNode body = s.child("body");
        return body == null ? List.of(p) : exec(body.namedChildren(), p, frame);
      }
      case "for_in_statement":
        return execForOf(s, p, frame);
      case "break_statement":
        p.broke = true;
        return List.of(p);
      case "function_declaration":
      case "class_declaration":
      case "empty_statement":
      case "comment":
      case "import_statement":
      case "export_statement":
        return List.of(p);
      default:
        p.approximate = true;
        return List.of(p);
    }
  }

  /** A call of a scanned function in statement position runs inline, so its branches become the caller's. */
  private List<ExecPath> inlineCall(JsNode e, ExecPath p, Frame frame) {
    JsNode call = e;
    while (call.is("await_expression") || call.is("parenthesized_expression")) {
      JsNode inner = firstExpression(call);
      if (inner == null) return null;
      call = inner;
    }
    if (!call.is("call_expression")) return null;
    JsNode fn = callee(call);
    if (fn == null || !fn.is("identifier") || frame.depth >= MAX_DEPTH) return null;
    JsValue callee = eval(fn, frame);
    if (!(callee instanceof Func func)) return null;
    List<JsValue> args = arguments(call, frame);
    List<ExecPath> out = run(func, args, frame.depth + 1, p);
    for (ExecPath q : out) {
      // A return inside the callee ends the callee, not the caller.
      if (q.returned) {
        q.returned = false;
        q.returnValue = null;
      }
    }
    frame.path = p;
    return out;
  }

  private void bindDeclarator(JsNode declarator, JsValue v, ExecPath p) {
    JsModule m = moduleOf(declarator);
    if (m == null) return;
    JsNode scope = declarator;
    while (scope != null && !JsModule.isScope(scope)) scope = scope.parent();
    if (scope == null) return;
    for (Decl d : m.declarations(scope).values()) {
      if (d.owner() != declarator) continue;
      JsValue x = v;
      for (Object key : d.path()) x = project(x, key, d.nameNode().span());
      p.locals.put(d, x);
    }
  }

  private List<ExecPath> execIf(JsNode s, ExecPath p, Frame frame) {
    JsNode cond = s.child("condition");
    JsNode then = s.child("consequence");
    JsNode alt = s.child("alternative");
    JsValue c = eval(cond, frame);
    Truth t = truth(c);
    List<JsNode> thenStmts = then == null ? List.of() : List.of(then);
    List<JsNode> elseStmts = alt == null ? List.of() : alt.namedChildren();
    switch (t.kind) {
      case YES:
        return exec(thenStmts, p, frame);
      case NO:
        return exec(elseStmts, p, frame);
      default: {
        OriginPredicate pred = t.kind == TruthKind.COND ? t.predicate : new OriginPredicate.Opaque(t.reason, cond.span());
        ExecPath q = p.fork(OriginPredicate.not(pred));
        p.conditions.add(pred);
        List<ExecPath> out = new ArrayList<>(exec(thenStmts, p, frame));
        out.addAll(exec(elseStmts, q, frame));
        return out;
      }
    }
  }

  private List<ExecPath> execForOf(JsNode s, ExecPath p, Frame frame) {
    JsNode op = s.child("operator");
    JsNode right = s.child("right");
    JsNode body = s.child("body");
    JsNode left = s.child("left");
    if (op == null || !op.text().equals("of") || right == null || body == null || left == null) {
      p.approximate = true;
      return List.of(p);
    }
    JsValue coll = eval(right, frame);
    if (!(coll instanceof Arr arr) || arr.items().size() > MAX_UNROLL) {
      p.approximate = true;
      return List.of(p);
    }
    JsModule m = moduleOf(s);
    List<ExecPath> paths = new ArrayList<>(List.of(p));
    for (JsValue item : arr.items()) {
      List<ExecPath> next = new ArrayList<>();
      for (ExecPath q : paths) {
        if (q.done()) {
          next.add(q);
          continue;
        }
        for (Decl d : m.declarations(s).values()) {
          JsValue x = item;
          for (Object key : d.path()) x = project(x, key, d.nameNode().span());
          q.locals.put(d, x);
        }
        frame.path = q;
        next.addAll(exec(List.of(body), q, frame));
      }
      paths = next;
    }
    for (ExecPath q : paths) q.broke = false;
    return paths;
  }

  private JsValue assign(JsNode n, Frame f) {
    JsNode left = n.child("left");
    JsValue v = eval(n.child("right"), f);
    if (left == null) return v;
    if (left.is("identifier")) {
      JsModule m = moduleOf(left);
      Decl d = m == null ? null : m.resolve(left);
      if (d != null && f.path != null) f.path.locals.put(d, v);
      return v;
    }
    if (left.is("member_expression")) {
      JsNode obj = left.child("object");
      JsNode prop = left.child("property");
      if (obj != null && prop != null && prop.text().equals("statusCode")) {
        JsValue o = eval(obj, f);
        if (o instanceof RequestPart r && r.part() == Part.RESPONSE) record(f.path, new Effect.Status(v, n.span()));
      }
    }
    return v;
  }
}
