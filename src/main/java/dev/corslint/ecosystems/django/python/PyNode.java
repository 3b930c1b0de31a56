package dev.corslint.ecosystems.django.python;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of a parsed Python file, copied out of tree-sitter's native tree so that the native memory can go
 * as soon as a file is parsed and later passes walk plain Java objects.
 */
public final class PyNode {

  private static final PyNode[] NONE = new PyNode[0];

  private final String type;
  private final String field;
  private final boolean named;
  private final int startByte;
  private final int endByte;
  private final PythonModule module;
  PyNode[] children = NONE;
  PyNode parent;

  PyNode(String type, String field, boolean named, int startByte, int endByte, PythonModule module) {
    this.type = type;
    this.field = field;
    this.named = named;
    this.startByte = startByte;
    this.endByte = endByte;
    this.module = module;
  }

  /** The grammar's node type, e.g. {@code assignment}, {@code call}, {@code identifier}; anonymous tokens are their text. */
  public String type() {
    return type;
  }

  public boolean is(String t) {
    return type.equals(t);
  }

  /** The field this node fills in its parent ({@code left}, {@code function}...), or null. */
  public String field() {
    return field;
  }

  public boolean named() {
    return named;
  }

  public PyNode parent() {
    return parent;
  }

  public PythonModule module() {
    return module;
  }

  public int startByte() {
    return startByte;
  }

  public int endByte() {
    return endByte;
  }

  public List<PyNode> children() {
    return List.of(children);
  }

  public List<PyNode> namedChildren() {
    List<PyNode> out = new ArrayList<>(children.length);
    for (PyNode c : children) if (c.named && !c.is("comment")) out.add(c);
    return out;
  }

  /** The first child filling {@code fieldName}, or null. */
  public PyNode child(String fieldName) {
    for (PyNode c : children) if (fieldName.equals(c.field)) return c;
    return null;
  }

  /** Every child filling {@code fieldName}. */
  public List<PyNode> children(String fieldName) {
    List<PyNode> out = new ArrayList<>();
    for (PyNode c : children) if (fieldName.equals(c.field)) out.add(c);
    return out;
  }

  /** The first child of type {@code t}, or null. */
  public PyNode firstOfType(String t) {
    for (PyNode c : children) if (c.type.equals(t)) return c;
    return null;
  }

  /** Whether an anonymous token with this text is among the children (an operator, a keyword). */
  public boolean hasToken(String token) {
    for (PyNode c : children) if (!c.named && c.type.equals(token)) return true;
    return false;
  }

  /** This node and everything below it, in source order (iterative, so deep trees are safe). */
  public List<PyNode> descendants() {
    List<PyNode> out = new ArrayList<>();
    java.util.ArrayDeque<PyNode> work = new java.util.ArrayDeque<>();
    work.push(this);
    while (!work.isEmpty()) {
      PyNode n = work.pop();
      out.add(n);
      for (int i = n.children.length - 1; i >= 0; i--) work.push(n.children[i]);
    }
    return out;
  }

  /** The nearest enclosing node of type {@code t}, or null. */
  public PyNode ancestor(String t) {
    for (PyNode p = parent; p != null; p = p.parent) if (p.type.equals(t)) return p;
    return null;
  }

  /** The source text of this node. */
  public String text() {
    return module.text(startByte, endByte);
  }

  /** 1-based line of the first character. */
  public int line() {
    return module.lineOf(startByte);
  }

  @Override
  public String toString() {
    return type + "@" + line();
  }
}
