package dev.corslint.ecosystems.spring;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Stereotypes, {@code @Profile} and {@code @Order} as Spring reads them. */
final class SpringAnnotations {

  /** Annotations that make a class a bean picked up by component scanning. */
  static final Set<String> STEREOTYPES = Set.of(
      "Component", "Configuration", "RestController", "Controller", "Service", "Repository", "SpringBootApplication",
      "EnableWebMvc", "EnableWebFlux", "EnableWebSecurity", "EnableWebFluxSecurity", "ControllerAdvice",
      "RestControllerAdvice", "WebFilter");

  private SpringAnnotations() {}

  static boolean has(NodeWithAnnotations<?> n, String simpleName) {
    return ValueEvaluator.annotation(n, simpleName).isPresent();
  }

  static boolean isStereotyped(TypeDeclaration<?> t) {
    return t.getAnnotations().stream().anyMatch(a -> STEREOTYPES.contains(ValueEvaluator.simpleName(a.getNameAsString())));
  }

  /**
   * Whether {@code node} is active for the given profiles: every {@code @Profile} on it and on its enclosing
   * classes must match.
   */
  static boolean active(Node node, Set<String> profiles, ValueEvaluator eval) {
    for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof BodyDeclaration<?> b) {
        NodeWithAnnotations<?> a = b;
        Optional<AnnotationExpr> p = ValueEvaluator.annotation(a, "Profile");
        if (p.isPresent() && !matches(p.get(), profiles, eval)) return false;
      }
    }
    return true;
  }

  /** The {@code @Profile} expressions on a node and its enclosing classes, for describing a scope. */
  static List<String> profileNames(Node node, ValueEvaluator eval) {
    List<String> out = new java.util.ArrayList<>();
    for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof NodeWithAnnotations<?> a) {
        ValueEvaluator.annotation(a, "Profile").flatMap(p -> ValueEvaluator.attribute(p, "value")).ifPresent(v -> {
          for (Entry e : eval.eval(v).items()) out.addAll(ConfigDocument.ProfileExpression.names(e.text()));
        });
      }
    }
    return out;
  }

  private static boolean matches(AnnotationExpr profile, Set<String> active, ValueEvaluator eval) {
    Optional<Expression> v = ValueEvaluator.attribute(profile, "value");
    if (v.isEmpty()) return true;
    Evaluated names = eval.eval(v.get());
    if (!names.complete()) return true;
    for (Entry e : names.items()) {
      if (ConfigDocument.ProfileExpression.matches(e.text(), active)) return true;
    }
    return false;
  }

  /** {@code @Order(n)} on the node or, for a bean method, on its class; lowest precedence otherwise. */
  static int order(NodeWithAnnotations<?> n, ValueEvaluator eval) {
    Optional<AnnotationExpr> o = ValueEvaluator.annotation(n, "Order");
    if (o.isEmpty()) return Integer.MAX_VALUE;
    Optional<Expression> v = ValueEvaluator.attribute(o.get(), "value");
    if (v.isEmpty()) return Integer.MAX_VALUE;
    return eval.number(v.get()).map(Long::intValue).orElse(Integer.MAX_VALUE);
  }
}
