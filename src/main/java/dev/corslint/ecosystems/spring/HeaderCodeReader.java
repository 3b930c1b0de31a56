package dev.corslint.ecosystems.spring;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.corslint.ecosystems.spring.HeaderCode.Cond;
import dev.corslint.ecosystems.spring.HeaderCode.Step;
import dev.corslint.model.GuardedRegex;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.RegexFlavor;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a servlet filter's {@code doFilter} or a handler method into {@link HeaderCode}: which variables hold the
 * request, the response, the filter chain, the origin and the method, and what the statements do with them.
 */
final class HeaderCodeReader {

  private static final int MAX_INLINE = 3;

  private final JavaSources sources;
  private final ValueEvaluator eval;
  private final Set<String> requests = new HashSet<>();
  private final Set<String> responses = new HashSet<>();
  private final Set<String> chains = new HashSet<>();
  private final Set<String> origins = new HashSet<>();
  private final Set<String> methods = new HashSet<>();
  private final List<Usage> headerReads = new ArrayList<>();
  private int inlined;

  /** A request header the code reads, e.g. {@code request.getHeader("Authorization")}. */
  record Usage(String name, SourceSpan span) {}

  HeaderCodeReader(JavaSources sources, ValueEvaluator eval) {
    this.sources = sources;
    this.eval = eval;
  }

  /** Reads a method whose parameters include the request, the response and possibly the chain. */
  HeaderCode read(MethodDeclaration method, SourceSpan declaredAt, String description) {
    for (Parameter p : method.getParameters()) {
      String type = p.getType().asString();
      if (type.endsWith("ServletRequest") || type.endsWith("HttpServletRequest")) requests.add(p.getNameAsString());
      else if (type.endsWith("ServletResponse")) responses.add(p.getNameAsString());
      else if (type.endsWith("FilterChain")) chains.add(p.getNameAsString());
    }
    List<Step> steps = method.getBody().map(this::block).orElse(List.of());
    return new HeaderCode(steps, declaredAt, description);
  }

  /** Request headers the code read ({@code getHeader}), other than the CORS request headers. */
  List<Usage> headerReads() {
    return headerReads;
  }

  private List<Step> block(BlockStmt b) {
    List<Step> out = new ArrayList<>();
    for (Statement s : b.getStatements()) statement(s, out);
    return out;
  }

  private List<Step> body(Statement s) {
    List<Step> out = new ArrayList<>();
    statement(s, out);
    return out;
  }

  private void statement(Statement s, List<Step> out) {
    collectHeaderReads(s);
    if (s instanceof BlockStmt b) {
      out.addAll(block(b));
    } else if (s instanceof IfStmt i) {
      out.add(new HeaderCode.Branch(cond(i.getCondition()), body(i.getThenStmt()),
          i.getElseStmt().map(this::body).orElse(List.of()), sources.span(i.getCondition())));
    } else if (s instanceof ReturnStmt r) {
      r.getExpression().ifPresent(x -> entityHeaders(x, out));
      out.add(new HeaderCode.Stop(sources.span(r)));
    } else if (s instanceof TryStmt t) {
      out.addAll(block(t.getTryBlock()));
      t.getFinallyBlock().ifPresent(f -> out.addAll(block(f)));
    } else if (s instanceof ExpressionStmt es) {
      expression(es.getExpression(), out);
    } else if (writesHeaders(s)) {
      out.add(new HeaderCode.Opaque("headers are written in a " + s.getClass().getSimpleName().replace("Stmt", "").toLowerCase(Locale.ROOT)
          + " statement this reader does not follow", sources.span(s)));
    }
  }

  private void expression(Expression x, List<Step> out) {
    if (x instanceof VariableDeclarationExpr vde) {
      for (VariableDeclarator v : vde.getVariables()) {
        v.getInitializer().ifPresent(init -> alias(v.getNameAsString(), init));
      }
      return;
    }
    if (!(x instanceof MethodCallExpr m)) return;
    String name = m.getNameAsString();
    Optional<Expression> scope = m.getScope().map(HeaderCodeReader::unwrap);
    if (scope.isPresent() && isVar(scope.get(), responses)) {
      switch (name) {
        case "setHeader", "addHeader" -> {
          if (m.getArguments().size() != 2) return;
          Optional<String> header = eval.eval(m.getArgument(0)).text();
          if (header.isEmpty()) {
            out.add(new HeaderCode.Opaque("a header name computed at run time", sources.span(m)));
            return;
          }
          out.add(new HeaderCode.Write(header.get(), value(m.getArgument(1)), name.equals("addHeader"), sources.lineSpan(m)));
        }
        case "setStatus" -> eval.number(m.getArgument(0)).ifPresent(n -> out.add(new HeaderCode.SetStatus(n.intValue(), sources.span(m), false)));
        case "sendError" -> {
          eval.number(m.getArgument(0)).ifPresent(n -> out.add(new HeaderCode.SetStatus(n.intValue(), sources.span(m), true)));
          out.add(new HeaderCode.Stop(sources.span(m)));
        }
        default -> {}
      }
      return;
    }
    if (name.equals("doFilter") && scope.isPresent() && isVar(scope.get(), chains)) {
      out.add(new HeaderCode.Proceed(sources.span(m)));
      return;
    }
    // a helper of the same class that receives the response: read its body in place
    if (scope.isEmpty() && inlined < MAX_INLINE && m.getArguments().stream().anyMatch(a -> isVar(unwrap(a), responses))) {
      Optional<MethodDeclaration> helper = sameClassMethod(m, name, m.getArguments().size());
      if (helper.isPresent() && helper.get().getBody().isPresent()) {
        inlined++;
        for (int k = 0; k < m.getArguments().size(); k++) {
          Expression arg = unwrap(m.getArgument(k));
          String param = helper.get().getParameter(k).getNameAsString();
          if (isVar(arg, responses)) responses.add(param);
          if (isVar(arg, requests)) requests.add(param);
          if (isOrigin(arg)) origins.add(param);
        }
        out.addAll(block(helper.get().getBody().get()));
        inlined--;
      }
    }
  }

  /** {@code ResponseEntity.ok().header(name, value)...}: headers the entity carries. */
  private void entityHeaders(Expression x, List<Step> out) {
    List<MethodCallExpr> chain = new ArrayList<>();
    Expression cur = unwrap(x);
    while (cur instanceof MethodCallExpr m) {
      chain.add(0, m);
      cur = m.getScope().map(HeaderCodeReader::unwrap).orElse(null);
    }
    if (!(cur instanceof NameExpr root) || !root.getNameAsString().equals("ResponseEntity")) return;
    for (MethodCallExpr m : chain) {
      if (!m.getNameAsString().equals("header") || m.getArguments().size() < 2) continue;
      Optional<String> header = eval.eval(m.getArgument(0)).text();
      if (header.isEmpty()) continue;
      // the entity's headers are added to what the response already carries
      out.add(new HeaderCode.Write(header.get(), value(m.getArgument(1)), true, sources.callSpan(m)));
    }
  }

  private void alias(String name, Expression init) {
    Expression e = unwrap(init);
    if (isVar(e, requests)) requests.add(name);
    else if (isVar(e, responses)) responses.add(name);
    else if (isOrigin(e)) origins.add(name);
    else if (isMethod(e)) methods.add(name);
  }

  private HeaderCode.HeaderValue value(Expression e) {
    Expression x = unwrap(e);
    if (isOrigin(x)) return new HeaderCode.RequestOrigin(sources.span(e));
    Evaluated v = eval.eval(x);
    if (v.complete() && v.items().size() == 1) return new HeaderCode.Literal(v.items().get(0).text(), v.items().get(0).span());
    if (v.complete() && v.items().size() > 1) {
      return new HeaderCode.Literal(String.join(",", v.items().stream().map(Entry::text).toList()), sources.span(e));
    }
    return new HeaderCode.UnknownValue(v.unknown() != null ? v.unknown() : "computed at run time", sources.span(e));
  }

  // ---- conditions ----

  Cond cond(Expression raw) {
    Expression e = raw instanceof EnclosedExpr en ? en.getInner() : raw;
    SourceSpan at = sources.span(e);
    if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) return new HeaderCode.Not(cond(u.getExpression()));
    if (e instanceof BinaryExpr b) {
      switch (b.getOperator()) {
        case AND:
          return new HeaderCode.And(cond(b.getLeft()), cond(b.getRight()));
        case OR:
          return new HeaderCode.Or(cond(b.getLeft()), cond(b.getRight()));
        case EQUALS:
        case NOT_EQUALS: {
          Expression other = b.getLeft() instanceof NullLiteralExpr ? b.getRight() : b.getRight() instanceof NullLiteralExpr ? b.getLeft() : null;
          if (other != null) {
            Cond present = presence(unwrap(other), at);
            return b.getOperator() == BinaryExpr.Operator.NOT_EQUALS ? present : new HeaderCode.Not(present);
          }
          break;
        }
        default:
          break;
      }
      return new HeaderCode.UnknownCond("the condition " + ValueEvaluator.abbreviate(e), at);
    }
    if (e instanceof MethodCallExpr m) return call(m, at);
    Evaluated constant = eval.eval(e);
    if (constant.text().filter(t -> t.equals("true") || t.equals("false")).isPresent()) {
      return new HeaderCode.Const(Boolean.parseBoolean(constant.text().get()));
    }
    return new HeaderCode.UnknownCond("the condition " + ValueEvaluator.abbreviate(e), at);
  }

  private Cond presence(Expression x, SourceSpan at) {
    if (isOrigin(x)) return new HeaderCode.OriginPresent();
    Optional<String> header = headerRead(x);
    if (header.isPresent()) return new HeaderCode.HasHeader(header.get());
    return new HeaderCode.UnknownCond("whether " + ValueEvaluator.abbreviate(x) + " is null", at);
  }

  private Cond call(MethodCallExpr m, SourceSpan at) {
    String name = m.getNameAsString();
    Optional<Expression> scope = m.getScope().map(HeaderCodeReader::unwrap);
    List<Expression> args = m.getArguments();
    String scopeText = scope.map(Object::toString).orElse("");
    if (name.equals("isPreFlightRequest")) return new HeaderCode.IsPreflight();
    if ((name.equals("hasText") || name.equals("hasLength") || name.equals("isNotBlank") || name.equals("isNotEmpty"))
        && args.size() == 1 && isOrigin(unwrap(args.get(0)))) {
      return new HeaderCode.OriginPresent();
    }
    if ((name.equals("isEmpty") || name.equals("isBlank")) && scope.isPresent() && isOrigin(scope.get())) {
      return new HeaderCode.Not(new HeaderCode.OriginPresent());
    }
    if ((name.equals("equals") || name.equals("equalsIgnoreCase")) && scope.isPresent() && args.size() == 1) {
      return equality(scope.get(), unwrap(args.get(0)), name.equals("equalsIgnoreCase"), at);
    }
    if (name.equals("equals") && scopeText.equals("Objects") && args.size() == 2) {
      return equality(unwrap(args.get(0)), unwrap(args.get(1)), false, at);
    }
    if (name.equals("matches") && scope.isPresent() && args.size() == 1 && scopeText.endsWith("OPTIONS")
        && isMethod(unwrap(args.get(0)))) {
      return new HeaderCode.IsMethod("OPTIONS");
    }
    if (scope.isPresent() && isOrigin(scope.get()) && args.size() == 1) {
      Optional<String> text = eval.eval(args.get(0)).text();
      OriginMatcher.StringTest.Kind kind = switch (name) {
        case "startsWith" -> OriginMatcher.StringTest.Kind.PREFIX;
        case "endsWith" -> OriginMatcher.StringTest.Kind.SUFFIX;
        case "contains" -> OriginMatcher.StringTest.Kind.CONTAINS;
        default -> null;
      };
      if (kind != null && text.isPresent()) return new HeaderCode.OriginTest(new OriginMatcher.StringTest(kind, text.get(), false, at));
      if (name.equals("matches") && text.isPresent()) return regex(text.get(), RegexFlavor.Mode.FULL, false, at);
    }
    // BLOCKED_METHODS.contains(request.getMethod())
    if (name.equals("contains") && scope.isPresent() && args.size() == 1 && isMethod(unwrap(args.get(0)))) {
      Evaluated list = eval.eval(scope.get());
      if (list.complete()) {
        Cond any = new HeaderCode.Const(false);
        for (Entry e : list.items()) any = new HeaderCode.Or(any, new HeaderCode.IsMethod(e.text().toUpperCase(Locale.ROOT)));
        return any;
      }
    }
    // ALLOWED_ORIGINS.contains(origin)
    if (name.equals("contains") && scope.isPresent() && args.size() == 1 && isOrigin(unwrap(args.get(0)))) {
      Evaluated list = eval.eval(scope.get());
      List<OriginMatcher> exact = new ArrayList<>();
      for (Entry e : list.items()) exact.add(new OriginMatcher.Exact(e.text(), e.span()));
      if (!list.complete()) exact.add(new OriginMatcher.Opaque(list.unknown() == null ? "list computed at run time" : list.unknown(), at));
      return new HeaderCode.OriginTest(OriginMatcher.anyOf(exact));
    }
    // PATTERN.matcher(origin).matches() / find() / lookingAt()
    if ((name.equals("matches") || name.equals("find") || name.equals("lookingAt")) && scope.isPresent()
        && scope.get() instanceof MethodCallExpr inner && inner.getNameAsString().equals("matcher") && inner.getArguments().size() == 1
        && isOrigin(unwrap(inner.getArgument(0))) && inner.getScope().isPresent()) {
      RegexFlavor.Mode mode = name.equals("matches") ? RegexFlavor.Mode.FULL : name.equals("find") ? RegexFlavor.Mode.SEARCH : RegexFlavor.Mode.START;
      Optional<CompiledPattern> p = compiledPattern(inner.getScope().get());
      if (p.isPresent()) return regex(p.get().source(), mode, p.get().ignoreCase(), at);
    }
    if (name.equals("matches") && scopeText.equals("Pattern") && args.size() == 2 && isOrigin(unwrap(args.get(1)))) {
      Optional<String> re = eval.eval(args.get(0)).text();
      if (re.isPresent()) return regex(re.get(), RegexFlavor.Mode.FULL, false, at);
    }
    // a boolean helper of the same class: isAllowed(origin) { return ALLOWED.contains(origin); }
    if (scope.isEmpty() && inlined < MAX_INLINE) {
      Optional<MethodDeclaration> helper = sameClassMethod(m, name, args.size());
      if (helper.isPresent() && helper.get().getBody().isPresent()) {
        List<ReturnStmt> returns = helper.get().getBody().get().findAll(ReturnStmt.class);
        if (returns.size() == 1 && returns.get(0).getExpression().isPresent()) {
          for (int k = 0; k < args.size(); k++) {
            if (isOrigin(unwrap(args.get(k)))) origins.add(helper.get().getParameter(k).getNameAsString());
            if (isVar(unwrap(args.get(k)), requests)) requests.add(helper.get().getParameter(k).getNameAsString());
          }
          inlined++;
          Cond c = cond(returns.get(0).getExpression().get());
          inlined--;
          return c;
        }
      }
    }
    return new HeaderCode.UnknownCond("the result of " + ValueEvaluator.abbreviate(m), at);
  }

  private Cond equality(Expression a, Expression b, boolean ignoreCase, SourceSpan at) {
    if (isMethod(a) || isMethod(b)) {
      Optional<String> lit = eval.eval(isMethod(a) ? b : a).text();
      if (lit.isPresent()) return new HeaderCode.IsMethod(lit.get().toUpperCase(Locale.ROOT));
    }
    if (isOrigin(a) || isOrigin(b)) {
      Optional<Entry> lit = eval.eval(isOrigin(a) ? b : a).single();
      if (lit.isPresent()) {
        if (!ignoreCase) return new HeaderCode.OriginTest(new OriginMatcher.Exact(lit.get().text(), lit.get().span()));
        return regex(Pattern.quote(lit.get().text()), RegexFlavor.Mode.FULL, true, at);
      }
    }
    return new HeaderCode.UnknownCond("the comparison " + a + " = " + b, at);
  }

  private Cond regex(String source, RegexFlavor.Mode mode, boolean ignoreCase, SourceSpan at) {
    GuardedRegex.Result r = GuardedRegex.compile(source, RegexFlavor.JAVA, mode, ignoreCase);
    if (r.regex().isEmpty()) return new HeaderCode.UnknownCond("the pattern /" + source + "/ does not compile: " + r.error(), at);
    return new HeaderCode.OriginTest(new OriginMatcher.Regex(r.regex().get(), at));
  }

  private record CompiledPattern(String source, boolean ignoreCase) {}

  /** {@code Pattern.compile("...", flags)} held in a constant or written in place. */
  private Optional<CompiledPattern> compiledPattern(Expression e) {
    Expression x = unwrap(e);
    if (x instanceof MethodCallExpr c && c.getNameAsString().equals("compile") && !c.getArguments().isEmpty()) {
      Optional<String> src = eval.eval(c.getArgument(0)).text();
      boolean ic = c.getArguments().size() > 1 && c.getArgument(1).toString().contains("CASE_INSENSITIVE");
      return src.map(s -> new CompiledPattern(s, ic));
    }
    if (x instanceof NameExpr || x instanceof FieldAccessExpr) {
      String name = x instanceof NameExpr n ? n.getNameAsString() : ((FieldAccessExpr) x).getNameAsString();
      Optional<TypeDeclaration<?>> type = x.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
      if (x instanceof FieldAccessExpr fa && !(fa.getScope().toString().equals("this"))) {
        type = sources.type(fa.getScope().toString(), x);
      }
      if (type.isPresent()) {
        for (var fd : type.get().getFields()) {
          for (VariableDeclarator v : fd.getVariables()) {
            if (v.getNameAsString().equals(name) && v.getInitializer().isPresent()) return compiledPattern(v.getInitializer().get());
          }
        }
      }
    }
    return Optional.empty();
  }

  // ---- what a variable holds ----

  private boolean isOrigin(Expression e) {
    if (e instanceof NameExpr n && origins.contains(n.getNameAsString())) return true;
    return headerRead(e).map(h -> h.equalsIgnoreCase("Origin")).orElse(false);
  }

  private boolean isMethod(Expression e) {
    if (e instanceof NameExpr n && methods.contains(n.getNameAsString())) return true;
    return e instanceof MethodCallExpr m && m.getNameAsString().equals("getMethod") && m.getScope().map(HeaderCodeReader::unwrap)
        .filter(s -> isVar(s, requests)).isPresent();
  }

  /** {@code request.getHeader("X")}: the header name. */
  private Optional<String> headerRead(Expression e) {
    if (e instanceof MethodCallExpr m && m.getNameAsString().equals("getHeader") && m.getArguments().size() == 1
        && m.getScope().map(HeaderCodeReader::unwrap).filter(s -> isVar(s, requests)).isPresent()) {
      return eval.eval(m.getArgument(0)).text();
    }
    return Optional.empty();
  }

  private void collectHeaderReads(Node n) {
    for (MethodCallExpr m : n.findAll(MethodCallExpr.class)) {
      if (m.getNameAsString().equals("getHeader") || m.getNameAsString().equals("getHeaders")) {
        if (m.getArguments().size() != 1) continue;
        if (m.getScope().map(HeaderCodeReader::unwrap).filter(s -> isVar(s, requests)).isEmpty()) continue;
        Optional<String> h = eval.eval(m.getArgument(0)).text();
        if (h.isPresent() && !isCorsRequestHeader(h.get())) {
          SourceSpan at = sources.span(m);
          if (headerReads.stream().noneMatch(u -> u.name().equalsIgnoreCase(h.get()) && u.span().equals(at))) {
            headerReads.add(new Usage(h.get(), at));
          }
        }
      }
    }
  }

  static boolean isCorsRequestHeader(String h) {
    String n = h.toLowerCase(Locale.ROOT);
    return n.equals("origin") || n.startsWith("access-control-");
  }

  private static boolean isVar(Expression e, Set<String> names) {
    return e instanceof NameExpr n && names.contains(n.getNameAsString());
  }

  static Expression unwrap(Expression e) {
    Expression x = e;
    while (true) {
      if (x instanceof CastExpr c) x = c.getExpression();
      else if (x instanceof EnclosedExpr en) x = en.getInner();
      else return x;
    }
  }

  private Optional<MethodDeclaration> sameClassMethod(Node at, String name, int arity) {
    Optional<TypeDeclaration<?>> type = at.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
    if (type.isEmpty()) return Optional.empty();
    for (MethodDeclaration md : type.get().getMethodsByName(name)) {
      if (md.getParameters().size() == arity) return Optional.of(md);
    }
    return Optional.empty();
  }

  private static boolean writesHeaders(Statement s) {
    return s.findAll(MethodCallExpr.class).stream()
        .anyMatch(m -> m.getNameAsString().equals("setHeader") || m.getNameAsString().equals("addHeader"));
  }
}
