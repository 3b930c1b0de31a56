package dev.corslint.ecosystems.express;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Later changes to a variable in the scope that declares it: {@code origins.push(...)},
 * {@code origins = origins.concat(...)}, {@code corsOptions.credentials = true}. Changes inside
 * development-only branches ({@code if (process.env.NODE_ENV !== 'production')}) are left out: production is
 * what is judged.
 */
final class Mutations {

  private Mutations() {}

  static JsValue apply(Interpreter in, Decl d, JsValue initial) {
    JsNode declarator = d.owner();
    JsNode statement = declarator.parent();
    if (statement == null) return initial;
    JsNode container = statement.parent();
    if (container != null && container.is("export_statement")) {
      statement = container;
      container = container.parent();
    }
    if (container == null || !(initial instanceof JsValue.Arr || initial instanceof JsValue.Obj || !d.isConstant())) return initial;
    List<JsNode> siblings = container.children();
    int from = siblings.indexOf(statement);
    if (from < 0) return initial;
    JsValue[] current = {initial};
    for (int i = from + 1; i < siblings.size(); i++) visit(in, d, siblings.get(i), current);
    return current[0];
  }

  private static void visit(Interpreter in, Decl d, JsNode s, JsValue[] current) {
    switch (s.type()) {
      case "expression_statement" -> {
        JsNode e = Interpreter.firstExpression(s);
        if (e != null) mutation(in, d, e, current);
      }
      case "if_statement" -> {
        JsValue test = in.eval(s.child("condition"), Frame.STATIC);
        Interpreter.Truth t = in.truth(test);
        JsNode then = s.child("consequence");
        JsNode alt = s.child("alternative");
        if (t.kind != Interpreter.TruthKind.NO && then != null) visitBlock(in, d, then, current);
        if (t.kind == Interpreter.TruthKind.NO && alt != null) for (JsNode c : alt.namedChildren()) visitBlock(in, d, c, current);
      }
      default -> {}
    }
  }

  private static void visitBlock(Interpreter in, Decl d, JsNode n, JsValue[] current) {
    if (n.is("statement_block")) {
      for (JsNode c : n.namedChildren()) visit(in, d, c, current);
    } else {
      visit(in, d, n, current);
    }
  }

  private static void mutation(Interpreter in, Decl d, JsNode e, JsValue[] current) {
    Frame frame = new Frame(null, new ExecPath(), 1);
    frame.path.locals.put(d, current[0]);
    if (e.is("call_expression")) {
      JsNode fn = e.child("function");
      if (fn == null || !fn.is("member_expression")) return;
      JsNode obj = fn.child("object");
      JsNode prop = fn.child("property");
      if (obj == null || prop == null || !refersTo(d, obj)) return;
      String m = prop.text();
      if (!(current[0] instanceof JsValue.Arr arr)) return;
      if (!m.equals("push") && !m.equals("unshift")) return;
      List<JsValue> args = in.arguments(e, frame);
      List<JsValue> items = new ArrayList<>();
      if (m.equals("unshift")) items.addAll(args);
      items.addAll(arr.items());
      if (m.equals("push")) items.addAll(args);
      current[0] = new JsValue.Arr(items, arr.span());
    } else if (e.is("assignment_expression")) {
      JsNode left = e.child("left");
      JsNode right = e.child("right");
      if (left == null || right == null) return;
      if (left.is("identifier") && refersTo(d, left)) {
        current[0] = in.eval(right, frame);
      } else if (left.is("member_expression") && current[0] instanceof JsValue.Obj o) {
        JsNode obj = left.child("object");
        JsNode prop = left.child("property");
        if (obj == null || prop == null || !refersTo(d, obj)) return;
        Map<String, JsValue> props = new LinkedHashMap<>(o.props());
        props.put(prop.text(), in.eval(right, frame));
        current[0] = new JsValue.Obj(props, o.open(), o.span());
      }
    }
  }

  private static boolean refersTo(Decl d, JsNode identifier) {
    if (!identifier.is("identifier")) return false;
    JsModule m = identifier.source().module();
    return m != null && d.equals(m.resolve(identifier));
  }
}
