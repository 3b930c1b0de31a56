package dev.corslint.ecosystems.express;

import dev.corslint.model.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One parsed file: its tree, and the declarations of each scope, found on demand. */
final class JsModule {

  static final Set<String> FUNCTION_TYPES = Set.of(
      "function_declaration", "function_expression", "function", "arrow_function", "method_definition",
      "generator_function_declaration", "generator_function");

  private final SourceFile file;
  private final JsNode root;
  private final boolean typescript;
  private final Map<JsNode, Map<String, Decl>> scopes = new IdentityHashMap<>();

  JsModule(SourceFile file, JsNode root, boolean typescript) {
    this.file = file;
    this.root = root;
    this.typescript = typescript;
    root.source().attach(this);
  }

  SourceFile file() {
    return file;
  }

  String relative() {
    return file.relative();
  }

  JsNode root() {
    return root;
  }

  boolean typescript() {
    return typescript;
  }

  static boolean isFunction(JsNode n) {
    return FUNCTION_TYPES.contains(n.type());
  }

  static boolean isScope(JsNode n) {
    return switch (n.type()) {
      case "program", "statement_block", "for_statement", "for_in_statement", "catch_clause", "switch_body",
          "class_body" -> true;
      default -> isFunction(n);
    };
  }

  /** The declaration an identifier refers to, by lexical scope; null for globals and undeclared names. */
  Decl resolve(JsNode identifier) {
    return resolve(identifier.text(), identifier);
  }

  Decl resolve(String name, JsNode at) {
    for (JsNode n = at; n != null; n = n.parent()) {
      if (!isScope(n)) continue;
      Decl d = declarations(n).get(name);
      if (d != null) return d;
    }
    return null;
  }

  /** The names declared directly in a scope node. */
  Map<String, Decl> declarations(JsNode scope) {
    Map<String, Decl> m = scopes.get(scope);
    if (m == null) {
      m = new HashMap<>();
      collect(scope, m);
      scopes.put(scope, m);
    }
    return m;
  }

  private void collect(JsNode scope, Map<String, Decl> out) {
    if (isFunction(scope)) {
      List<JsNode> params = parameters(scope);
      for (int i = 0; i < params.size(); i++) {
        List<Object> path = new ArrayList<>();
        path.add(i);
        bindPattern(params.get(i), Decl.Kind.PARAMETER, scope, path, out);
      }
      JsNode name = scope.child("name");
      if (name != null && !scope.is("method_definition") && !scope.is("function_declaration")) {
        out.putIfAbsent(name.text(), new Decl(name.text(), Decl.Kind.FUNCTION, name, scope, List.of(), this));
      }
      return;
    }
    switch (scope.type()) {
      case "for_statement" -> {
        JsNode init = scope.child("initializer");
        if (init != null) declareStatement(init, out);
      }
      case "for_in_statement" -> {
        JsNode left = scope.child("left");
        if (left != null && scope.child("kind") != null) bindPattern(left, Decl.Kind.VARIABLE, scope, new ArrayList<>(), out);
      }
      case "catch_clause" -> {
        JsNode p = scope.child("parameter");
        if (p != null) bindPattern(p, Decl.Kind.OTHER, scope, new ArrayList<>(), out);
      }
      case "switch_body" -> {
        for (JsNode c : scope.children()) for (JsNode s : c.children("body")) declareStatement(s, out);
      }
      default -> {
        for (JsNode c : scope.children()) declareStatement(c, out);
      }
    }
  }

  private void declareStatement(JsNode s, Map<String, Decl> out) {
    switch (s.type()) {
      case "lexical_declaration", "variable_declaration" -> {
        for (JsNode d : s.children()) {
          if (!d.is("variable_declarator")) continue;
          JsNode name = d.child("name");
          if (name != null) bindPattern(name, Decl.Kind.VARIABLE, d, new ArrayList<>(), out);
        }
      }
      case "function_declaration", "generator_function_declaration" -> {
        JsNode name = s.child("name");
        if (name != null) out.put(name.text(), new Decl(name.text(), Decl.Kind.FUNCTION, name, s, List.of(), this));
      }
      case "class_declaration", "abstract_class_declaration", "enum_declaration" -> {
        JsNode name = s.child("name");
        if (name != null) out.put(name.text(), new Decl(name.text(), Decl.Kind.CLASS, name, s, List.of(), this));
      }
      case "export_statement" -> {
        JsNode d = s.child("declaration");
        if (d != null) declareStatement(d, out);
      }
      case "import_statement" -> declareImport(s, out);
      default -> {}
    }
  }

  private void declareImport(JsNode s, Map<String, Decl> out) {
    for (JsNode c : s.children()) {
      if (c.is("import_clause")) {
        for (JsNode part : c.children()) {
          switch (part.type()) {
            case "identifier" -> out.put(part.text(), new Decl(part.text(), Decl.Kind.IMPORT, part, s, List.of("default"), this));
            case "namespace_import" -> {
              JsNode id = part.firstOfType("identifier");
              if (id != null) out.put(id.text(), new Decl(id.text(), Decl.Kind.IMPORT, id, s, List.of("*"), this));
            }
            case "named_imports" -> {
              for (JsNode spec : part.children()) {
                if (!spec.is("import_specifier")) continue;
                JsNode name = spec.child("name");
                JsNode alias = spec.child("alias");
                JsNode local = alias != null ? alias : name;
                if (name == null || local == null) continue;
                out.put(local.text(), new Decl(local.text(), Decl.Kind.IMPORT, local, s, List.of(stringOrName(name)), this));
              }
            }
            default -> {}
          }
        }
      } else if (c.is("import_require_clause")) {
        JsNode id = c.firstOfType("identifier");
        if (id != null) out.put(id.text(), new Decl(id.text(), Decl.Kind.IMPORT, id, s, List.of("="), this));
      }
    }
  }

  private static String stringOrName(JsNode n) {
    String t = n.text();
    return n.is("string") && t.length() >= 2 ? t.substring(1, t.length() - 1) : t;
  }

  /** Binds every name in a (possibly destructuring) pattern. */
  private void bindPattern(JsNode p, Decl.Kind kind, JsNode owner, List<Object> path, Map<String, Decl> out) {
    switch (p.type()) {
      case "identifier", "shorthand_property_identifier_pattern" ->
          out.put(p.text(), new Decl(p.text(), kind, p, owner, List.copyOf(path), this));
      case "required_parameter", "optional_parameter" -> {
        JsNode pat = p.child("pattern");
        if (pat != null) bindPattern(pat, kind, owner, path, out);
      }
      case "assignment_pattern", "object_assignment_pattern" -> {
        JsNode left = p.child("left");
        if (left != null) bindPattern(left, kind, owner, path, out);
      }
      case "object_pattern" -> {
        for (JsNode c : p.children()) {
          switch (c.type()) {
            case "shorthand_property_identifier_pattern" -> bindPattern(c, kind, owner, append(path, c.text()), out);
            case "object_assignment_pattern" -> {
              JsNode left = c.child("left");
              if (left != null) bindPattern(left, kind, owner, append(path, left.text()), out);
            }
            case "pair_pattern" -> {
              JsNode key = c.child("key");
              JsNode value = c.child("value");
              if (key != null && value != null) bindPattern(value, kind, owner, append(path, stringOrName(key)), out);
            }
            case "rest_pattern" -> {
              JsNode id = c.firstOfType("identifier");
              if (id != null) bindPattern(id, kind, owner, append(path, "..."), out);
            }
            default -> {}
          }
        }
      }
      case "array_pattern" -> {
        int i = 0;
        for (JsNode c : p.children()) {
          if (!c.named() || c.isComment()) continue;
          bindPattern(c, kind, owner, append(path, i), out);
          i++;
        }
      }
      case "rest_pattern" -> {
        JsNode id = p.firstOfType("identifier");
        if (id != null) bindPattern(id, kind, owner, append(path, "..."), out);
      }
      default -> {}
    }
  }

  private static List<Object> append(List<Object> path, Object key) {
    List<Object> out = new ArrayList<>(path);
    out.add(key);
    return out;
  }

  /** The parameter nodes of a function, in order. */
  static List<JsNode> parameters(JsNode function) {
    JsNode single = function.child("parameter");
    if (single != null) return List.of(single);
    JsNode params = function.child("parameters");
    if (params == null) return List.of();
    List<JsNode> out = new ArrayList<>();
    for (JsNode c : params.children()) {
      if (c.named() && !c.isComment() && !c.is("this")) out.add(c);
    }
    return out;
  }

  /** The name of a parameter node, or null when it is destructured. */
  static String parameterName(JsNode p) {
    return switch (p.type()) {
      case "identifier" -> p.text();
      case "required_parameter", "optional_parameter" -> {
        JsNode pat = p.child("pattern");
        yield pat != null && pat.is("identifier") ? pat.text() : null;
      }
      case "assignment_pattern" -> {
        JsNode left = p.child("left");
        yield left != null && left.is("identifier") ? left.text() : null;
      }
      default -> null;
    };
  }
}
