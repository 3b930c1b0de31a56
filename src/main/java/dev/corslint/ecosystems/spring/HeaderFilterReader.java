package dev.corslint.ecosystems.spring;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.corslint.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Hand-written servlet filters ({@code Filter}, {@code OncePerRequestFilter}, {@code GenericFilterBean},
 * {@code HttpFilter}): the CORS headers they write and the request headers they read.
 */
final class HeaderFilterReader {

  private static final Set<String> FILTER_TYPES = Set.of("Filter", "OncePerRequestFilter", "GenericFilterBean", "HttpFilter");

  private final JavaSources sources;
  private final ValueEvaluator eval;

  HeaderFilterReader(JavaSources sources, ValueEvaluator eval) {
    this.sources = sources;
    this.eval = eval;
  }

  static boolean isFilterClass(TypeDeclaration<?> type) {
    if (!(type instanceof ClassOrInterfaceDeclaration c) || c.isInterface()) return false;
    for (ClassOrInterfaceType t : c.getImplementedTypes()) if (FILTER_TYPES.contains(t.getNameAsString())) return true;
    for (ClassOrInterfaceType t : c.getExtendedTypes()) if (FILTER_TYPES.contains(t.getNameAsString())) return true;
    return false;
  }

  /** A filter class as a layer, with the order and URL patterns it is registered with (null: its own). */
  Optional<SpringApp.HeaderFilter> read(TypeDeclaration<?> type, Integer order, List<PathPattern> urlPatterns) {
    Optional<MethodDeclaration> method = filterMethod(type);
    if (method.isEmpty()) return Optional.empty();
    HeaderCodeReader reader = new HeaderCodeReader(sources, eval);
    HeaderCode code = reader.read(method.get(), sources.lineSpan(type.getName()), "the filter " + type.getNameAsString());
    List<Usage> reads = new ArrayList<>();
    for (HeaderCodeReader.Usage u : reader.headerReads()) {
      if (!ControllerReader.fromScripts(u.name())) continue;
      reads.add(new Usage(Usage.Kind.REQUEST_HEADER, u.name(), u.span(), "the filter " + type.getNameAsString() + " reads " + u.name()));
    }
    int o = order != null ? order : ownOrder(type);
    List<PathPattern> patterns = urlPatterns != null && !urlPatterns.isEmpty() ? urlPatterns : ownPatterns(type);
    return Optional.of(new SpringApp.HeaderFilter(o, code, patterns, reads));
  }

  private static Optional<MethodDeclaration> filterMethod(TypeDeclaration<?> type) {
    for (String name : List.of("doFilterInternal", "doFilter")) {
      for (MethodDeclaration m : type.getMethodsByName(name)) {
        if (m.getParameters().size() == 3 && m.getBody().isPresent()) return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** {@code @Order} on the class, or {@code getOrder()} of {@code Ordered}. */
  private int ownOrder(TypeDeclaration<?> type) {
    int annotated = SpringAnnotations.order(type, eval);
    if (annotated != Integer.MAX_VALUE) return annotated;
    for (MethodDeclaration m : type.getMethodsByName("getOrder")) {
      if (m.getBody().isEmpty()) continue;
      List<ReturnStmt> r = m.getBody().get().findAll(ReturnStmt.class);
      if (r.size() == 1 && r.get(0).getExpression().isPresent()) {
        Optional<Long> n = eval.number(r.get(0).getExpression().get());
        if (n.isPresent()) return n.get().intValue();
      }
    }
    return Integer.MAX_VALUE;
  }

  /** {@code @WebFilter(urlPatterns = ...)}; every path otherwise. */
  private List<PathPattern> ownPatterns(TypeDeclaration<?> type) {
    Optional<AnnotationExpr> wf = ValueEvaluator.annotation(type, "WebFilter");
    if (wf.isEmpty()) return List.of();
    Optional<Expression> v = ValueEvaluator.attribute(wf.get(), "urlPatterns").or(() -> ValueEvaluator.attribute(wf.get(), "value"));
    List<PathPattern> out = new ArrayList<>();
    v.ifPresent(x -> eval.eval(x).items().forEach(e -> out.add(CorsObjectReader.servletPattern(e.text()))));
    return out;
  }
}
