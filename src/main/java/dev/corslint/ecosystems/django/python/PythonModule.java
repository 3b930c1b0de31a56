package dev.corslint.ecosystems.django.python;

import dev.corslint.model.SourceSpan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

/**
 * One Python file, parsed with tree-sitter and copied into {@link PyNode}s. Positions are converted from
 * tree-sitter's UTF-8 byte offsets to the 1-based lines and UTF-16 columns that {@link SourceSpan} uses.
 */
public final class PythonModule {

  /** Deeper nesting than this is cut off: no real module needs it, and it keeps every walk's recursion bounded. */
  public static final int MAX_DEPTH = 200;

  /** A parse that takes longer than this is abandoned (tree-sitter parses are linear; this guards the native side). */
  private static final long PARSE_TIMEOUT_MICROS = 10_000_000;

  private static final ThreadLocal<TSParser> PARSERS = ThreadLocal.withInitial(() -> {
    TSParser p = new TSParser();
    p.setLanguage(new TreeSitterPython());
    return p;
  });

  private final String path;
  private final String source;
  private final byte[] bytes;
  private final int[] lineStarts;
  private final boolean asciiOnly;
  private PyNode root;
  private boolean truncated;
  private int errorLine;

  private PythonModule(String path, String source) {
    this.path = path;
    this.source = source;
    this.bytes = source.getBytes(StandardCharsets.UTF_8);
    this.asciiOnly = bytes.length == source.length();
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < bytes.length; i++) if (bytes[i] == '\n') starts.add(i + 1);
    this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Parses {@code source}. tree-sitter recovers from syntax errors, so a broken file still yields the statements
   * it could read; {@link #firstErrorLine()} says where reading went wrong.
   */
  public static PythonModule parse(String path, String source) {
    PythonModule m = new PythonModule(path, source);
    TSParser parser = PARSERS.get();
    parser.setTimeoutMicros(PARSE_TIMEOUT_MICROS);
    TSTree tree = parser.parseString(null, source);
    if (tree == null) {
      parser.reset();
      m.root = new PyNode("module", null, true, 0, 0, m);
      m.errorLine = 1;
      return m;
    }
    m.root = m.copy(tree.getRootNode());
    return m;
  }

  /** Copies the native tree iteratively (no recursion, so deep nesting cannot overflow the stack). */
  private PyNode copy(TSNode nativeRoot) {
    record Pending(TSNode node, PyNode copy, int depth) {}
    PyNode top = new PyNode(nativeRoot.getType(), null, true, nativeRoot.getStartByte(), nativeRoot.getEndByte(), this);
    Deque<Pending> work = new ArrayDeque<>();
    work.push(new Pending(nativeRoot, top, 0));
    while (!work.isEmpty()) {
      Pending p = work.pop();
      int n = p.node().getChildCount();
      if (n == 0) continue;
      if (p.depth() >= MAX_DEPTH) {
        truncated = true;
        continue;
      }
      PyNode[] kids = new PyNode[n];
      for (int i = 0; i < n; i++) {
        TSNode c = p.node().getChild(i);
        PyNode k = new PyNode(c.getType(), p.node().getFieldNameForChild(i), c.isNamed(), c.getStartByte(), c.getEndByte(), this);
        k.parent = p.copy();
        kids[i] = k;
        if ((c.isError() || c.isMissing()) && errorLine == 0) errorLine = lineOf(c.getStartByte());
        work.push(new Pending(c, k, p.depth() + 1));
      }
      p.copy().children = kids;
    }
    return top;
  }

  public String path() {
    return path;
  }

  public String source() {
    return source;
  }

  public PyNode root() {
    return root;
  }

  /** Whether nesting beyond {@link #MAX_DEPTH} was cut off. */
  public boolean truncated() {
    return truncated;
  }

  /** The first line with a syntax error, or 0 when the file parsed cleanly. */
  public int firstErrorLine() {
    return errorLine;
  }

  String text(int start, int end) {
    int s = Math.max(0, Math.min(start, bytes.length));
    int e = Math.max(s, Math.min(end, bytes.length));
    if (asciiOnly) return source.substring(s, e);
    return new String(bytes, s, e - s, StandardCharsets.UTF_8);
  }

  int lineOf(int byteOffset) {
    int i = Arrays.binarySearch(lineStarts, byteOffset);
    return (i >= 0 ? i : -i - 2) + 1;
  }

  private int columnOf(int byteOffset, int line) {
    int start = lineStarts[line - 1];
    if (asciiOnly) return byteOffset - start + 1;
    return new String(bytes, start, Math.max(0, Math.min(byteOffset, bytes.length) - start), StandardCharsets.UTF_8).length() + 1;
  }

  /** The span of {@code node}: 1-based lines, 1-based UTF-16 columns, end exclusive. */
  public SourceSpan span(PyNode node) {
    int line = lineOf(node.startByte());
    int endLine = lineOf(node.endByte());
    return new SourceSpan(path, line, columnOf(node.startByte(), line), endLine, columnOf(node.endByte(), endLine));
  }

  /** A span covering the first line of {@code node} only, for statements that run over several lines. */
  public SourceSpan lineSpan(PyNode node) {
    int line = lineOf(node.startByte());
    int lineEnd = line < lineStarts.length ? lineStarts[line] - 1 : bytes.length;
    int end = Math.min(node.endByte(), lineEnd);
    return new SourceSpan(path, line, columnOf(node.startByte(), line), line, columnOf(Math.max(end, node.startByte()), line));
  }
}
