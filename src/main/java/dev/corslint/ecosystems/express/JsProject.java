package dev.corslint.ecosystems.express;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.SourceTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JavaScript and TypeScript files of one scan: parses each file once, on demand, and resolves relative
 * imports between them. Files are read only through the {@link SourceTree}, so nothing outside the scan root
 * is ever opened.
 */
final class JsProject {

  private static final List<String> EXTENSIONS = List.of("", ".js", ".ts", ".mjs", ".cjs", ".jsx", ".tsx", ".mts", ".cts");
  private static final List<String> INDEXES = List.of("/index.js", "/index.ts", "/index.mjs", "/index.cjs", "/index.jsx", "/index.tsx");

  private final SourceTree tree;
  private final ExpressExtractor.Options options;
  private final List<Notice> notices;
  private final Map<String, SourceFile> files = new HashMap<>();
  private final Map<String, Optional<JsModule>> modules = new LinkedHashMap<>();

  JsProject(SourceTree tree, ExpressExtractor.Options options, List<Notice> notices) {
    this.tree = tree;
    this.options = options;
    this.notices = notices;
    for (SourceFile f : tree.files()) files.put(f.relative(), f);
  }

  List<Notice> notices() {
    return notices;
  }

  ExpressExtractor.Options options() {
    return options;
  }

  SourceTree tree() {
    return tree;
  }

  /** Every file of the scan, by relative path. */
  Map<String, SourceFile> files() {
    return files;
  }

  /** The parsed module of {@code file}; empty when it cannot be read or parsed (a notice says why). */
  Optional<JsModule> module(SourceFile file) {
    return module(file, null);
  }

  /** The module of {@code file} whose text the caller has already read (null: read it here). */
  Optional<JsModule> module(SourceFile file, String text) {
    Optional<JsModule> m = modules.get(file.relative());
    if (m != null) return m;
    modules.put(file.relative(), Optional.empty()); // guards against import cycles while parsing
    Optional<JsModule> parsed = parse(file, text);
    modules.put(file.relative(), parsed);
    return parsed;
  }

  /** The modules parsed so far. */
  List<JsModule> parsedModules() {
    List<JsModule> out = new ArrayList<>();
    for (Optional<JsModule> m : modules.values()) m.ifPresent(out::add);
    return out;
  }

  private Optional<JsModule> parse(SourceFile file, String known) {
    SourceSpan at = SourceSpan.file(file.relative());
    if (file.size() > options.maxParseBytes()) {
      notices.add(Notice.note("skipped for size: " + file.size() + " bytes is over the " + options.maxParseBytes()
          + "-byte limit for JavaScript files", at));
      return Optional.empty();
    }
    Optional<String> text = known != null ? Optional.of(known) : tree.read(file, notices);
    if (text.isEmpty()) return Optional.empty();
    int longest = longestLine(text.get());
    if (longest > options.maxLineLength()) {
      notices.add(Notice.note("skipped: looks minified (a line of " + longest + " characters); bundles are not analysed", at));
      return Optional.empty();
    }
    JsParser.Parsed p = JsParser.parse(file.relative(), text.get(), notices);
    if (p == null) return Optional.empty();
    return Optional.of(new JsModule(file, p.root(), p.dialect() == JsParser.Dialect.TYPESCRIPT));
  }

  static int longestLine(String text) {
    int longest = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        longest = Math.max(longest, i - start);
        start = i + 1;
      }
    }
    return longest;
  }

  /** Whether an import specifier names a file of the repository rather than a package. */
  static boolean isRelative(String spec) {
    return spec.startsWith("./") || spec.startsWith("../") || spec.equals(".") || spec.equals("..");
  }

  /** The module a relative import names, trying Node's and TypeScript's extensions and index files. */
  Optional<JsModule> resolve(JsModule from, String spec, SourceSpan at) {
    if (!isRelative(spec)) return Optional.empty();
    String dir = from.relative().contains("/") ? from.relative().substring(0, from.relative().lastIndexOf('/')) : "";
    String joined = normalize(dir.isEmpty() ? spec : dir + "/" + spec);
    if (joined == null) {
      notices.add(Notice.warning("'" + spec + "' is outside the scan root; not read", at));
      return Optional.empty();
    }
    // TypeScript sources import their compiled name ('./config.js' for config.ts).
    List<String> bases = new ArrayList<>(List.of(joined));
    if (joined.endsWith(".js")) bases.add(joined.substring(0, joined.length() - 3));
    for (String base : bases) {
      for (String ext : EXTENSIONS) {
        SourceFile f = files.get(base + ext);
        if (f != null) return module(f);
      }
      for (String idx : INDEXES) {
        SourceFile f = files.get(base + idx);
        if (f != null) return module(f);
      }
    }
    notices.add(Notice.note("import '" + spec + "' not found in the scan; its values are unknown", at));
    return Optional.empty();
  }

  /** Resolves '.' and '..' segments; null when the path leaves the root. */
  static String normalize(String path) {
    List<String> parts = new ArrayList<>();
    for (String seg : path.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) continue;
      if (seg.equals("..")) {
        if (parts.isEmpty()) return null;
        parts.remove(parts.size() - 1);
      } else {
        parts.add(seg);
      }
    }
    return String.join("/", parts);
  }
}
