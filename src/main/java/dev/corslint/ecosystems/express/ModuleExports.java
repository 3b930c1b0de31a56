package dev.corslint.ecosystems.express;

import dev.corslint.model.SourceSpan;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a module exports, in both module systems: {@code module.exports = ...}, {@code exports.x = ...},
 * {@code export const}, {@code export default}, {@code export { a as b }}, re-exports and TypeScript's
 * {@code export =}.
 */
final class ModuleExports {

  private final Interpreter in;
  private final JsModule module;
  private JsNode commonJsNode;
  private final Map<String, JsNode> commonJsNamed = new LinkedHashMap<>();
  private final Set<String> resolving = new HashSet<>();

  ModuleExports(Interpreter in, JsModule module) {
    this.in = in;
    this.module = module;
    for (JsNode s : module.root().children()) {
      if (s.is("expression_statement")) {
        JsNode e = Interpreter.firstExpression(s);
        if (e != null && e.is("assignment_expression")) commonJs(e);
      } else if (s.is("export_statement") && s.firstOfType("=") != null) {
        commonJsNode = Interpreter.firstExpression(s);
      }
    }
  }

  private void commonJs(JsNode assignment) {
    JsNode left = assignment.child("left");
    JsNode right = assignment.child("right");
    if (left == null || right == null || !left.is("member_expression")) return;
    String target = left.text().replaceAll("\\s+", "");
    if (target.equals("module.exports")) {
      commonJsNode = right;
    } else if (target.startsWith("module.exports.") || target.startsWith("exports.")) {
      commonJsNamed.put(target.substring(target.lastIndexOf('.') + 1), right);
    }
  }

  /** {@code require('./m')}: the CommonJS exports object, or the ES module namespace. */
  JsValue commonJs(SourceSpan at) {
    if (commonJsNode != null) return in.eval(commonJsNode, Frame.STATIC);
    if (!commonJsNamed.isEmpty()) {
      Map<String, JsValue> props = new LinkedHashMap<>();
      for (Map.Entry<String, JsNode> e : commonJsNamed.entrySet()) props.put(e.getKey(), in.eval(e.getValue(), Frame.STATIC));
      return new JsValue.Obj(props, false, at);
    }
    return new JsValue.ModuleRef(module, at);
  }

  JsValue defaultExport(SourceSpan at) {
    for (JsNode s : module.root().children()) {
      if (!s.is("export_statement") || s.firstOfType("default") == null) continue;
      JsNode value = s.child("value");
      if (value != null) return in.eval(value, Frame.STATIC);
      JsNode decl = s.child("declaration");
      if (decl != null) {
        if (JsModule.isFunction(decl)) return new JsValue.Func(decl, Frame.STATIC, decl.span());
        return in.eval(decl, Frame.STATIC);
      }
    }
    if (commonJsNode != null || !commonJsNamed.isEmpty()) return commonJs(at);
    return new JsValue.Unknown("'" + module.relative() + "' has no default export", at);
  }

  JsValue named(String name, SourceSpan at) {
    if (!resolving.add(name)) return new JsValue.Unknown("circular re-export of " + name, at);
    try {
      for (JsNode s : module.root().children()) {
        if (!s.is("export_statement")) continue;
        JsNode decl = s.child("declaration");
        JsNode source = s.child("source");
        if (decl != null && s.firstOfType("default") == null) {
          Decl d = module.declarations(module.root()).get(name);
          if (d != null && (d.owner() == decl || decl.encloses(d.owner()))) return in.valueOf(d, Frame.STATIC);
        }
        JsNode clause = s.firstOfType("export_clause");
        if (clause != null) {
          for (JsNode spec : clause.children()) {
            if (!spec.is("export_specifier")) continue;
            JsNode local = spec.child("name");
            JsNode alias = spec.child("alias");
            String exported = (alias != null ? alias : local) == null ? null : (alias != null ? alias : local).text();
            if (!name.equals(exported) || local == null) continue;
            if (source != null) return in.importFrom(module, JsStrings.decode(source), local.text(), at);
            Decl d = module.resolve(local.text(), module.root());
            return d == null ? new JsValue.Unknown("export " + name, at) : in.valueOf(d, Frame.STATIC);
          }
        }
      }
      JsNode cjs = commonJsNamed.get(name);
      if (cjs != null) return in.eval(cjs, Frame.STATIC);
      if (commonJsNode != null) return in.member(in.eval(commonJsNode, Frame.STATIC), name, at);
      for (JsNode s : module.root().children()) {
        if (s.is("export_statement") && s.firstOfType("*") != null && s.child("source") != null) {
          JsValue v = in.importFrom(module, JsStrings.decode(s.child("source")), name, at);
          if (!(v instanceof JsValue.Unknown)) return v;
        }
      }
      return new JsValue.Unknown("'" + module.relative() + "' does not export " + name, at);
    } finally {
      resolving.remove(name);
    }
  }
}
