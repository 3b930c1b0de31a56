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
import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java sources of one application. Files that mention CORS, security or request mappings are parsed up
 * front; the others are parsed only when a constant or a properties class is looked up in them, so that a
 * large repository costs one cheap text search per file.
 */
final class JavaSources {

  /** Words that make a file worth parsing: CORS, security, mappings, header writes, configuration binding. */
  static final List<String> PREFILTER = List.of(
      "CrossOrigin", "CorsConfiguration", "addCorsMappings", "CorsRegistry", "SecurityFilterChain",
      "SecurityWebFilterChain", "HttpSecurity", "ServerHttpSecurity", "WebSecurityConfigurerAdapter",
      "Access-Control-", "ACCESS_CONTROL_", "globalcors", "management.endpoints.web.cors", "@RequestHeader",
      "getHeader(", "Mapping(", "CorsFilter", "CorsWebFilter", "FilterChain");

  private static final Pattern TYPE_DECLARATION =
      Pattern.compile("\\b(?:class|interface|enum|record|@interface)\\s+([A-Za-z_$][A-Za-z0-9_$]*)");

  /** A source file: its path relative to the scan root and its text. */
  record SourceText(String file, String text) {}

  private final JavaParser parser;
  private final List<Notice> notices;
  private final Map<String, SourceText> byFile = new LinkedHashMap<>();
  private final Map<String, List<String>> filesByTypeName = new LinkedHashMap<>();
  private final Map<String, Optional<CompilationUnit>> parsed = new LinkedHashMap<>();
  private final Map<CompilationUnit, String> fileOf = new IdentityHashMap<>();
  private final List<String> relevant = new ArrayList<>();

  JavaSources(List<SourceText> sources, List<Notice> notices) {
    ParserConfiguration config = new ParserConfiguration()
        .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)
        .setAttributeComments(false);
    this.parser = new JavaParser(config);
    this.notices = notices;
    for (SourceText s : sources) {
      byFile.put(s.file(), s);
      Matcher m = TYPE_DECLARATION.matcher(s.text());
      while (m.find()) filesByTypeName.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(s.file());
      if (PREFILTER.stream().anyMatch(s.text()::contains)) relevant.add(s.file());
    }
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
    Optional<CompilationUnit> result = parse(byFile.get(file));
    parsed.put(file, result);
    result.ifPresent(cu -> fileOf.put(cu, file));
    return result;
  }

  private Optional<CompilationUnit> parse(SourceText s) {
    if (s == null) return Optional.empty();
    try {
      ParseResult<CompilationUnit> r = parser.parse(s.text());
      if (!r.isSuccessful()) {
        Problem p = r.getProblems().isEmpty() ? null : r.getProblems().get(0);
        int line = p == null ? 1 : p.getLocation().flatMap(l -> l.getBegin().getRange()).map(rg -> rg.begin.line).orElse(1);
        String what = p == null ? "syntax error" : firstLine(p.getMessage());
        notices.add(Notice.warning(
            "cannot parse Java: " + what + (r.getResult().isPresent() ? "; the readable parts were analysed" : "; the file was not analysed"),
            SourceSpan.at(s.file(), line, 1)));
      }
      return r.getResult();
    } catch (RuntimeException | StackOverflowError e) {
      notices.add(Notice.warning("cannot parse Java (" + e.getClass().getSimpleName() + "); the file was not analysed",
          SourceSpan.file(s.file())));
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
    String text = byFile.containsKey(s.file()) ? byFile.get(s.file()).text() : "";
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
    List<String> files = filesByTypeName.getOrDefault(simple, List.of());
    String wantedPackage = null;
    if (name.contains(".")) wantedPackage = name.substring(0, name.lastIndexOf('.'));
    else if (cu.isPresent()) {
      for (ImportDeclaration imp : cu.get().getImports()) {
        if (!imp.isStatic() && !imp.isAsterisk() && imp.getNameAsString().endsWith("." + simple)) {
          wantedPackage = imp.getNameAsString().substring(0, imp.getNameAsString().length() - simple.length() - 1);
        }
      }
    }
    TypeDeclaration<?> fallback = null;
    for (String f : files) {
      Optional<CompilationUnit> other = unit(f);
      if (other.isEmpty()) continue;
      for (TypeDeclaration<?> t : other.get().findAll(TypeDeclaration.class)) {
        if (!t.getNameAsString().equals(simple)) continue;
        String pkg = other.get().getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        if (wantedPackage == null || wantedPackage.equals(pkg) || wantedPackage.endsWith("." + simple)
            || t.getFullyQualifiedName().map(q -> q.equals(name)).orElse(false)) {
          return Optional.of(t);
        }
        if (fallback == null) fallback = t;
      }
    }
    return Optional.ofNullable(fallback);
  }

  private static String firstLine(String s) {
    if (s == null) return "syntax error";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
