package dev.corslint.ecosystems.spring;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import dev.corslint.model.Keywords;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceTree;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Java sources of one application. Files that mention CORS, security or request mappings are parsed up
 * front; the others are parsed only when a constant or a properties class is looked up in them, so that a
 * large repository costs one cheap text search per file.
 */
final class JavaSources {

  /** Words that make a file worth parsing: CORS, security, mappings, header writes, configuration binding. */
  static final Keywords PREFILTER = Keywords.of(
      "CrossOrigin", "CorsConfiguration", "addCorsMappings", "CorsRegistry", "SecurityFilterChain",
      "SecurityWebFilterChain", "HttpSecurity", "ServerHttpSecurity", "WebSecurityConfigurerAdapter",
      "Access-Control-", "ACCESS_CONTROL_", "globalcors", "management.endpoints.web.cors", "@RequestHeader",
      "getHeader(", "Mapping(", "CorsFilter", "CorsWebFilter", "FilterChain");

  /** The keywords that declare a type; "@interface" is found through "interface". */
  private static final List<String> TYPE_KEYWORDS = List.of("class", "interface", "enum", "record");

  private final JavaParser parser;
  private final SourceTree tree;
  private final List<Notice> notices;
  /** Every source of the application by path; texts are read when first needed. */
  private final Map<String, SourceFile> files = new LinkedHashMap<>();
  private final Map<String, Optional<String>> texts = new HashMap<>();
  /** Built on the first lookup that the file names do not answer: most scans never need it. */
  private Map<String, List<String>> filesByTypeName;
  private final Map<String, Optional<CompilationUnit>> parsed = new LinkedHashMap<>();
  private final Map<CompilationUnit, String> fileOf = new IdentityHashMap<>();
  private final List<String> relevant = new ArrayList<>();

  /** Reads every source once through the prefilter; only the files it passes are decoded and parsed up front. */
  JavaSources(List<SourceFile> sources, SourceTree tree, List<Notice> notices) {
    ParserConfiguration config = new ParserConfiguration()
        .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)
        .setAttributeComments(false);
    this.parser = new JavaParser(config);
    this.tree = tree;
    this.notices = notices;
    for (SourceFile f : sources) files.put(f.relative(), f);
    tree.textsContaining(sources, PREFILTER, notices).forEach((f, text) -> {
      texts.put(f.relative(), Optional.of(text));
      relevant.add(f.relative());
    });
  }

  private Optional<String> text(String file) {
    Optional<String> known = texts.get(file);
    if (known != null) return known;
    SourceFile f = files.get(file);
    // the first pass already gave the notices for an unreadable file
    Optional<String> text = f == null ? Optional.empty() : tree.read(f, new ArrayList<>());
    texts.put(file, text);
    return text;
  }

  /** The files that may declare a type of this simple name: by Java's file naming first, else by a text search. */
  private List<String> filesDeclaring(String simple, boolean byNameOnly) {
    if (byNameOnly) {
      List<String> out = new ArrayList<>();
      for (String f : files.keySet()) if (f.endsWith("/" + simple + ".java") || f.equals(simple + ".java")) out.add(f);
      return out;
    }
    if (filesByTypeName == null) {
      filesByTypeName = new HashMap<>();
      for (String f : files.keySet()) {
        for (String name : declaredTypeNames(text(f).orElse(""))) {
          filesByTypeName.computeIfAbsent(name, k -> new ArrayList<>()).add(f);
        }
      }
    }
    return filesByTypeName.getOrDefault(simple, List.of());
  }

  /**
   * The names after a type keyword ({@code class Foo}, {@code @interface Bar}) anywhere in the text, comments and
   * strings included: a candidate list that parsing confirms. Searched with indexOf, which is many times faster
   * than a regular expression that starts with an alternation.
   */
  static Set<String> declaredTypeNames(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (String keyword : TYPE_KEYWORDS) {
      for (int at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
        if (at > 0 && isIdentifierChar(text.charAt(at - 1))) continue;
        int i = at + keyword.length();
        int spaces = i;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        if (i == spaces || i >= text.length()) continue;
        int start = i;
        if (!isIdentifierStart(text.charAt(i))) continue;
        while (i < text.length() && isIdentifierChar(text.charAt(i))) i++;
        out.add(text.substring(start, i));
      }
    }
    return out;
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$';
  }

  private static boolean isIdentifierChar(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }

  /** The parsed files that passed the prefilter, in path order. */
  List<CompilationUnit> relevantUnits() {
    List<CompilationUnit> out = new ArrayList<>();
    for (String f : relevant) unit(f).ifPresent(out::add);
    return out;
  }

  Optional<CompilationUnit> unit(String file) {
    Optional<CompilationUnit> cached = parsed.get(file);
    if (cached != null) return cached;
    Optional<CompilationUnit> result = files.containsKey(file) ? text(file).flatMap(t -> parse(file, t)) : Optional.empty();
    parsed.put(file, result);
    result.ifPresent(cu -> fileOf.put(cu, file));
    return result;
  }

  private Optional<CompilationUnit> parse(String file, String text) {
    try {
      ParseResult<CompilationUnit> r = parser.parse(text);
      if (!r.isSuccessful()) {
        Problem p = r.getProblems().isEmpty() ? null : r.getProblems().get(0);
        int line = p == null ? 1 : p.getLocation().flatMap(l -> l.getBegin().getRange()).map(rg -> rg.begin.line).orElse(1);
        String what = p == null ? "syntax error" : firstLine(p.getMessage());
        notices.add(Notice.warning(
            "cannot parse Java: " + what + (r.getResult().isPresent() ? "; the readable parts were analysed" : "; the file was not analysed"),
            SourceSpan.at(file, line, 1)));
      }
      return r.getResult();
    } catch (RuntimeException | StackOverflowError e) {
      notices.add(Notice.warning("cannot parse Java (" + e.getClass().getSimpleName() + "); the file was not analysed",
          SourceSpan.file(file)));
      return Optional.empty();
    }
  }

  /** The file a node was parsed from. */
  String fileOf(Node node) {
    return node.findCompilationUnit().map(fileOf::get).orElse("?");
  }

  /** The span of a node, columns 1-based with an exclusive end. */
  SourceSpan span(Node node) {
    String file = fileOf(node);
    Optional<Range> r = node.getRange();
    if (r.isEmpty()) return SourceSpan.file(file);
    Range range = r.get();
    return new SourceSpan(file, range.begin.line, range.begin.column, range.end.line, range.end.column + 1);
  }

  /** The first line of a node only: where a finding about a multi-line call should point. */
  SourceSpan lineSpan(Node node) {
    SourceSpan s = span(node);
    if (s.endLine() == s.line()) return s;
    String text = text(s.file()).orElse("");
    String[] lines = text.split("\n", -1);
    int end = s.line() - 1 < lines.length ? lines[s.line() - 1].stripTrailing().length() + 1 : s.column();
    return new SourceSpan(s.file(), s.line(), s.column(), s.line(), Math.max(s.column(), end));
  }

  /**
   * The span of one call in a fluent chain, from its method name to its closing parenthesis when that is on the
   * same line: {@code .allowedOrigins("https://a")} on its own line, not the start of the chain.
   */
  SourceSpan callSpan(com.github.javaparser.ast.expr.MethodCallExpr call) {
    SourceSpan whole = span(call);
    SourceSpan name = span(call.getName());
    if (whole.endLine() == name.line()) {
      return new SourceSpan(name.file(), name.line(), name.column(), name.line(), whole.endColumn());
    }
    SourceSpan line = lineSpan(call.getName());
    return new SourceSpan(name.file(), name.line(), name.column(), name.line(), Math.max(name.column(), line.endColumn()));
  }

  /**
   * A type by simple or qualified name, as seen from {@code from}: nested types of the same file first, then the
   * file's imports and package, then any type of that simple name in the application.
   */
  Optional<TypeDeclaration<?>> type(String name, Node from) {
    String simple = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
    Optional<CompilationUnit> cu = from == null ? Optional.empty() : from.findCompilationUnit();
    if (cu.isPresent()) {
      for (TypeDeclaration<?> t : cu.get().findAll(TypeDeclaration.class)) {
        if (t.getNameAsString().equals(simple)) return Optional.of(t);
      }
    }
    String wantedPackage = null;
    if (name.contains(".")) wantedPackage = name.substring(0, name.lastIndexOf('.'));
    else if (cu.isPresent()) {
      for (ImportDeclaration imp : cu.get().getImports()) {
        if (!imp.isStatic() && !imp.isAsterisk() && imp.getNameAsString().endsWith("." + simple)) {
          wantedPackage = imp.getNameAsString().substring(0, imp.getNameAsString().length() - simple.length() - 1);
        }
      }
    }
    TypeDeclaration<?>[] fallback = {null};
    Optional<TypeDeclaration<?>> byFileName = typeIn(filesDeclaring(simple, true), name, simple, wantedPackage, fallback);
    if (byFileName.isPresent()) return byFileName;
    Optional<TypeDeclaration<?>> anywhere = typeIn(filesDeclaring(simple, false), name, simple, wantedPackage, fallback);
    return anywhere.isPresent() ? anywhere : Optional.ofNullable(fallback[0]);
  }

  private Optional<TypeDeclaration<?>> typeIn(List<String> candidates, String name, String simple, String wantedPackage,
      TypeDeclaration<?>[] fallback) {
    for (String f : candidates) {
      Optional<CompilationUnit> other = unit(f);
      if (other.isEmpty()) continue;
      for (TypeDeclaration<?> t : other.get().findAll(TypeDeclaration.class)) {
        if (!t.getNameAsString().equals(simple)) continue;
        String pkg = other.get().getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        if (wantedPackage == null || wantedPackage.equals(pkg) || wantedPackage.endsWith("." + simple)
            || t.getFullyQualifiedName().map(q -> q.equals(name)).orElse(false)) {
          return Optional.of(t);
        }
        if (fallback[0] == null) fallback[0] = t;
      }
    }
    return Optional.empty();
  }

  private static String firstLine(String s) {
    if (s == null) return "syntax error";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
