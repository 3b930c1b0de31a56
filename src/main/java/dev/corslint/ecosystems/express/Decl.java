package dev.corslint.ecosystems.express;

import java.util.List;

/**
 * A name declared in scanned code: a variable (possibly destructured), a function, a class, a parameter or
 * an import.
 *
 * @param name the declared name
 * @param kind what declares it
 * @param nameNode the identifier that declares it
 * @param owner the declaring node: a {@code variable_declarator}, a function, a class, an import statement
 * @param path for destructuring, the property names or array indexes leading from the declared value to this
 *     name; for a parameter, its index first; for an import, the imported name ({@code default}, {@code *})
 * @param module the file
 */
record Decl(String name, Kind kind, JsNode nameNode, JsNode owner, List<Object> path, JsModule module) {

  enum Kind {
    VARIABLE,
    FUNCTION,
    CLASS,
    PARAMETER,
    IMPORT,
    OTHER
  }

  /** A {@code const}, a function or an import: bound once. */
  boolean isConstant() {
    if (kind == Kind.FUNCTION || kind == Kind.IMPORT || kind == Kind.CLASS) return true;
    if (kind != Kind.VARIABLE) return false;
    JsNode decl = owner.parent();
    JsNode k = decl == null ? null : decl.child("kind");
    return k != null && k.text().equals("const");
  }

  @Override
  public String toString() {
    return name + "@" + module.relative() + ":" + nameNode.line();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Decl d && d.nameNode == nameNode;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(nameNode);
  }
}
