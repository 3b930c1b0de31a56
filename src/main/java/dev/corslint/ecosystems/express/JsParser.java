package dev.corslint.ecosystems.express;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterTypescript;

/**
 * Parses JavaScript and TypeScript with tree-sitter and copies the tree into {@link JsNode}s at once, so the
 * native tree becomes garbage right away (the bindings free native memory only when the Java object is
 * collected, and offer no explicit close). Parsers are reused per thread.
 *
 * <p>The TypeScript artifact has no TSX grammar: a {@code .tsx} file is parsed with the TypeScript grammar,
 * and when that leaves syntax errors, again with the JavaScript grammar (which knows JSX); the tree with
 * fewer errors is kept and a notice says so.
 */
final class JsParser {

  enum Dialect {
    JAVASCRIPT,
    TYPESCRIPT
  }

  /** A parse result: the root, how many error nodes it has and where the first one is. */
  record Parsed(JsNode root, int errors, int firstErrorLine, Dialect dialect) {}

  /** Generous: tree-sitter is linear, about 1 MB/s here; this only guards against a pathological input. */
  private static final long TIMEOUT_MICROS = 20_000_000L;

  private static final ThreadLocal<Map<Dialect, TSParser>> PARSERS = ThreadLocal.withInitial(() -> new EnumMap<>(Dialect.class));
  private static final Method TREE_POINTER = treePointerAccessor();

  /** Sees every native tree right after parsing; tests use it to check that no tree outlives its copy. */
  static volatile java.util.function.Consumer<TSTree> treeObserver;

  private JsParser() {}

  static Dialect dialectOf(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".ts") || n.endsWith(".mts") || n.endsWith(".cts") || n.endsWith(".tsx")
        ? Dialect.TYPESCRIPT
        : Dialect.JAVASCRIPT;
  }

  /** Parses {@code text}; null (with a notice) when tree-sitter gives up. Never throws for bad input. */
  static Parsed parse(String relative, String text, List<Notice> notices) {
    boolean tsx = relative.toLowerCase(Locale.ROOT).endsWith(".tsx");
    Dialect first = dialectOf(relative);
    Parsed p = parse(relative, text, first, notices);
    if (tsx && (p == null || p.errors() > 0)) {
      Parsed js = parse(relative, text, Dialect.JAVASCRIPT, notices);
      if (js != null && (p == null || js.errors() < p.errors())) p = js;
      if (p != null) {
        String grammar = p.dialect() == Dialect.JAVASCRIPT ? "JavaScript (with JSX)" : "TypeScript";
        notices.add(Notice.note("corslint has no TSX grammar: parsed with the " + grammar + " grammar, which left "
            + p.errors() + " syntax error" + (p.errors() == 1 ? "" : "s") + " from line " + p.firstErrorLine()
            + "; the parts that parse were analysed", SourceSpan.at(relative, Math.max(1, p.firstErrorLine()), 1)));
        return p;
      }
    }
    if (p != null && p.errors() > 0) {
      notices.add(Notice.warning(
          "syntax error" + (p.errors() > 1 ? "s (" + p.errors() + ")" : "") + " from line " + p.firstErrorLine()
              + "; the parts that parse were analysed",
          SourceSpan.at(relative, p.firstErrorLine(), 1)));
    }
    return p;
  }

  static Parsed parse(String relative, String text, Dialect dialect, List<Notice> notices) {
    JsSource source = new JsSource(relative, text);
    TSParser parser = parser(dialect);
    TSTree tree;
    try {
      parser.setTimeoutMicros(TREE_POINTER == null ? 0 : TIMEOUT_MICROS);
      tree = parser.parseString(null, text);
    } catch (RuntimeException | Error e) {
      parser.reset();
      notices.add(Notice.error("cannot parse: " + e, SourceSpan.file(relative)));
      return null;
    }
    if (isNull(tree)) {
      parser.reset(); // otherwise the next parse would resume this one
      notices.add(Notice.warning("skipped: parsing took longer than " + TIMEOUT_MICROS / 1_000_000 + " s", SourceSpan.file(relative)));
      return null;
    }
    java.util.function.Consumer<TSTree> observer = treeObserver;
    if (observer != null) observer.accept(tree);
    return copy(tree, source, dialect);
  }

  private static TSParser parser(Dialect d) {
    return PARSERS.get().computeIfAbsent(d, k -> {
      TSParser p = new TSParser();
      TSLanguage lang = k == Dialect.TYPESCRIPT ? new TreeSitterTypescript() : new TreeSitterJavascript();
      p.setLanguage(lang);
      return p;
    });
  }

  /** Type name and whether named, per grammar symbol: one JNI call per symbol instead of two per node. */
  private record SymbolInfo(String type, boolean named) {}

  private static final Map<Dialect, Map<Integer, SymbolInfo>> SYMBOLS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final Map<Dialect, Map<Integer, String>> FIELDS = new java.util.concurrent.ConcurrentHashMap<>();
  /** The ERROR node's symbol (tree-sitter's ts_builtin_sym_error). */
  private static final int ERROR_SYMBOL = 65535;

  /**
   * Copies the tree with as few native calls per node as the bindings allow (each call that takes a node costs
   * about a microsecond): the start offset is read from the node object's own field, type and namedness come
   * from a per-grammar cache keyed by symbol, field names from a cache keyed by field id.
   */
  private static Parsed copy(TSTree tree, JsSource source, Dialect dialect) {
    ByteToChar offsets = new ByteToChar(source.text());
    TSLanguage lang = tree.getLanguage();
    Map<Integer, SymbolInfo> symbols = SYMBOLS.computeIfAbsent(dialect, k -> new java.util.concurrent.ConcurrentHashMap<>());
    Map<Integer, String> fields = FIELDS.computeIfAbsent(dialect, k -> new java.util.concurrent.ConcurrentHashMap<>());
    TSNode rootTs = tree.getRootNode();
    boolean hasErrors = rootTs.hasError();
    JsNode root = new JsNode(source, rootTs.getType(), null, true, offsets.charAt(rootTs.getStartByte()),
        offsets.charAt(rootTs.getEndByte()), null);
    TSTreeCursor cursor = new TSTreeCursor(rootTs);
    int errors = 0;
    int firstErrorLine = 0;
    Deque<JsNode> stack = new ArrayDeque<>();
    stack.push(root);
    // Iterative pre-order walk: deeply nested input must not overflow the Java stack.
    if (cursor.gotoFirstChild()) {
      while (true) {
        TSNode n = cursor.currentNode();
        JsNode parent = stack.peek();
        int symbol = n.getSymbol();
        SymbolInfo info = symbols.computeIfAbsent(symbol, k -> symbolInfo(lang, k));
        int fieldId = cursor.currentFieldId();
        String field = fieldId == 0 ? null : fields.computeIfAbsent(fieldId, lang::fieldNameForId);
        int startByte = startByte(n);
        int endByte = n.getEndByte();
        JsNode copy = new JsNode(source, info.type(), field, info.named(), offsets.charAt(startByte), offsets.charAt(endByte), parent);
        parent.addChild(copy);
        if (hasErrors && (symbol == ERROR_SYMBOL || (startByte == endByte && n.isMissing()))) {
          errors++;
          if (firstErrorLine == 0) firstErrorLine = copy.line();
        }
        if (cursor.gotoFirstChild()) {
          stack.push(copy);
          continue;
        }
        copy.freeze();
        boolean moved = false;
        while (!moved) {
          if (cursor.gotoNextSibling()) {
            moved = true;
          } else if (cursor.gotoParent()) {
            JsNode done = stack.pop();
            done.freeze();
            if (stack.isEmpty()) break;
          } else {
            break;
          }
        }
        if (!moved) break;
      }
    }
    root.freeze();
    if (hasErrors && errors == 0) {
      errors = 1;
      firstErrorLine = 1;
    }
    return new Parsed(root, errors, firstErrorLine, dialect);
  }

  private static SymbolInfo symbolInfo(TSLanguage lang, int symbol) {
    if (symbol == ERROR_SYMBOL) return new SymbolInfo("ERROR", true);
    org.treesitter.TSSymbolType t = lang.symbolType(symbol);
    return new SymbolInfo(lang.symbolName(symbol), t == org.treesitter.TSSymbolType.TSSymbolTypeRegular);
  }

  private static final java.lang.reflect.Field START_BYTE = startByteField();

  /** A node's start byte is its first context field; reading it avoids a native call. */
  private static java.lang.reflect.Field startByteField() {
    try {
      java.lang.reflect.Field f = TSNode.class.getDeclaredField("context0");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static int startByte(TSNode n) {
    if (START_BYTE != null) {
      try {
        return START_BYTE.getInt(n);
      } catch (IllegalAccessException | RuntimeException e) {
        // fall back to the native call
      }
    }
    return n.getStartByte();
  }

  private static boolean isNull(TSTree tree) {
    if (tree == null) return true;
    if (TREE_POINTER == null) return false;
    try {
      return ((Long) TREE_POINTER.invoke(tree)) == 0L;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /**
   * A timed-out parse returns a tree object around a null pointer, and touching its root crashes the JVM.
   * The pointer is only reachable reflectively; without it, parses run without a timeout.
   */
  private static Method treePointerAccessor() {
    try {
      Method m = TSTree.class.getDeclaredMethod("getPtr");
      m.setAccessible(true);
      return m;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** tree-sitter reports UTF-8 byte offsets; spans use UTF-16 offsets. */
  private static final class ByteToChar {
    private final int[] table; // null when the text is ASCII and offsets coincide
    private final int length;

    ByteToChar(String text) {
      length = text.length();
      boolean ascii = true;
      for (int i = 0; i < text.length() && ascii; i++) ascii = text.charAt(i) < 0x80;
      if (ascii) {
        table = null;
        return;
      }
      int bytes = text.getBytes(StandardCharsets.UTF_8).length;
      table = new int[bytes + 1];
      int b = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        int w;
        if (c < 0x80) w = 1;
        else if (c < 0x800) w = 2;
        else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          for (int k = 0; k < 4 && b + k < table.length; k++) table[b + k] = i;
          b += 4;
          i++;
          continue;
        } else if (Character.isSurrogate(c)) w = 1; // encoded as '?'
        else w = 3;
        for (int k = 0; k < w && b + k < table.length; k++) table[b + k] = i;
        b += w;
      }
      for (int k = b; k < table.length; k++) table[k] = length;
    }

    int charAt(int byteOffset) {
      if (byteOffset < 0) return 0;
      if (table == null) return Math.min(byteOffset, length);
      return byteOffset < table.length ? table[byteOffset] : length;
    }
  }
}
