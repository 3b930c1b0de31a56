package dev.corslint.ecosystems.django.python;

import dev.corslint.ecosystems.django.python.PyValue.Bool;
import dev.corslint.ecosystems.django.python.PyValue.Dict;
import dev.corslint.ecosystems.django.python.PyValue.FloatNum;
import dev.corslint.ecosystems.django.python.PyValue.NoneValue;
import dev.corslint.ecosystems.django.python.PyValue.Num;
import dev.corslint.ecosystems.django.python.PyValue.Pattern;
import dev.corslint.ecosystems.django.python.PyValue.Seq;
import dev.corslint.ecosystems.django.python.PyValue.Str;
import dev.corslint.ecosystems.django.python.PyValue.Symbol;
import dev.corslint.ecosystems.django.python.PyValue.Unknown;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads a Python module's top-level statements the way the interpreter would run them, as far as that can be
 * done without running anything: literals, containers, names, {@code +}/{@code +=}, list mutations, star and
 * named imports of scanned modules, {@code if} branches whose condition is known, and a few library calls
 * whose meaning is fixed ({@code re.compile}, {@code os.environ.get} and the django-environ and
 * python-decouple readers, whose literal defaults are kept as fallbacks). Everything else is
 * {@link PyValue.Unknown} with the reason.
 */
public final class Evaluator {

  /** Finds the scanned module an import names. */
  public interface Imports {
    /**
     * @param from the importing module
     * @param level leading dots of a relative import (0 for absolute)
     * @param dotted the dotted name after the dots, possibly empty
     */
    Optional<PythonModule> find(PythonModule from, int level, String dotted);
  }

  /** Values that libraries define and that settings commonly build on. */
  public interface Library {
    Optional<PyValue> value(String qualifiedName);
  }

  private static final int MAX_EXPRESSION_DEPTH = 120;
  private static final int MAX_ITEMS = 10_000;
  private static final Set<String> ENV_METHODS =
      Set.of("str", "bool", "int", "float", "list", "tuple", "dict", "json", "url", "path", "get_value");
  private static final Set<String> ENV_FUNCTION_NAMES = Set.of("env", "config", "getenv", "get_env", "env_var");

  private final Imports imports;
  private final Library library;
  private final Boolean debug;
  private final Map<String, Namespace> evaluated = new HashMap<>();
  private final Set<String> running = new HashSet<>();
  private final Set<String> seenNotices = new HashSet<>();
  private final List<Notice> notices = new ArrayList<>();

  /**
   * @param debug the value {@code DEBUG} (and {@code settings.DEBUG}) takes in conditions and expressions, or
   *     null to read it as written
   */
  public Evaluator(Imports imports, Library library, Boolean debug) {
    this.imports = imports;
    this.library = library;
    this.debug = debug;
  }

  public List<Notice> notices() {
    return notices;
  }

  /** The module's names after all its top-level statements ran; cached, and safe against import cycles. */
  public Namespace module(PythonModule m) {
    Namespace done = evaluated.get(m.path());
    if (done != null) return done;
    if (!running.add(m.path())) {
      note("import cycle through " + m.path() + ": the second import is ignored", SourceSpan.file(m.path()));
      return new Namespace();
    }
    Namespace ns = new Namespace();
    ns.put("__name__", new Symbol(moduleName(m.path()), null), null);
    try {
      exec(m.root().namedChildren(), ns, m);
    } finally {
      running.remove(m.path());
    }
    evaluated.put(m.path(), ns);
    return ns;
  }

  /**
   * The names visible at {@code node}: the module's, then the parameters and earlier statements of each
   * function that encloses it.
   */
  public Namespace namespaceAt(PyNode node) {
    PythonModule m = node.module();
    Namespace ns = module(m).copy();
    List<PyNode> functions = new ArrayList<>();
    for (PyNode p = node.parent(); p != null; p = p.parent()) if (p.is("function_definition")) functions.add(0, p);
    for (PyNode f : functions) {
      PyNode params = f.child("parameters");
      if (params != null) bindParameters(params, ns, m);
      PyNode body = f.child("body");
      if (body == null) continue;
      List<PyNode> before = new ArrayList<>();
      for (PyNode st : body.namedChildren()) if (st.endByte() <= node.startByte()) before.add(st);
      exec(before, ns, m);
    }
    return ns;
  }

  private void bindParameters(PyNode params, Namespace ns, PythonModule m) {
    for (PyNode p : params.namedChildren()) {
      PyNode nameNode = p.is("identifier") ? p : p.child("name");
      if (nameNode == null && p.is("typed_parameter")) nameNode = p.firstOfType("identifier");
      if (nameNode == null || !nameNode.is("identifier")) continue;
      PyNode dflt = p.child("value");
      PyValue fallback = dflt == null ? null : eval(dflt, ns, 0);
      ns.put(nameNode.text(), new Unknown("the parameter '" + nameNode.text() + "'", fallback, m.span(nameNode)), m.span(p));
    }
  }

  // ---------------------------------------------------------------- statements

  private void exec(List<PyNode> statements, Namespace ns, PythonModule m) {
    for (PyNode st : statements) execOne(st, ns, m);
  }

  private void execOne(PyNode st, Namespace ns, PythonModule m) {
    switch (st.type()) {
      case "expression_statement" -> {
        for (PyNode e : st.namedChildren()) {
          if (e.is("assignment")) assign(e, ns, m, m.lineSpan(st));
          else if (e.is("augmented_assignment")) augmentedAssign(e, ns, m, m.lineSpan(st));
          else if (e.is("call")) mutatingCall(e, ns, m);
        }
      }
      case "if_statement" -> ifStatement(st, ns, m);
      case "try_statement" -> {
        block(st.child("body"), ns, m);
        for (PyNode c : st.namedChildren()) if (c.is("finally_clause")) block(c.firstOfType("block"), ns, m);
      }
      case "with_statement" -> block(st.child("body"), ns, m);
      case "import_from_statement" -> importFrom(st, ns, m);
      case "import_statement" -> importModule(st, ns, m);
      case "function_definition" -> bindDefinition(st, ns, m);
      case "class_definition" -> bindClass(st, ns, m);
      case "decorated_definition" -> {
        PyNode def = st.child("definition");
        if (def != null) execOne(def, ns, m);
      }
      default -> { }
    }
  }

  private void block(PyNode block, Namespace ns, PythonModule m) {
    if (block != null) exec(block.namedChildren(), ns, m);
  }

  private void bindDefinition(PyNode def, Namespace ns, PythonModule m) {
    PyNode name = def.child("name");
    if (name != null) ns.put(name.text(), new Symbol(moduleName(m.path()) + "." + name.text(), m.span(name)), m.lineSpan(def));
  }

  /** A class binds a symbol whose data holds the class attributes, inherited ones first (Flask config classes). */
  private void bindClass(PyNode def, Namespace ns, PythonModule m) {
    PyNode name = def.child("name");
    if (name == null) return;
    Map<String, PyValue> attributes = new LinkedHashMap<>();
    PyNode supers = def.child("superclasses");
    if (supers != null) {
      for (PyNode s : supers.namedChildren()) {
        if (eval(s, ns, 0) instanceof Symbol sym) attributes.putAll(sym.data());
      }
    }
    Namespace body = ns.copy();
    PyNode block = def.child("body");
    if (block != null) {
      Set<String> before = new HashSet<>(body.all().keySet());
      for (PyNode st : block.namedChildren()) {
        execOne(st, body, m);
      }
      for (Map.Entry<String, Namespace.Binding> e : body.all().entrySet()) {
        if (!before.contains(e.getKey()) || !ns.get(e.getKey()).equals(Optional.of(e.getValue()))) {
          attributes.put(e.getKey(), e.getValue().value());
        }
      }
    }
    ns.put(name.text(), new Symbol(moduleName(m.path()) + "." + name.text(), attributes, m.span(name)), m.lineSpan(def));
  }

  private PyValue assign(PyNode assignment, Namespace ns, PythonModule m, SourceSpan at) {
    PyNode left = assignment.child("left");
    PyNode right = assignment.child("right");
    if (right == null) return new Unknown("annotation without a value", m.span(assignment));
    PyValue value = right.is("assignment") ? assign(right, ns, m, at) : eval(right, ns, 0);
    bindTarget(left, value, ns, at);
    return value;
  }

  private void bindTarget(PyNode left, PyValue value, Namespace ns, SourceSpan at) {
    if (left == null) return;
    if (left.is("identifier")) {
      ns.put(left.text(), value, at);
    } else if (left.is("pattern_list") || left.is("tuple_pattern") || left.is("list_pattern")) {
      List<PyNode> targets = left.namedChildren();
      List<PyValue> items = value instanceof Seq s && s.items().size() == targets.size() ? s.items() : null;
      for (int i = 0; i < targets.size(); i++) {
        bindTarget(targets.get(i), items != null ? items.get(i)
            : new Unknown("unpacking of " + PyValue.show(value), value.span()), ns, at);
      }
    }
  }

  private void augmentedAssign(PyNode aug, Namespace ns, PythonModule m, SourceSpan at) {
    PyNode left = aug.child("left");
    PyNode right = aug.child("right");
    PyNode op = aug.child("operator");
    if (left == null || right == null || !left.is("identifier")) return;
    Optional<Namespace.Binding> old = ns.get(left.text());
    PyValue rhs = eval(right, ns, 0);
    PyValue current = old.map(Namespace.Binding::value)
        .orElse(new Unknown("'" + left.text() + "' is not defined before '" + (op == null ? "+=" : op.text()) + "'", m.span(left)));
    String operator = op == null ? "+=" : op.type();
    PyValue result = switch (operator) {
      case "+=" -> PyOperations.binary("+", current, rhs, m.span(aug));
      case "|=" -> PyOperations.binary("|", current, rhs, m.span(aug));
      default -> new Unknown("'" + operator + "' on " + left.text(), m.span(aug));
    };
    // The line that first set the name stays the one that "sets" it; the added items carry their own lines.
    ns.put(left.text(), result, old.map(Namespace.Binding::at).orElse(at));
  }

  /** {@code NAME.append(x)}, {@code .extend}, {@code .insert}, {@code .remove}, {@code .add}, {@code .update} on a known list or set. */
  private void mutatingCall(PyNode call, Namespace ns, PythonModule m) {
    PyNode fn = call.child("function");
    if (fn == null || !fn.is("attribute")) return;
    PyNode obj = fn.child("object");
    PyNode attr = fn.child("attribute");
    if (obj == null || attr == null || !obj.is("identifier")) return;
    Optional<Namespace.Binding> old = ns.get(obj.text());
    if (old.isEmpty()) return;
    List<PyValue> args = positionalArgs(call, ns);
    String method = attr.text();
    if (!Set.of("append", "extend", "insert", "remove", "add", "update", "clear").contains(method)) return;
    PyValue updated = PyOperations.mapSeq(old.get().value(), s -> PyOperations.mutate(s, method, args, m.span(call)));
    if (updated != null) ns.put(obj.text(), updated, old.get().at());
  }

  private void ifStatement(PyNode st, Namespace ns, PythonModule m) {
    record Branch(PyNode condition, PyNode block) {}
    List<Branch> branches = new ArrayList<>();
    branches.add(new Branch(st.child("condition"), st.child("consequence")));
    boolean hasElse = false;
    for (PyNode alt : st.children("alternative")) {
      if (alt.is("elif_clause")) branches.add(new Branch(alt.child("condition"), alt.child("consequence")));
      else if (alt.is("else_clause")) {
        branches.add(new Branch(null, alt.child("body")));
        hasElse = true;
      }
    }
    for (int i = 0; i < branches.size(); i++) {
      Branch b = branches.get(i);
      Tri t = b.condition() == null ? Tri.YES : PyValue.truthy(eval(b.condition(), ns, 0));
      if (t == Tri.YES) {
        block(b.block(), ns, m);
        return;
      }
      if (t == Tri.UNKNOWN) {
        // Any of the remaining branches may run: names they set are unknown, with their values as alternatives.
        List<Namespace> outcomes = new ArrayList<>();
        for (int j = i; j < branches.size(); j++) {
          Namespace copy = ns.copy();
          block(branches.get(j).block(), copy, m);
          outcomes.add(copy);
        }
        if (!hasElse) outcomes.add(ns.copy());
        merge(ns, outcomes, b.condition(), m);
        return;
      }
    }
  }

  /**
   * Joins the outcomes of branches chosen by a condition that cannot be evaluated. Sequences are joined
   * item by item (every entry that may be allowed is kept, with its own line); other values become unknown,
   * with the first branch's value as their fallback.
   */
  private void merge(Namespace ns, List<Namespace> outcomes, PyNode condition, PythonModule m) {
    Set<String> names = new LinkedHashSet<>();
    for (Namespace o : outcomes) names.addAll(o.all().keySet());
    String why = "depends on the condition '" + shorten(condition.text()) + "' at " + m.path() + ":" + condition.line();
    for (String name : names) {
      List<Namespace.Binding> values = new ArrayList<>();
      for (Namespace o : outcomes) o.get(name).ifPresent(values::add);
      Namespace.Binding first = values.get(0);
      boolean same = values.size() == outcomes.size()
          && values.stream().allMatch(b -> b.equals(first) || PyValue.sameValue(b.value(), first.value()) && b.at() == first.at());
      if (same) {
        ns.put(name, first);
        continue;
      }
      if (values.stream().allMatch(b -> b.value() instanceof Seq)) {
        List<PyValue> union = new ArrayList<>();
        for (Namespace.Binding b : values) {
          for (PyValue item : ((Seq) b.value()).items()) {
            if (union.stream().noneMatch(u -> PyValue.sameValue(u, item) && java.util.Objects.equals(u.span(), item.span()))) union.add(item);
          }
        }
        ns.put(name, new Seq(((Seq) first.value()).kind(), union, first.value().span()), first.at());
        note("'" + name + "' " + why + "; the entries of every branch are considered", first.at());
      } else {
        ns.put(name, new Unknown("'" + name + "' " + why, first.value(), first.value().span()), first.at());
      }
    }
  }

  private void importFrom(PyNode st, Namespace ns, PythonModule m) {
    PyNode moduleName = st.child("module_name");
    if (moduleName == null) return;
    int level = 0;
    String dotted = moduleName.text();
    if (moduleName.is("relative_import")) {
      PyNode prefix = moduleName.firstOfType("import_prefix");
      level = prefix == null ? 0 : prefix.text().length();
      PyNode dn = moduleName.firstOfType("dotted_name");
      dotted = dn == null ? "" : dn.text();
    }
    Optional<PythonModule> target = imports.find(m, level, dotted);
    String qualified = level > 0 ? ".".repeat(level) + dotted : dotted;
    if (st.firstOfType("wildcard_import") != null) {
      if (target.isEmpty()) {
        note("'from " + qualified + " import *' names a module that is not in the scan; its settings are not known", m.lineSpan(st));
        return;
      }
      Namespace other = module(target.get());
      Optional<PyValue> exported = other.value("__all__");
      for (Map.Entry<String, Namespace.Binding> e : other.all().entrySet()) {
        String n = e.getKey();
        boolean public_ = exported.isPresent() && exported.get() instanceof Seq all
            ? all.items().stream().anyMatch(i -> i instanceof Str s && s.value().equals(n))
            : !n.startsWith("_");
        if (public_) ns.put(n, e.getValue());
      }
      return;
    }
    for (PyNode nameNode : st.children("name")) {
      String name = nameNode.text();
      String alias = name;
      if (nameNode.is("aliased_import")) {
        PyNode n = nameNode.child("name");
        PyNode a = nameNode.child("alias");
        name = n == null ? name : n.text();
        alias = a == null ? name : a.text();
      }
      SourceSpan at = m.span(nameNode);
      PyValue value;
      if (target.isPresent() && module(target.get()).has(name)) {
        value = module(target.get()).value(name).orElseThrow();
      } else if (target.isPresent() && imports.find(m, level, dotted.isEmpty() ? name : dotted + "." + name).isPresent()) {
        value = new Symbol(qualifiedName(target.get().path(), name), at);
      } else {
        String q = (qualified.isEmpty() || qualified.endsWith(".") ? qualified : qualified + ".") + name;
        value = library.value(q).orElse(new Symbol(q, at));
      }
      ns.put(alias, value, m.lineSpan(st));
    }
  }

  private void importModule(PyNode st, Namespace ns, PythonModule m) {
    for (PyNode n : st.children("name")) {
      if (n.is("aliased_import")) {
        PyNode name = n.child("name");
        PyNode alias = n.child("alias");
        if (name != null && alias != null) ns.put(alias.text(), new Symbol(name.text(), m.span(n)), m.lineSpan(st));
      } else {
        String first = n.text().split("\\.", 2)[0];
        ns.put(first, new Symbol(first, m.span(n)), m.lineSpan(st));
      }
    }
  }

  // ---------------------------------------------------------------- expressions

  /** Evaluates one expression with the names of {@code ns}. */
  public PyValue eval(PyNode e, Namespace ns) {
    return eval(e, ns, 0);
  }

  private PyValue eval(PyNode e, Namespace ns, int depth) {
    PythonModule m = e.module();
    SourceSpan at = m.span(e);
    if (depth > MAX_EXPRESSION_DEPTH) return new Unknown("an expression nested too deeply", at);
    int d = depth + 1;
    switch (e.type()) {
      case "string":
        return string(e, ns, d);
      case "concatenated_string": {
        StringBuilder sb = new StringBuilder();
        for (PyNode part : e.namedChildren()) {
          PyValue v = string(part, ns, d);
          if (!(v instanceof Str s)) return v;
          sb.append(s.value());
        }
        return new Str(sb.toString(), at);
      }
      case "integer":
        return PyOperations.integer(e.text(), at);
      case "float":
        return new FloatNum(e.text(), at);
      case "true":
        return new Bool(true, at);
      case "false":
        return new Bool(false, at);
      case "none":
        return new NoneValue(at);
      case "list":
        return new Seq(Seq.Kind.LIST, items(e, ns, d), at);
      case "tuple":
      case "expression_list":
        return new Seq(Seq.Kind.TUPLE, items(e, ns, d), at);
      case "set":
        return new Seq(Seq.Kind.SET, items(e, ns, d), at);
      case "dictionary":
        return dictionary(e, ns, d);
      case "parenthesized_expression": {
        List<PyNode> inner = e.namedChildren();
        return inner.isEmpty() ? new Unknown("empty parentheses", at) : eval(inner.get(0), ns, d);
      }
      case "identifier":
        return name(e.text(), ns, at);
      case "attribute":
        return attribute(e, ns, d);
      case "subscript":
        return subscript(e, ns, d);
      case "call":
        return call(e, ns, d);
      case "binary_operator": {
        PyNode op = e.child("operator");
        PyNode l = e.child("left");
        PyNode r = e.child("right");
        if (op == null || l == null || r == null) return new Unknown("an incomplete expression", at);
        return PyOperations.binary(op.type(), eval(l, ns, d), eval(r, ns, d), at);
      }
      case "boolean_operator": {
        PyNode l = e.child("left");
        PyNode r = e.child("right");
        if (l == null || r == null) return new Unknown("an incomplete expression", at);
        PyValue lv = eval(l, ns, d);
        Tri t = PyValue.truthy(lv);
        boolean and = e.hasToken("and");
        if (t == Tri.UNKNOWN) return new Unknown("'" + shorten(e.text()) + "' depends on " + reason(lv), at);
        if (and) return t == Tri.YES ? eval(r, ns, d) : lv;
        return t == Tri.YES ? lv : eval(r, ns, d);
      }
      case "not_operator": {
        PyNode arg = e.child("argument");
        if (arg == null) return new Unknown("an incomplete expression", at);
        PyValue v = eval(arg, ns, d);
        Tri t = PyValue.truthy(v);
        return t == Tri.UNKNOWN ? new Unknown("'" + shorten(e.text()) + "' depends on " + reason(v), at) : new Bool(t == Tri.NO, at);
      }
      case "comparison_operator":
        return comparison(e, ns, d);
      case "conditional_expression": {
        List<PyNode> parts = e.namedChildren();
        if (parts.size() != 3) return new Unknown("an incomplete expression", at);
        PyValue cond = eval(parts.get(1), ns, d);
        Tri t = PyValue.truthy(cond);
        if (t == Tri.YES) return eval(parts.get(0), ns, d);
        if (t == Tri.NO) return eval(parts.get(2), ns, d);
        PyValue a = eval(parts.get(0), ns, d);
        PyValue b = eval(parts.get(2), ns, d);
        if (a instanceof Seq sa && b instanceof Seq sb) {
          List<PyValue> union = new ArrayList<>(sa.items());
          union.addAll(sb.items());
          return new Seq(sa.kind(), union, at);
        }
        return new Unknown("'" + shorten(e.text()) + "' depends on " + reason(cond), a, at);
      }
      case "list_comprehension":
      case "generator_expression":
      case "set_comprehension":
        return comprehension(e, ns, d);
      case "keyword_argument": {
        PyNode v = e.child("value");
        return v == null ? new Unknown("an incomplete argument", at) : eval(v, ns, d);
      }
      default:
        return new Unknown("'" + shorten(e.text()) + "' (" + e.type().replace('_', ' ') + ")", at);
    }
  }

  private PyValue name(String n, Namespace ns, SourceSpan at) {
    if (n.equals("DEBUG") && debug != null) return new Bool(debug, at);
    Optional<PyValue> v = ns.value(n);
    if (v.isPresent()) return v.get();
    return switch (n) {
      case "list", "tuple", "set", "frozenset", "sorted", "str", "int", "bool", "len", "dict", "reversed", "print" ->
          new Symbol("builtins." + n, at);
      default -> new Unknown("'" + n + "' is not defined where it is used", at);
    };
  }

  private PyValue string(PyNode e, Namespace ns, int depth) {
    SourceSpan at = e.module().span(e);
    if (!e.is("string")) return eval(e, ns, depth);
    String literal = e.text();
    String prefix = PyStrings.prefix(literal);
    boolean raw = prefix.contains("r");
    if (!prefix.contains("f")) {
      String body = PyStrings.body(literal);
      return new Str(raw ? body : PyStrings.unescape(body), at);
    }
    StringBuilder sb = new StringBuilder();
    for (PyNode part : e.children()) {
      if (part.is("string_content")) {
        String t = part.text().replace("{{", "{").replace("}}", "}");
        sb.append(raw ? t : PyStrings.unescape(t));
      } else if (part.is("interpolation")) {
        PyNode expr = part.child("expression");
        if (expr == null) return new Unknown("an f-string with an empty placeholder", at);
        PyValue v = eval(expr, ns, depth);
        Optional<String> text = PyValue.asText(v);
        if (text.isEmpty() || part.firstOfType("format_specifier") != null) {
          return new Unknown("the f-string " + shorten(literal) + " (its placeholder {" + shorten(expr.text()) + "} is " + reason(v) + ")", at);
        }
        sb.append(text.get());
      } else if (part.is("escape_sequence")) {
        sb.append(raw ? part.text() : PyStrings.unescape(part.text()));
      }
    }
    return new Str(sb.toString(), at);
  }

  private List<PyValue> items(PyNode container, Namespace ns, int depth) {
    List<PyValue> out = new ArrayList<>();
    for (PyNode c : container.namedChildren()) {
      if (out.size() > MAX_ITEMS) break;
      if (c.is("list_splat") || c.is("parenthesized_list_splat")) {
        PyNode inner = c.namedChildren().isEmpty() ? null : c.namedChildren().get(0);
        PyValue v = inner == null ? new Unknown("an empty splat", container.module().span(c)) : eval(inner, ns, depth);
        if (v instanceof Seq s) out.addAll(s.items());
        else out.add(v instanceof Unknown ? v : new Unknown("the items of " + PyValue.show(v), container.module().span(c)));
      } else {
        out.add(eval(c, ns, depth));
      }
    }
    return out;
  }

  private PyValue dictionary(PyNode e, Namespace ns, int depth) {
    List<Map.Entry<PyValue, PyValue>> entries = new ArrayList<>();
    for (PyNode c : e.namedChildren()) {
      if (c.is("pair")) {
        PyNode k = c.child("key");
        PyNode v = c.child("value");
        if (k != null && v != null) entries.add(new AbstractMap.SimpleImmutableEntry<>(eval(k, ns, depth), eval(v, ns, depth)));
      } else if (c.is("dictionary_splat")) {
        List<PyNode> inner = c.namedChildren();
        if (!inner.isEmpty() && eval(inner.get(0), ns, depth) instanceof Dict other) entries.addAll(other.entries());
      }
    }
    return new Dict(entries, e.module().span(e));
  }

  private PyValue attribute(PyNode e, Namespace ns, int depth) {
    SourceSpan at = e.module().span(e);
    PyNode objNode = e.child("object");
    PyNode attrNode = e.child("attribute");
    if (objNode == null || attrNode == null) return new Unknown("an incomplete attribute", at);
    PyValue obj = eval(objNode, ns, depth);
    String attr = attrNode.text();
    if (obj instanceof Symbol s) {
      String q = s.name() + "." + attr;
      if (q.equals("django.conf.settings.DEBUG") && debug != null) return new Bool(debug, at);
      if (s.data().containsKey(attr)) return s.data().get(attr);
      return library.value(q).orElse(new Symbol(q, at));
    }
    if (obj instanceof Unknown u) return new Unknown(u.reason() + "." + attr, at);
    return new Unknown("the attribute '" + attr + "' of " + PyValue.show(obj), at);
  }

  private PyValue subscript(PyNode e, Namespace ns, int depth) {
    SourceSpan at = e.module().span(e);
    PyNode valueNode = e.child("value");
    PyNode keyNode = e.child("subscript");
    if (valueNode == null || keyNode == null) return new Unknown("an incomplete subscript", at);
    PyValue container = eval(valueNode, ns, depth);
    PyValue key = eval(keyNode, ns, depth);
    if (container instanceof Symbol s && s.name().equals("os.environ")) {
      return new Unknown("the environment variable " + PyValue.asText(key).orElse("?"), at);
    }
    if (container instanceof Dict d && key instanceof Str k) {
      return d.get(k.value()).orElse(new Unknown("the missing key '" + k.value() + "'", at));
    }
    if (container instanceof Seq s && key instanceof Num n) {
      long i = n.value() < 0 ? s.items().size() + n.value() : n.value();
      if (i >= 0 && i < s.items().size()) return s.items().get((int) i);
    }
    if (container instanceof Unknown u) return new Unknown(u.reason() + "[...]", at);
    return new Unknown("'" + shorten(e.text()) + "'", at);
  }

  private PyValue comparison(PyNode e, Namespace ns, int depth) {
    SourceSpan at = e.module().span(e);
    List<PyNode> operands = e.namedChildren();
    List<String> ops = new ArrayList<>();
    for (PyNode c : e.children()) if (!c.named()) ops.add(c.type());
    if (operands.size() != 2 || ops.isEmpty()) return new Unknown("'" + shorten(e.text()) + "'", at);
    String op = String.join(" ", ops);
    PyValue a = eval(operands.get(0), ns, depth);
    PyValue b = eval(operands.get(1), ns, depth);
    if (a instanceof Unknown || b instanceof Unknown) {
      return new Unknown("'" + shorten(e.text()) + "' depends on " + reason(a instanceof Unknown ? a : b), at);
    }
    Optional<Boolean> r = switch (op) {
      case "==", "is" -> PyOperations.equalsValue(a, b);
      case "!=", "is not" -> PyOperations.equalsValue(a, b).map(x -> !x);
      case "in" -> PyOperations.contains(b, a);
      case "not in" -> PyOperations.contains(b, a).map(x -> !x);
      default -> Optional.empty();
    };
    return r.<PyValue>map(x -> new Bool(x, at)).orElse(new Unknown("'" + shorten(e.text()) + "'", at));
  }

  private PyValue comprehension(PyNode e, Namespace ns, int depth) {
    SourceSpan at = e.module().span(e);
    PyNode body = e.child("body");
    List<PyNode> clauses = new ArrayList<>();
    for (PyNode c : e.namedChildren()) if (c.is("for_in_clause") || c.is("if_clause")) clauses.add(c);
    if (body == null || clauses.isEmpty() || !clauses.get(0).is("for_in_clause")
        || clauses.stream().filter(c -> c.is("for_in_clause")).count() != 1) {
      return new Unknown("the comprehension " + shorten(e.text()), at);
    }
    PyNode forIn = clauses.get(0);
    PyNode target = forIn.child("left");
    PyNode iterable = forIn.child("right");
    if (target == null || iterable == null) return new Unknown("an incomplete comprehension", at);
    PyValue source = eval(iterable, ns, depth);
    Seq.Kind kind = e.is("set_comprehension") ? Seq.Kind.SET : Seq.Kind.LIST;
    UnaryOperator<Seq> run = s -> {
      List<PyValue> out = new ArrayList<>();
      for (PyValue item : s.items()) {
        Namespace inner = ns.copy();
        bindTarget(target, item, inner, null);
        boolean keep = true;
        for (PyNode c : clauses.subList(1, clauses.size())) {
          List<PyNode> cond = c.namedChildren();
          Tri t = cond.isEmpty() ? Tri.YES : PyValue.truthy(eval(cond.get(0), inner, depth));
          if (t == Tri.NO) keep = false;
          else if (t == Tri.UNKNOWN) return null;
        }
        if (keep) out.add(eval(body, inner, depth));
      }
      return new Seq(kind, out, at);
    };
    if (source instanceof Seq s) {
      Seq r = run.apply(s);
      return r == null ? new Unknown("the comprehension " + shorten(e.text()), at) : r;
    }
    if (source instanceof Unknown u && u.fallback() instanceof Seq s) {
      return new Unknown(u.reason(), run.apply(s), u.span());
    }
    return new Unknown(source instanceof Unknown u ? u.reason() : "the comprehension " + shorten(e.text()), at);
  }

  // ---------------------------------------------------------------- calls

  private PyValue call(PyNode e, Namespace ns, int depth) {
    SourceSpan at = e.module().span(e);
    PyNode fn = e.child("function");
    if (fn == null) return new Unknown("a call", at);
    // Methods of values: "a,b".split(","), os.environ.get(...).split(","), [..].copy()
    if (fn.is("attribute")) {
      PyNode objNode = fn.child("object");
      PyNode attrNode = fn.child("attribute");
      if (objNode != null && attrNode != null) {
        PyValue obj = eval(objNode, ns, depth);
        if (!(obj instanceof Symbol)) return PyOperations.method(obj, attrNode.text(), positionalArgs(e, ns), e.text(), at);
      }
    }
    PyValue callee = eval(fn, ns, depth);
    if (!(callee instanceof Symbol s)) {
      if (callee instanceof Unknown && isEnvStyleCall(fn, e)) return envRead(fn.text(), "", e, ns, Map.of(), at);
      return new Unknown("the result of " + shorten(fn.text()) + "(...)", at);
    }
    String name = s.name();
    String last = name.substring(name.lastIndexOf('.') + 1);
    List<PyValue> args = positionalArgs(e, ns);
    switch (name) {
      case "builtins.list", "builtins.sorted", "builtins.reversed":
        return args.size() == 1 ? PyOperations.convert(args.get(0), Seq.Kind.LIST, name.endsWith("sorted"), at) : new Seq(Seq.Kind.LIST, List.of(), at);
      case "builtins.tuple":
        return args.size() == 1 ? PyOperations.convert(args.get(0), Seq.Kind.TUPLE, false, at) : new Seq(Seq.Kind.TUPLE, List.of(), at);
      case "builtins.set", "builtins.frozenset":
        return args.size() == 1 ? PyOperations.convert(args.get(0), Seq.Kind.SET, false, at) : new Seq(Seq.Kind.SET, List.of(), at);
      case "builtins.str":
        return args.size() == 1 ? PyOperations.lift(args.get(0), v -> PyValue.asText(v).<PyValue>map(t -> new Str(t, at)).orElse(null), at) : new Str("", at);
      case "builtins.int":
        return args.size() == 1 ? PyOperations.toInt(args.get(0), at) : new Num(0, at);
      case "builtins.bool":
        return args.size() == 1 ? PyOperations.lift(args.get(0), v -> PyOperations.truth(v, at), at) : new Bool(false, at);
      case "builtins.dict":
        return keywordArgs(e, ns).isEmpty() ? new Dict(List.of(), at) : PyOperations.dictOf(keywordArgs(e, ns), at);
      case "re.compile":
        return compile(e, ns, args, at);
      case "os.environ.get", "os.getenv", "os.environ.setdefault", "os.environ.pop":
        return envRead(name, "", e, ns, Map.of(), at);
      case "decouple.config":
        return envRead(name, "", e, ns, Map.of(), at);
      case "environ.Env", "environ.environ.Env":
        return new Symbol("environ.Env()", declaredEnvDefaults(e, ns), at);
      default:
        break;
    }
    if (name.equals("environ.Env()")) return envRead(name, "", e, ns, s.data(), at);
    if (name.startsWith("environ.Env().") && ENV_METHODS.contains(last)) {
      return envRead(name, last, e, ns, ((Symbol) eval(fn.child("object"), ns, depth)).data(), at);
    }
    if (name.endsWith(".Csv") || name.equals("Csv")) return new Symbol("decouple.Csv()", at);
    if (name.startsWith("decouple.") && (last.equals("AutoConfig") || last.equals("Config") || last.equals("RepositoryEnv"))) {
      return new Symbol("decouple.config", at);
    }
    if (ENV_FUNCTION_NAMES.contains(last) && isEnvStyleCall(fn, e)) return envRead(name, "", e, ns, Map.of(), at);
    return new Unknown("the result of " + shorten(fn.text()) + "(...)", at);
  }

  /** A call like {@code env("NAME", default=...)} to a reader corslint does not know by import. */
  private static boolean isEnvStyleCall(PyNode fn, PyNode call) {
    String last = fn.text().substring(fn.text().lastIndexOf('.') + 1);
    if (!ENV_FUNCTION_NAMES.contains(last) && !ENV_METHODS.contains(last)) return false;
    PyNode args = call.child("arguments");
    if (args == null || args.namedChildren().isEmpty()) return false;
    PyNode first = args.namedChildren().get(0);
    return first.is("string") && first.text().matches("(?s)[\"']+[A-Z][A-Z0-9_]*[\"']+");
  }

  private Map<String, PyValue> declaredEnvDefaults(PyNode call, Namespace ns) {
    Map<String, PyValue> out = new LinkedHashMap<>();
    for (Map.Entry<String, PyNode> kw : keywordNodes(call).entrySet()) {
      PyValue v = eval(kw.getValue(), ns, 0);
      if (v instanceof Seq s && s.items().size() == 2) out.put(kw.getKey(), s.items().get(1));
    }
    return out;
  }

  /**
   * An environment read: unknown, with the literal default as fallback, converted as the reader would
   * ({@code env.list} splits a string default on commas, {@code cast=bool} parses it).
   */
  private PyValue envRead(String reader, String kind, PyNode call, Namespace ns, Map<String, PyValue> declared, SourceSpan at) {
    List<PyValue> args = positionalArgs(call, ns);
    Map<String, PyNode> kws = keywordNodes(call);
    String var = args.isEmpty() ? "?" : PyValue.asText(args.get(0)).orElse("?");
    PyValue dflt = null;
    if (kws.containsKey("default")) dflt = eval(kws.get("default"), ns, 0);
    else if (args.size() >= 2 && !reader.startsWith("environ.Env()")) dflt = args.get(1);
    else if (declared.containsKey(var)) dflt = declared.get(var);
    String cast = kind;
    if (kws.containsKey("cast")) {
      String c = kws.get("cast").text();
      if (c.startsWith("Csv")) cast = "list";
      else if (c.equals("bool")) cast = "bool";
      else if (c.equals("int")) cast = "int";
    }
    PyValue fallback = dflt == null ? null : PyOperations.castDefault(dflt, cast, at);
    String reason = "the environment variable " + var;
    return new Unknown(reason, fallback, at);
  }

  private PyValue compile(PyNode call, Namespace ns, List<PyValue> args, SourceSpan at) {
    if (args.isEmpty()) return new Unknown("re.compile without a pattern", at);
    PyValue p = args.get(0);
    PyNode argList = call.child("arguments");
    String flags = "";
    if (argList != null) {
      List<PyNode> a = argList.namedChildren();
      if (a.size() >= 2) flags = a.get(1).text();
    }
    boolean ignoreCase = flags.matches("(?s).*\\b(I|IGNORECASE)\\b.*");
    if (p instanceof Str s) return new Pattern(s.value(), ignoreCase, s.span());
    return p instanceof Unknown ? p : new Unknown("re.compile of " + PyValue.show(p), at);
  }

  private List<PyValue> positionalArgs(PyNode call, Namespace ns) {
    List<PyValue> out = new ArrayList<>();
    PyNode args = call.child("arguments");
    if (args == null) return out;
    for (PyNode a : args.namedChildren()) {
      if (a.is("keyword_argument") || a.is("dictionary_splat")) continue;
      if (a.is("list_splat")) {
        PyValue v = a.namedChildren().isEmpty() ? null : eval(a.namedChildren().get(0), ns, 0);
        if (v instanceof Seq s) out.addAll(s.items());
        else out.add(new Unknown("splatted arguments", a.module().span(a)));
        continue;
      }
      out.add(eval(a, ns, 0));
    }
    return out;
  }

  /** The keyword arguments of a call, by name, unevaluated. */
  public static Map<String, PyNode> keywordNodes(PyNode call) {
    Map<String, PyNode> out = new LinkedHashMap<>();
    PyNode args = call.child("arguments");
    if (args == null) return out;
    for (PyNode a : args.namedChildren()) {
      if (!a.is("keyword_argument")) continue;
      PyNode n = a.child("name");
      PyNode v = a.child("value");
      if (n != null && v != null) out.put(n.text(), v);
    }
    return out;
  }

  /** The positional argument nodes of a call, unevaluated. */
  public static List<PyNode> positionalNodes(PyNode call) {
    List<PyNode> out = new ArrayList<>();
    PyNode args = call.child("arguments");
    if (args == null) return out;
    for (PyNode a : args.namedChildren()) {
      if (!a.is("keyword_argument") && !a.is("dictionary_splat") && !a.is("list_splat")) out.add(a);
    }
    return out;
  }

  private Map<String, PyValue> keywordArgs(PyNode call, Namespace ns) {
    Map<String, PyValue> out = new LinkedHashMap<>();
    for (Map.Entry<String, PyNode> e : keywordNodes(call).entrySet()) out.put(e.getKey(), eval(e.getValue(), ns, 0));
    return out;
  }

  // ---------------------------------------------------------------- helpers

  /** Why {@code v} is unknown, for messages. */
  public static String reason(PyValue v) {
    return v instanceof Unknown u ? u.reason() : PyValue.show(v);
  }

  static String shorten(String text) {
    String t = text.replaceAll("\\s+", " ").strip();
    return t.length() > 60 ? t.substring(0, 57) + "..." : t;
  }

  private void note(String message, SourceSpan span) {
    if (seenNotices.add(message + "@" + span)) notices.add(Notice.note(message, span));
  }

  /** {@code pkg/settings/base.py} is module {@code pkg.settings.base}. */
  public static String moduleName(String path) {
    String p = path.endsWith(".py") ? path.substring(0, path.length() - 3) : path;
    if (p.endsWith("/__init__")) p = p.substring(0, p.length() - "/__init__".length());
    return p.replace('/', '.');
  }

  private static String qualifiedName(String modulePath, String name) {
    return moduleName(modulePath) + "." + name;
  }
}
