package dev.corslint.ecosystems.express;

/**
 * The bindings visible while code runs: the current path's locals and, through {@code parent}, those of the
 * functions it is nested in. The static frame has none: values come from declarations alone.
 */
final class Frame {

  static final Frame STATIC = new Frame(null, null, 0);

  final Frame parent;
  ExecPath path;
  final int depth;

  Frame(Frame parent, ExecPath path, int depth) {
    this.parent = parent;
    this.path = path;
    this.depth = depth;
  }

  JsValue lookup(Decl d) {
    for (Frame f = this; f != null; f = f.parent) {
      if (f.path != null && f.path.locals.containsKey(d)) return f.path.locals.get(d);
    }
    return null;
  }

  boolean executing() {
    return path != null;
  }
}
