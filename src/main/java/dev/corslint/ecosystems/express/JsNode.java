package dev.corslint.ecosystems.express;

import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One node of a JavaScript or TypeScript syntax tree, copied out of tree-sitter's native tree so that the
 * native memory can be released as soon as a file is parsed. Offsets are UTF-16 indexes into the file's text.
 */
final class JsNode {

  private final JsSource source;
  private final String type;
  private final String field;
  private final boolean named;
  private final int start;
  private final int end;
  private final JsNode parent;
  private List<JsNode> children = List.of();

  JsNode(JsSource source, String type, String field, boolean named, int start, int end, JsNode parent) {
    this.source = source;
    this.type = type;
    this.field = field;
    this.named = named;
    this.start = start;
    this.end = end;
    this.parent = parent;
  }

  void addChild(JsNode child) {
    if (children.isEmpty()) children = new ArrayList<>(2);
    children.add(child);
  }

  void freeze() {
    children = children.isEmpty() ? List.of() : Collections.unmodifiableList(children);
  }

  JsSource source() {
    return source;
  }

  String type() {
    return type;
  }

  boolean is(String t) {
    return type.equals(t);
  }

  /** The field name this node has in its parent ({@code function}, {@code arguments}), or null. */
  String field() {
    return field;
  }

  boolean named() {
    return named;
  }

  int start() {
    return start;
  }

  int end() {
    return end;
  }

  JsNode parent() {
    return parent;
  }

  List<JsNode> children() {
    return children;
  }

  List<JsNode> namedChildren() {
    List<JsNode> out = new ArrayList<>(children.size());
    for (JsNode c : children) if (c.named && !c.isComment()) out.add(c);
    return out;
  }

  /** The first child with the given field name, or null. */
  JsNode child(String fieldName) {
    for (JsNode c : children) if (fieldName.equals(c.field)) return c;
    return null;
  }

  /** Every child with the given field name. */
  List<JsNode> children(String fieldName) {
    List<JsNode> out = new ArrayList<>(1);
    for (JsNode c : children) if (fieldName.equals(c.field)) out.add(c);
    return out;
  }

  /** The first named child of the given type, or null. */
  JsNode firstOfType(String t) {
    for (JsNode c : children) if (c.type.equals(t)) return c;
    return null;
  }

  boolean isComment() {
    return type.equals("comment") || type.equals("html_comment");
  }

  String text() {
    return source.text().substring(start, end);
  }

  SourceSpan span() {
    return source.span(start, end);
  }

  int line() {
    return source.lineOf(start);
  }

  /** Whether {@code other} lies inside this node. */
  boolean encloses(JsNode other) {
    return other.start >= start && other.end <= end;
  }

  @Override
  public String toString() {
    String t = text();
    return type + "@" + line() + " " + (t.length() > 60 ? t.substring(0, 60) + "…" : t);
  }
}
