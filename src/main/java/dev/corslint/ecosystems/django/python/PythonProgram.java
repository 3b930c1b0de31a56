package dev.corslint.ecosystems.django.python;

import dev.corslint.model.Keywords;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.SourceTree;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Python files of the scan, parsed on first use: entry points and whatever module they import. Imports are
 * resolved the way the interpreter would find them on a source root inside the scan; nothing outside the
 * {@link SourceTree} is read.
 */
public final class PythonProgram implements Evaluator.Imports {

  private final SourceTree tree;
  private final List<Notice> notices;
  private final Map<String, SourceFile> files = new LinkedHashMap<>();
  private final Map<String, Optional<PythonModule>> parsed = new HashMap<>();
  /** Files by the last part of the dotted name that can import them (a package's {@code __init__.py} by its folder), in scan order. */
  private final Map<String, List<String>> byModuleName = new HashMap<>();

  public PythonProgram(SourceTree tree, List<Notice> notices) {
    this.tree = tree;
    this.notices = notices;
    for (SourceFile f : tree.files()) {
      if (f.relative().endsWith(".py") && !isThirdParty(f.relative())) files.put(f.relative(), f);
    }
    for (String p : files.keySet()) {
      String[] parts = p.split("/");
      String stem = parts[parts.length - 1].substring(0, parts[parts.length - 1].length() - ".py".length());
      index(stem, p);
      if (stem.equals("__init__") && parts.length > 1) index(parts[parts.length - 2], p);
    }
  }

  private void index(String name, String path) {
    List<String> bucket = byModuleName.computeIfAbsent(name, k -> new ArrayList<>());
    if (bucket.isEmpty() || !bucket.get(bucket.size() - 1).equals(path)) bucket.add(path);
  }

  /** Virtual environments and vendored packages are libraries, not the project. */
  public static boolean isThirdParty(String relative) {
    String p = "/" + relative;
    return p.contains("/site-packages/") || p.contains("/dist-packages/") || p.contains("/node_modules/")
        || p.contains("/.venv/") || p.contains("/venv/") || p.contains("/.tox/") || p.contains("/.nox/")
        || p.contains("/__pycache__/") || p.contains("/.git/");
  }

  public Collection<String> paths() {
    return files.keySet();
  }

  /** The parsed module at {@code relative}, or empty when it is not a readable Python file of the scan. */
  public Optional<PythonModule> module(String relative) {
    Optional<PythonModule> cached = parsed.get(relative);
    if (cached != null) return cached;
    SourceFile f = files.get(relative);
    Optional<PythonModule> result = Optional.empty();
    if (f != null) {
      Optional<String> text = tree.read(f, notices);
      if (text.isPresent()) result = Optional.of(parse(relative, text.get()));
    }
    parsed.put(relative, result);
    return result;
  }

  /** The text of {@code relative} without parsing it, for cheap checks before a parse. */
  public Optional<String> text(String relative) {
    Optional<PythonModule> cached = parsed.get(relative);
    if (cached != null) return cached.map(PythonModule::source);
    SourceFile f = files.get(relative);
    return f == null ? Optional.empty() : tree.read(f, notices);
  }

  /**
   * The texts of those of {@code relatives} that contain one of {@code words}, in that order: files already
   * parsed are tested on their text, the others read (on several threads where the tree can) and tested on
   * their bytes.
   */
  public Map<String, String> textsContaining(List<String> relatives, Keywords words) {
    List<SourceFile> unread = new ArrayList<>();
    for (String r : relatives) {
      if (parsed.get(r) == null && files.containsKey(r)) unread.add(files.get(r));
    }
    Map<String, String> read = new HashMap<>();
    tree.textsContaining(unread, words, notices).forEach((f, t) -> read.put(f.relative(), t));
    Map<String, String> out = new LinkedHashMap<>();
    for (String r : relatives) {
      Optional<PythonModule> cached = parsed.get(r);
      if (cached != null) cached.map(PythonModule::source).filter(words::foundIn).ifPresent(t -> out.put(r, t));
      else if (read.containsKey(r)) out.put(r, read.get(r));
    }
    return out;
  }

  /** Parses already-read text and remembers it under {@code relative}. */
  public PythonModule parse(String relative, String text) {
    Optional<PythonModule> cached = parsed.get(relative);
    if (cached != null && cached.isPresent()) return cached.get();
    PythonModule m = PythonModule.parse(relative, text);
    if (m.firstErrorLine() > 0) {
      notices.add(Notice.warning("Python syntax error; statements that could not be read are skipped",
          SourceSpan.at(relative, m.firstErrorLine(), 1)));
    }
    if (m.truncated()) {
      notices.add(Notice.warning("nesting deeper than " + PythonModule.MAX_DEPTH + " levels is not read", SourceSpan.file(relative)));
    }
    parsed.put(relative, Optional.of(m));
    return m;
  }

  @Override
  public Optional<PythonModule> find(PythonModule from, int level, String dotted) {
    String rel = dotted.isEmpty() ? "" : dotted.replace('.', '/');
    if (level > 0) {
      String dir = parent(from.path());
      for (int i = 1; i < level && dir != null; i++) dir = parent(dir);
      if (dir == null) return Optional.empty();
      String base = dir.isEmpty() ? rel : rel.isEmpty() ? dir : dir + "/" + rel;
      return candidate(base);
    }
    if (rel.isEmpty()) return Optional.empty();
    // Absolute: the module under the source root nearest to the importing file.
    List<String> matches = new ArrayList<>();
    // Only files named like the last part can match: the index keeps this linear in the imports, not in the tree.
    for (String p : byModuleName.getOrDefault(rel.substring(rel.lastIndexOf('/') + 1), List.of())) {
      if (p.equals(rel + ".py") || p.endsWith("/" + rel + ".py") || p.equals(rel + "/__init__.py")
          || p.endsWith("/" + rel + "/__init__.py")) {
        matches.add(p);
      }
    }
    String best = null;
    int bestShared = -1;
    for (String p : matches) {
      int shared = sharedPrefix(p, from.path());
      if (shared > bestShared) {
        bestShared = shared;
        best = p;
      }
    }
    return best == null ? Optional.empty() : module(best);
  }

  private Optional<PythonModule> candidate(String base) {
    if (base.isEmpty()) return module("__init__.py");
    if (files.containsKey(base + ".py")) return module(base + ".py");
    if (files.containsKey(base + "/__init__.py")) return module(base + "/__init__.py");
    return Optional.empty();
  }

  private static String parent(String path) {
    if (path.isEmpty()) return null;
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static int sharedPrefix(String a, String b) {
    int n = 0;
    String[] x = a.split("/");
    String[] y = b.split("/");
    while (n < x.length && n < y.length && x[n].equals(y[n])) n++;
    return n;
  }
}
