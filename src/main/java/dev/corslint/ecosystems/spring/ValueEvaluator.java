package dev.corslint.ecosystems.spring;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.Type;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates Java expressions statically as far as CORS settings need: literals, concatenation, arrays and
 * collection factories, constants of the application's own classes (also through static imports and
 * inheritance), local variables, {@code @Value} placeholders, {@code @ConfigurationProperties} getters,
 * {@code Environment.getProperty}, durations and the HTTP constants of Spring and the Servlet API. Anything
 * else is unknown with a reason, never a guess.
 */
final class ValueEvaluator {

  private static final int MAX_DEPTH = 40;

  private final JavaSources sources;
  private final SpringProperties props;
  private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();
  private int depth;

  ValueEvaluator(JavaSources sources, SpringProperties props) {
    this.sources = sources;
    this.props = props;
  }

  SpringProperties properties() {
    return props;
  }

  /** Several arguments (varargs), each possibly an array or list, as one list. */
  Evaluated evalAll(List<Expression> args) {
    Evaluated out = Evaluated.none();
    for (Expression a : args) out = out.plus(eval(a));
    return out;
  }

  Optional<Boolean> bool(Expression e) {
    return eval(e).text().map(String::strip).filter(t -> t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false"))
        .map(Boolean::parseBoolean);
  }

  Optional<Long> number(Expression e) {
    return eval(e).text().flatMap(ValueEvaluator::parseLong);
  }

  Evaluated eval(Expression e) {
    if (e == null) return Evaluated.none();
    if (depth > MAX_DEPTH || inProgress.containsKey(e)) {
      return Evaluated.unknown("the value refers to itself or nests too deeply", sources.span(e));
    }
    depth++;
    inProgress.put(e, Boolean.TRUE);
    try {
      return evalInner(e);
    } catch (RuntimeException | StackOverflowError ex) {
      return Evaluated.unknown("cannot evaluate " + abbreviate(e), sources.span(e));
    } finally {
      inProgress.remove(e);
      depth--;
    }
  }

  private Evaluated evalInner(Expression e) {
    SourceSpan at = sources.span(e);
    if (e instanceof StringLiteralExpr s) return Evaluated.of(new Entry(s.asString(), at));
    if (e instanceof TextBlockLiteralExpr t) return Evaluated.of(new Entry(t.asString(), at));
    if (e instanceof CharLiteralExpr c) return Evaluated.of(new Entry(c.asChar() + "", at));
    if (e instanceof BooleanLiteralExpr b) return Evaluated.of(new Entry(String.valueOf(b.getValue()), at));
    if (e instanceof IntegerLiteralExpr i) return Evaluated.of(new Entry(String.valueOf(i.asNumber()), at));
    if (e instanceof LongLiteralExpr l) return Evaluated.of(new Entry(String.valueOf(l.asNumber()), at));
    if (e instanceof NullLiteralExpr) return Evaluated.none();
    if (e instanceof EnclosedExpr en) return eval(en.getInner());
    if (e instanceof CastExpr c) return eval(c.getExpression());
    if (e instanceof ArrayInitializerExpr a) return evalAll(a.getValues());
    if (e instanceof ArrayCreationExpr a) {
      return a.getInitializer().map(this::eval).orElse(Evaluated.unknown("an array filled at run time", at));
    }
    if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS) {
      return eval(u.getExpression()).map(t -> parseLong(t).map(n -> String.valueOf(-n)).orElse(t));
    }
    if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
      return eval(u.getExpression()).map(t -> t.equals("true") ? "false" : t.equals("false") ? "true" : t);
    }
    if (e instanceof ConditionalExpr c) {
      Optional<Boolean> cond = bool(c.getCondition());
      if (cond.isPresent()) return eval(cond.get() ? c.getThenExpr() : c.getElseExpr());
      return Evaluated.unknown("the value depends on the condition " + abbreviate(c.getCondition()), at);
    }
    if (e instanceof BinaryExpr b) return binary(b, at);
    if (e instanceof NameExpr n) return name(n.getNameAsString(), n);
    if (e instanceof FieldAccessExpr f) return fieldAccess(f, at);
    if (e instanceof MethodCallExpr m) return call(m, at);
    if (e instanceof ObjectCreationExpr o) return creation(o, at);
    if (e instanceof LambdaExpr || e instanceof MethodReferenceExpr) {
      return Evaluated.unknown("a function is evaluated at run time", at);
    }
    return Evaluated.unknown("the value of " + abbreviate(e) + " is computed at run time", at);
  }

  // ---- operators ----

  private Evaluated binary(BinaryExpr b, SourceSpan at) {
    Evaluated l = eval(b.getLeft());
    Evaluated r = eval(b.getRight());
    if (!l.complete()) return l;
    if (!r.complete()) return r;
    if (l.items().size() != 1 || r.items().size() != 1) {
      return Evaluated.unknown("cannot combine lists in " + abbreviate(b), at);
    }
    Entry a = l.items().get(0);
    Entry c = r.items().get(0);
    Optional<Long> x = parseLong(a.text());
    Optional<Long> y = parseLong(c.text());
    boolean numeric = x.isPresent() && y.isPresent() && !isStringish(b.getLeft()) && !isStringish(b.getRight());
    switch (b.getOperator()) {
      case PLUS:
        if (numeric) return Evaluated.of(new Entry(String.valueOf(x.get() + y.get()), at));
        return Evaluated.of(new Entry(a.text() + c.text(), at));
      case MINUS:
        if (numeric) return Evaluated.of(new Entry(String.valueOf(x.get() - y.get()), at));
        break;
      case MULTIPLY:
        if (numeric) return Evaluated.of(new Entry(String.valueOf(x.get() * y.get()), at));
        break;
      case DIVIDE:
        if (numeric && y.get() != 0) return Evaluated.of(new Entry(String.valueOf(x.get() / y.get()), at));
        break;
      case EQUALS:
        return Evaluated.of(new Entry(String.valueOf(a.text().equals(c.text())), at));
      case NOT_EQUALS:
        return Evaluated.of(new Entry(String.valueOf(!a.text().equals(c.text())), at));
      default:
        break;
    }
    return Evaluated.unknown("the value of " + abbreviate(b) + " is computed at run time", at);
  }

  private boolean isStringish(Expression e) {
    if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) return true;
    if (e instanceof EnclosedExpr en) return isStringish(en.getInner());
    if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
      return isStringish(b.getLeft()) || isStringish(b.getRight());
    }
    if (e instanceof NameExpr n) {
      return declaredType(n.getNameAsString(), n).map(t -> t.equals("String")).orElse(false);
    }
    return false;
  }

  // ---- names ----

  /** Resolves a simple name: locals and parameters, then fields of the enclosing types, then static imports. */
  private Evaluated name(String name, Node at) {
    Node child = at;
    for (Node n = at.getParentNode().orElse(null); n != null; child = n, n = n.getParentNode().orElse(null)) {
      if (n instanceof BlockStmt block) {
        Optional<Evaluated> local = localInBlock(name, block, child);
        if (local.isPresent()) return local.get();
      } else if (n instanceof ForEachStmt fe && fe.getVariable().getVariables().stream().anyMatch(v -> v.getNameAsString().equals(name))
          && child != fe.getIterable()) {
        return eval(fe.getIterable());
      } else if (n instanceof LambdaExpr l && l.getParameters().stream().anyMatch(p -> p.getNameAsString().equals(name))) {
        return Evaluated.unknown("the lambda parameter '" + name + "' is supplied at run time", sources.span(at));
      } else if (n instanceof CallableDeclaration<?> c) {
        for (Parameter p : c.getParameters()) {
          if (p.getNameAsString().equals(name)) return parameter(p, at);
        }
      } else if (n instanceof TypeDeclaration<?> t) {
        Optional<Evaluated> f = field(t, name, at);
        if (f.isPresent()) return f.get();
      }
    }
    Optional<Evaluated> imported = staticImport(name, at);
    return imported.orElseGet(() -> Evaluated.unknown("'" + name + "' is not defined in the scanned sources", sources.span(at)));
  }

  private Optional<Evaluated> localInBlock(String name, BlockStmt block, Node child) {
    NodeList<Statement> stmts = block.getStatements();
    int limit = stmts.indexOf(child);
    if (limit < 0) limit = stmts.size();
    Expression value = null;
    boolean declared = false;
    List<Expression> additions = new ArrayList<>();
    for (int i = 0; i < limit; i++) {
      Statement s = stmts.get(i);
      if (!(s instanceof ExpressionStmt es)) continue;
      Expression x = es.getExpression();
      if (x instanceof VariableDeclarationExpr vde) {
        for (VariableDeclarator v : vde.getVariables()) {
          if (v.getNameAsString().equals(name)) {
            declared = true;
            value = v.getInitializer().orElse(null);
            additions.clear();
          }
        }
      } else if (x instanceof AssignExpr as && as.getTarget() instanceof NameExpr t && t.getNameAsString().equals(name)) {
        if (as.getOperator() == AssignExpr.Operator.ASSIGN) {
          value = as.getValue();
          additions.clear();
        } else {
          return Optional.of(Evaluated.unknown("'" + name + "' is changed with " + as.getOperator().asString(), sources.span(as)));
        }
      } else if (declared && x instanceof MethodCallExpr mc && mc.getScope().filter(sc -> sc instanceof NameExpr ne && ne.getNameAsString().equals(name)).isPresent()
          && (mc.getNameAsString().equals("add") || mc.getNameAsString().equals("addAll")) && mc.getArguments().size() == 1) {
        additions.add(mc.getArgument(0));
      }
    }
    if (!declared) return Optional.empty();
    Evaluated base = value == null ? Evaluated.none() : eval(value);
    for (Expression add : additions) base = base.plus(eval(add));
    return Optional.of(base);
  }

  private Evaluated parameter(Parameter p, Node at) {
    Optional<AnnotationExpr> value = annotation(p, "Value");
    if (value.isPresent()) return valueAnnotation(value.get(), p.getType());
    Optional<Evaluated> bound = binding(p.getType(), p);
    return bound.orElseGet(() -> Evaluated.unknown("the parameter '" + p.getNameAsString() + "' is supplied at run time", sources.span(at)));
  }

  /** {@code @Value("${...}")} on a field or parameter of the given type. */
  Evaluated valueAnnotation(AnnotationExpr a, Type type) {
    Optional<Expression> v = attribute(a, "value");
    if (v.isEmpty()) return Evaluated.unknown("@Value without a value", sources.span(a));
    Evaluated raw = eval(v.get());
    if (!raw.complete() || raw.items().size() != 1) return raw;
    Entry literal = raw.items().get(0);
    boolean list = type.isArrayType() || type.asString().matches("(?:java\\.util\\.)?(?:List|Set|Collection)<.*");
    return Placeholders.resolve(literal.text(), literal.span(), props, list);
  }

  private Optional<Evaluated> field(TypeDeclaration<?> type, String name, Node at) {
    for (BodyDeclaration<?> member : type.getMembers()) {
      if (!(member instanceof FieldDeclaration fd)) continue;
      for (VariableDeclarator v : fd.getVariables()) {
        if (!v.getNameAsString().equals(name)) continue;
        return Optional.of(fieldValue(type, fd, v));
      }
    }
    if (type instanceof RecordDeclaration r) {
      for (Parameter p : r.getParameters()) {
        if (p.getNameAsString().equals(name)) return Optional.of(parameter(p, at));
      }
    }
    if (type instanceof ClassOrInterfaceDeclaration c) {
      for (var parent : c.getExtendedTypes()) {
        Optional<TypeDeclaration<?>> sup = sources.type(parent.getNameAsString(), c);
        if (sup.isPresent() && sup.get() != type) {
          Optional<Evaluated> f = field(sup.get(), name, at);
          if (f.isPresent()) return f;
        }
      }
      for (var parent : c.getImplementedTypes()) {
        Optional<TypeDeclaration<?>> sup = sources.type(parent.getNameAsString(), c);
        if (sup.isPresent() && sup.get() != type) {
          Optional<Evaluated> f = field(sup.get(), name, at);
          if (f.isPresent()) return f;
        }
      }
    }
    return Optional.empty();
  }

  private Evaluated fieldValue(TypeDeclaration<?> type, FieldDeclaration fd, VariableDeclarator v) {
    Optional<AnnotationExpr> value = annotation(fd, "Value");
    if (value.isPresent()) return valueAnnotation(value.get(), v.getType());
    if (v.getInitializer().isPresent()) return eval(v.getInitializer().get());
    Optional<Evaluated> bound = binding(v.getType(), fd);
    if (bound.isPresent()) return bound.get();
    // constructor injection: this.name = parameter
    for (ConstructorDeclaration c : type.getConstructors()) {
      for (AssignExpr as : c.findAll(AssignExpr.class)) {
        Expression target = as.getTarget();
        boolean same = (target instanceof FieldAccessExpr fa && fa.getScope() instanceof ThisExpr && fa.getNameAsString().equals(v.getNameAsString()))
            || (target instanceof NameExpr ne && ne.getNameAsString().equals(v.getNameAsString()));
        if (same && as.getOperator() == AssignExpr.Operator.ASSIGN) return eval(as.getValue());
      }
    }
    return Evaluated.unknown("the field '" + v.getNameAsString() + "' is set at run time", sources.span(v));
  }

  private Optional<Evaluated> staticImport(String name, Node at) {
    Optional<CompilationUnit> cu = at.findCompilationUnit();
    if (cu.isEmpty()) return Optional.empty();
    for (ImportDeclaration imp : cu.get().getImports()) {
      if (!imp.isStatic()) continue;
      String full = imp.getNameAsString();
      String typeName;
      if (imp.isAsterisk()) typeName = full;
      else if (full.endsWith("." + name)) typeName = full.substring(0, full.length() - name.length() - 1);
      else continue;
      Optional<TypeDeclaration<?>> t = sources.type(typeName, at);
      if (t.isPresent()) {
        Optional<Evaluated> f = field(t.get(), name, at);
        if (f.isPresent()) return f;
      }
      Optional<String> known = SpringConstants.value(simpleName(typeName), name);
      if (known.isPresent()) return Optional.of(Evaluated.of(new Entry(known.get(), sources.span(at))));
    }
    return Optional.empty();
  }

  /** The declared type of a local, parameter or field named {@code name}, as written. */
  Optional<String> declaredType(String name, Node at) {
    for (Node n = at.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof BlockStmt block) {
        for (VariableDeclarationExpr vde : block.findAll(VariableDeclarationExpr.class)) {
          for (VariableDeclarator v : vde.getVariables()) {
            if (v.getNameAsString().equals(name)) return Optional.of(v.getType().asString());
          }
        }
      } else if (n instanceof CallableDeclaration<?> c) {
        for (Parameter p : c.getParameters()) if (p.getNameAsString().equals(name)) return Optional.of(p.getType().asString());
      } else if (n instanceof LambdaExpr l) {
        for (Parameter p : l.getParameters()) if (p.getNameAsString().equals(name)) return Optional.of(p.getType().asString());
      } else if (n instanceof TypeDeclaration<?> t) {
        for (FieldDeclaration fd : t.getFields()) {
          for (VariableDeclarator v : fd.getVariables()) if (v.getNameAsString().equals(name)) return Optional.of(v.getType().asString());
        }
      }
    }
    return Optional.empty();
  }

  // ---- qualified names ----

  private Evaluated fieldAccess(FieldAccessExpr f, SourceSpan at) {
    String name = f.getNameAsString();
    Expression scope = f.getScope();
    if (scope instanceof ThisExpr) {
      Optional<TypeDeclaration<?>> t = f.findAncestor(TypeDeclaration.class).map(x -> (TypeDeclaration<?>) x);
      if (t.isPresent()) return field(t.get(), name, f).orElse(Evaluated.unknown("this." + name + " is not declared", at));
    }
    String qualifier = scope.toString();
    String simpleType = simpleName(qualifier);
    if (Character.isUpperCase(simpleType.isEmpty() ? 'a' : simpleType.charAt(0))) {
      Optional<TypeDeclaration<?>> t = sources.type(qualifier, f);
      if (t.isPresent()) {
        Optional<Evaluated> v = field(t.get(), name, f);
        if (v.isPresent()) return v.get();
        if (t.get().isEnumDeclaration()) return Evaluated.of(new Entry(name, at));
      }
      Optional<String> known = SpringConstants.value(simpleType, name);
      if (known.isPresent()) return Evaluated.of(new Entry(known.get(), at));
      return Evaluated.unknown(qualifier + "." + name + " is not defined in the scanned sources", at);
    }
    Evaluated s = eval(scope);
    if (s.binding() != null) return bindingProperty(s.binding(), name, at);
    return Evaluated.unknown("the value of " + abbreviate(f) + " is computed at run time", at);
  }

  // ---- calls ----

  private Evaluated call(MethodCallExpr m, SourceSpan at) {
    String name = m.getNameAsString();
    Optional<Expression> scope = m.getScope();
    String scopeText = scope.map(Object::toString).orElse("");
    List<Expression> args = m.getArguments();
    String scopeType = simpleName(scopeText);
    switch (scopeType) {
      case "List", "Set", "Arrays", "Collections", "Stream", "ImmutableList", "ImmutableSet", "Lists", "Sets":
        if (Set.of("of", "asList", "singletonList", "singleton", "copyOf", "newArrayList", "newHashSet", "unmodifiableList",
            "unmodifiableSet", "stream").contains(name)) {
          return evalAll(args);
        }
        if (name.equals("emptyList") || name.equals("emptySet") || name.equals("empty")) return Evaluated.none();
        break;
      case "String":
        if (name.equals("join") && args.size() >= 2) {
          Optional<String> sep = eval(args.get(0)).text();
          Evaluated parts = evalAll(args.subList(1, args.size()));
          if (sep.isPresent() && parts.complete() && !parts.items().isEmpty()) {
            String joined = String.join(sep.get(), parts.items().stream().map(Entry::text).toList());
            return Evaluated.of(new Entry(joined, parts.items().get(0).span()));
          }
          return parts.complete() ? Evaluated.unknown("cannot join " + abbreviate(m), at) : parts;
        }
        if (name.equals("valueOf") && args.size() == 1) return eval(args.get(0));
        if (name.equals("format")) return Evaluated.unknown("String.format is evaluated at run time", at);
        break;
      case "Long", "Integer", "Boolean":
        if ((name.startsWith("parse") || name.equals("valueOf")) && args.size() == 1) return eval(args.get(0)).map(String::strip);
        break;
      case "System":
        if (name.equals("getenv") && args.size() == 1) {
          String var = eval(args.get(0)).text().orElse("?");
          return Evaluated.unknown("the environment variable " + var + " is read at run time", at);
        }
        if (name.equals("getProperty")) return Evaluated.unknown("a system property is read at run time", at);
        break;
      case "Duration":
        if (args.size() == 1 && name.startsWith("of")) {
          Optional<Long> n = number(args.get(0));
          long factor = switch (name) {
            case "ofSeconds" -> 1;
            case "ofMinutes" -> 60;
            case "ofHours" -> 3600;
            case "ofDays" -> 86400;
            case "ofMillis" -> -1000;
            default -> 0;
          };
          if (n.isPresent() && factor != 0) {
            long seconds = factor > 0 ? n.get() * factor : n.get() / 1000;
            return Evaluated.of(new Entry(String.valueOf(seconds), at));
          }
        }
        break;
      case "StringUtils":
        if ((name.equals("commaDelimitedListToStringArray") || name.equals("commaDelimitedListToSet")
            || name.equals("tokenizeToStringArray")) && !args.isEmpty()) {
          Evaluated v = eval(args.get(0));
          List<Entry> out = new ArrayList<>();
          for (Entry e : v.items()) out.addAll(SpringProperties.splitCommas(e));
          return new Evaluated(out, v.unknown(), v.unknownAt(), null);
        }
        break;
      default:
        break;
    }
    if (scopeText.startsWith("TimeUnit.") && name.equals("toSeconds") && args.size() == 1) {
      Optional<Long> n = number(args.get(0));
      long factor = switch (scopeText.substring("TimeUnit.".length())) {
        case "SECONDS" -> 1;
        case "MINUTES" -> 60;
        case "HOURS" -> 3600;
        case "DAYS" -> 86400;
        default -> 0;
      };
      if (n.isPresent() && factor > 0) return Evaluated.of(new Entry(String.valueOf(n.get() * factor), at));
    }
    if ((name.equals("getProperty") || name.equals("getRequiredProperty")) && scope.isPresent() && !args.isEmpty()
        && isEnvironment(scope.get())) {
      Optional<String> key = eval(args.get(0)).text();
      if (key.isEmpty()) return Evaluated.unknown("the property name is computed at run time", at);
      boolean list = args.size() == 2 && args.get(1).toString().contains("[].class");
      Evaluated v = Placeholders.resolve("${" + key.get() + "}", sources.span(args.get(0)), props, list);
      if (!v.complete() && args.size() == 2 && !args.get(1).toString().endsWith(".class")) return eval(args.get(1));
      return v;
    }
    if (scope.isPresent()) {
      Expression sc = scope.get();
      switch (name) {
        case "split":
          return split(eval(sc), args, at);
        case "trim", "strip":
          return eval(sc).map(String::strip);
        case "toLowerCase":
          return eval(sc).map(s -> s.toLowerCase(Locale.ROOT));
        case "toUpperCase":
          return eval(sc).map(s -> s.toUpperCase(Locale.ROOT));
        case "toList", "toArray", "stream", "distinct", "sorted", "boxed", "name", "toString", "getSeconds", "toSeconds",
            "unmodifiable", "asList":
          return eval(sc);
        case "toMillis":
          return eval(sc).map(t -> parseLong(t).map(n -> String.valueOf(n * 1000)).orElse(t));
        case "collect":
          return eval(sc);
        case "map":
          if (args.size() == 1 && isTrimFunction(args.get(0))) return eval(sc).map(String::strip);
          if (args.size() == 1 && args.get(0).toString().endsWith("::toLowerCase")) return eval(sc).map(s -> s.toLowerCase(Locale.ROOT));
          return Evaluated.unknown("the values are transformed at run time by " + abbreviate(args.get(0)), at);
        case "filter":
          if (args.size() == 1 && isBlankFilter(args.get(0))) return eval(sc);
          return Evaluated.unknown("the values are filtered at run time by " + abbreviate(args.get(0)), at);
        case "value":
          if (sc.toString().startsWith("HttpStatus.")) return eval(sc);
          break;
        default:
          break;
      }
      Evaluated s = eval(sc);
      if (s.binding() != null && args.isEmpty()) return bindingProperty(s.binding(), propertyOfAccessor(name), at);
      // a static helper of another class of the application
      if (sc instanceof NameExpr ne && Character.isUpperCase(ne.getNameAsString().charAt(0))) {
        Optional<TypeDeclaration<?>> t = sources.type(ne.getNameAsString(), m);
        if (t.isPresent()) return helper(t.get(), name, args, at);
      }
      if (!(sc instanceof ThisExpr)) {
        return Evaluated.unknown("the result of " + abbreviate(m) + " is computed at run time", at);
      }
    }
    Optional<TypeDeclaration<?>> own = m.findAncestor(TypeDeclaration.class).map(x -> (TypeDeclaration<?>) x);
    if (own.isPresent()) return helper(own.get(), name, args, at);
    return Evaluated.unknown("the result of " + abbreviate(m) + " is computed at run time", at);
  }

  /** A method of the application without arguments whose body returns one expression: evaluate that expression. */
  private Evaluated helper(TypeDeclaration<?> type, String name, List<Expression> args, SourceSpan at) {
    if (!args.isEmpty()) return Evaluated.unknown("the result of " + name + "(...) depends on its arguments", at);
    for (MethodDeclaration md : type.getMethodsByName(name)) {
      if (!md.getParameters().isEmpty() || md.getBody().isEmpty()) continue;
      List<ReturnStmt> returns = md.getBody().get().findAll(ReturnStmt.class);
      returns.removeIf(r -> r.findAncestor(LambdaExpr.class).filter(l -> md.isAncestorOf(l)).isPresent());
      if (returns.size() == 1 && returns.get(0).getExpression().isPresent()) return eval(returns.get(0).getExpression().get());
      return Evaluated.unknown("the result of " + name + "() is computed at run time", at);
    }
    return Evaluated.unknown("the result of " + name + "() is computed at run time", at);
  }

  private Evaluated split(Evaluated base, List<Expression> args, SourceSpan at) {
    if (args.isEmpty()) return Evaluated.unknown("split without a separator", at);
    Optional<String> regex = eval(args.get(0)).text();
    if (regex.isEmpty()) return Evaluated.unknown("the separator is computed at run time", at);
    Pattern p;
    try {
      p = Pattern.compile(regex.get());
    } catch (PatternSyntaxException e) {
      return Evaluated.unknown("the separator /" + regex.get() + "/ does not compile", at);
    }
    List<Entry> out = new ArrayList<>();
    for (Entry e : base.items()) {
      if (p.matcher(",").matches() || p.matcher(", ").matches()) {
        // keep a precise span for each part when the separator is a comma
        for (Entry part : SpringProperties.splitCommas(e)) out.add(part);
        continue;
      }
      for (String part : p.split(e.text())) if (!part.isEmpty()) out.add(e.withText(part));
    }
    return new Evaluated(out, base.unknown(), base.unknownAt(), null);
  }

  private Evaluated creation(ObjectCreationExpr o, SourceSpan at) {
    String type = o.getType().getNameAsString();
    if (Set.of("ArrayList", "LinkedList", "HashSet", "LinkedHashSet", "TreeSet", "CopyOnWriteArrayList").contains(type)) {
      if (o.getArguments().isEmpty()) return Evaluated.none();
      Expression arg = o.getArgument(0);
      if (arg instanceof IntegerLiteralExpr) return Evaluated.none();
      return eval(arg);
    }
    if (type.equals("String") && o.getArguments().size() == 1) return eval(o.getArgument(0));
    return Evaluated.unknown("a new " + type + " is built at run time", at);
  }

  // ---- @ConfigurationProperties ----

  /** When {@code type} is a {@code @ConfigurationProperties} class of the application, its binding. */
  private Optional<Evaluated> binding(Type type, Node at) {
    if (!type.isClassOrInterfaceType()) return Optional.empty();
    String name = type.asClassOrInterfaceType().getNameAsString();
    Optional<TypeDeclaration<?>> t = sources.type(name, at);
    if (t.isEmpty()) return Optional.empty();
    Optional<AnnotationExpr> cp = annotation(t.get(), "ConfigurationProperties");
    if (cp.isEmpty()) return Optional.empty();
    Optional<String> prefix = attribute(cp.get(), "prefix").or(() -> attribute(cp.get(), "value")).flatMap(e -> eval(e).text());
    return Optional.of(Evaluated.bound(prefix.orElse(""), t.get()));
  }

  private Evaluated bindingProperty(Evaluated.Binding b, String property, SourceSpan at) {
    String key = b.prefix().isEmpty() ? property : b.prefix() + "." + property;
    TypeDeclaration<?> type = b.type();
    Type fieldType = null;
    Expression initializer = null;
    for (FieldDeclaration fd : type.getFields()) {
      for (VariableDeclarator v : fd.getVariables()) {
        if (v.getNameAsString().equals(property)) {
          fieldType = v.getType();
          initializer = v.getInitializer().orElse(null);
        }
      }
    }
    if (type instanceof RecordDeclaration r) {
      for (Parameter p : r.getParameters()) if (p.getNameAsString().equals(property)) fieldType = p.getType();
    }
    if (fieldType != null && fieldType.isClassOrInterfaceType()) {
      Optional<TypeDeclaration<?>> nested = sources.type(fieldType.asClassOrInterfaceType().getNameAsString(), type);
      if (nested.isPresent() && !nested.get().isEnumDeclaration()) return Evaluated.bound(key, nested.get());
    }
    boolean list = fieldType != null
        && (fieldType.isArrayType() || fieldType.asString().matches("(?:java\\.util\\.)?(?:List|Set|Collection)<.*"));
    Optional<Entry> scalar = props.scalar(key);
    if (scalar.isPresent()) {
      return Placeholders.resolve(scalar.get().text(), scalar.get().span(), props, list);
    }
    Optional<List<Entry>> values = props.list(key);
    if (values.isPresent()) return Evaluated.of(values.get());
    if (initializer != null) return eval(initializer);
    return Evaluated.unknown("the property '" + key + "' is not set in the application's configuration files", at);
  }

  private static String propertyOfAccessor(String method) {
    String p = method;
    if (p.startsWith("get") && p.length() > 3 && Character.isUpperCase(p.charAt(3))) p = p.substring(3);
    else if (p.startsWith("is") && p.length() > 2 && Character.isUpperCase(p.charAt(2))) p = p.substring(2);
    return Character.toLowerCase(p.charAt(0)) + p.substring(1);
  }

  /** Spring's {@code Environment} (or a {@code PropertyResolver}): by declared type, or by its usual names. */
  private boolean isEnvironment(Expression scope) {
    String name = scope instanceof NameExpr n ? n.getNameAsString()
        : scope instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr ? f.getNameAsString() : null;
    if (name == null) return false;
    Optional<String> type = declaredType(name, scope);
    if (type.isPresent()) return type.get().endsWith("Environment") || type.get().endsWith("PropertyResolver");
    return name.equals("env") || name.equals("environment");
  }

  private static boolean isTrimFunction(Expression e) {
    String s = e.toString().replace(" ", "");
    return s.equals("String::trim") || s.equals("String::strip") || s.matches("\\w+->\\w+\\.(trim|strip)\\(\\)");
  }

  private static boolean isBlankFilter(Expression e) {
    String s = e.toString();
    return s.contains("isEmpty") || s.contains("isBlank") || s.contains("hasText") || s.contains("hasLength") || s.contains("nonNull");
  }

  // ---- annotations ----

  static Optional<AnnotationExpr> annotation(NodeWithAnnotations<?> n, String simpleName) {
    for (AnnotationExpr a : n.getAnnotations()) {
      if (simpleName(a.getNameAsString()).equals(simpleName)) return Optional.of(a);
    }
    return Optional.empty();
  }

  /** An attribute of an annotation; {@code value} also matches the single-member form. */
  static Optional<Expression> attribute(AnnotationExpr a, String name) {
    if (a instanceof SingleMemberAnnotationExpr s) return name.equals("value") ? Optional.of(s.getMemberValue()) : Optional.empty();
    if (a instanceof NormalAnnotationExpr n) {
      for (MemberValuePair p : n.getPairs()) if (p.getNameAsString().equals(name)) return Optional.of(p.getValue());
    }
    return Optional.empty();
  }

  static String simpleName(String qualified) {
    int dot = qualified.lastIndexOf('.');
    return dot < 0 ? qualified : qualified.substring(dot + 1);
  }

  static Optional<Long> parseLong(String s) {
    if (s == null) return Optional.empty();
    String t = s.strip().replace("_", "");
    if (t.endsWith("L") || t.endsWith("l")) t = t.substring(0, t.length() - 1);
    try {
      return Optional.of(Long.parseLong(t));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static String abbreviate(Node n) {
    String s = n.toString().replaceAll("\\s+", " ");
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
