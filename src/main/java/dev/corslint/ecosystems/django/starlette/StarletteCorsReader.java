package dev.corslint.ecosystems.django.starlette;

import dev.corslint.ecosystems.django.ProjectLayout;
import dev.corslint.ecosystems.django.python.EnvironmentDefaults;
import dev.corslint.ecosystems.django.python.Evaluator;
import dev.corslint.ecosystems.django.python.FrameworkModules;
import dev.corslint.ecosystems.django.python.Namespace;
import dev.corslint.ecosystems.django.python.PyNode;
import dev.corslint.ecosystems.django.python.PyValue;
import dev.corslint.ecosystems.django.python.PyValue.NoneValue;
import dev.corslint.ecosystems.django.python.PyValue.Num;
import dev.corslint.ecosystems.django.python.PyValue.Seq;
import dev.corslint.ecosystems.django.python.PyValue.Str;
import dev.corslint.ecosystems.django.python.PyValue.Unknown;
import dev.corslint.ecosystems.django.python.PythonModule;
import dev.corslint.ecosystems.django.python.PythonProgram;
import dev.corslint.ecosystems.django.starlette.StarletteCorsPolicy.Origin;
import dev.corslint.ecosystems.django.starlette.StarletteCorsPolicy.Options;
import dev.corslint.model.Alternative;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Ecosystem;
import dev.corslint.model.Environment;
import dev.corslint.model.GuardedRegex;
import dev.corslint.model.LayerOrder;
import dev.corslint.model.Notice;
import dev.corslint.model.RegexFlavor;
import dev.corslint.model.Scope;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Usage;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds Starlette's {@code CORSMiddleware} in FastAPI and Starlette applications: {@code app.add_middleware(
 * CORSMiddleware, ...)}, {@code Middleware(CORSMiddleware, ...)} in the constructor's {@code middleware} list,
 * and middleware registered so that it runs first ({@code add_middleware} wraps what was added before, so the
 * last one added runs first).
 */
public final class StarletteCorsReader {

  private final ProjectLayout layout;
  private final List<Notice> notices;
  private final Function<String, List<Usage>> usagesOfRoot;
  private final Evaluator evaluator;

  public StarletteCorsReader(PythonProgram program, ProjectLayout layout, List<Notice> notices, Function<String, List<Usage>> usagesOfRoot) {
    this.layout = layout;
    this.notices = notices;
    this.usagesOfRoot = usagesOfRoot;
    this.evaluator = new Evaluator(program, name -> Optional.empty(), null);
  }

  public List<CorsPolicy> read(List<PythonModule> entries) {
    return FrameworkModules.read(entries, "CORSMiddleware", "CORSMiddleware", evaluator, notices, this::readModule);
  }

  /** One registered middleware, in registration order. */
  private record Registration(PyNode call, String className, boolean added, boolean cors, SourceSpan at, SourceSpan answersAt, String name) {}

  private List<CorsPolicy> readModule(PythonModule m) {
    List<Registration> regs = registrations(m);
    List<CorsPolicy> out = new ArrayList<>();
    boolean fastapi = m.source().contains("fastapi");
    Environment env = ProjectLayout.isDevelopmentModule(m.path()) ? Environment.DEVELOPMENT : Environment.PRODUCTION;
    List<Usage> usages = usagesOfRoot.apply(layout.rootOf(m.path()));
    for (int i = 0; i < regs.size(); i++) {
      Registration r = regs.get(i);
      if (!r.cors()) continue;
      OptionsRead read = new OptionsRead(false, notices);
      Options options = read.options(r.call(), r.at());
      List<LayerOrder> layers = new ArrayList<>();
      for (Registration other : outer(regs, i)) {
        if (other.answersAt() == null) continue;
        layers.add(new LayerOrder(r.at(), other.at(),
            other.name() + " (line " + other.at().line() + ") runs before CORSMiddleware (the middleware added last runs first) and answers some requests itself ("
                + other.answersAt() + "), preflights included, without CORS headers", true));
      }
      String kind = fastapi ? "FastAPI" : "Starlette";
      Scope scope = new Scope(Ecosystem.DJANGO, "the " + kind + " app in " + m.path(), r.at(), "/", env, null, null);
      List<Alternative<String>> defaults = read.assumedDefaults();
      StarletteCorsPolicy withInputsSet = defaults.isEmpty() ? null
          : new StarletteCorsPolicy(scope, new OptionsRead(true, new ArrayList<>()).options(r.call(), r.at()), usages, layers);
      out.add(new StarletteCorsPolicy(scope, options, usages, layers, defaults, withInputsSet));
    }
    return out;
  }

  /** The registrations that wrap registration {@code i}, so run before it. */
  private static List<Registration> outer(List<Registration> regs, int i) {
    List<Registration> out = new ArrayList<>();
    Registration self = regs.get(i);
    for (int j = 0; j < regs.size(); j++) {
      if (j == i) continue;
      Registration other = regs.get(j);
      // add_middleware entries wrap every constructor entry and every earlier add_middleware entry;
      // constructor entries listed earlier wrap later ones.
      boolean wraps = self.added() ? other.added() && j > i : other.added() || j < i;
      if (wraps) out.add(other);
    }
    return out;
  }

  private List<Registration> registrations(PythonModule m) {
    List<Registration> out = new ArrayList<>();
    for (PyNode n : m.root().descendants()) {
      if (n.is("decorated_definition")) {
        for (PyNode d : n.namedChildren()) {
          if (!d.is("decorator") || !d.text().replaceAll("\\s", "").matches("@\\w+\\.middleware\\([\"']http[\"']\\)")) continue;
          PyNode fn = n.child("definition");
          String name = fn != null && fn.child("name") != null ? fn.child("name").text() : "?";
          out.add(new Registration(null, null, true, false, m.lineSpan(d), earlyReturn(fn), "the http middleware " + name));
        }
        continue;
      }
      if (!n.is("call") || n.child("function") == null) continue;
      PyNode fn = n.child("function");
      List<PyNode> args = Evaluator.positionalNodes(n);
      String f = fn.text();
      if (fn.is("attribute") && fn.child("attribute") != null && fn.child("attribute").text().equals("add_middleware") && !args.isEmpty()) {
        String cls = args.get(0).text();
        boolean cors = cls.equals("CORSMiddleware") || cls.endsWith(".CORSMiddleware");
        out.add(new Registration(n, cls, true, cors, m.lineSpan(n), cors ? null : classAnswers(m, cls), cls));
      } else if ((f.equals("Middleware") || f.endsWith(".Middleware")) && !args.isEmpty()) {
        String cls = args.get(0).text();
        boolean cors = cls.equals("CORSMiddleware") || cls.endsWith(".CORSMiddleware");
        out.add(new Registration(n, cls, false, cors, m.lineSpan(n), cors ? null : classAnswers(m, cls), cls));
      } else if ((f.equals("CORSMiddleware") || f.endsWith(".CORSMiddleware")) && n.ancestor("decorator") == null) {
        out.add(new Registration(n, null, true, true, m.lineSpan(n), null, "CORSMiddleware"));
      }
    }
    return out;
  }

  /** A BaseHTTPMiddleware subclass in this module whose dispatch can answer without call_next. */
  private static SourceSpan classAnswers(PythonModule m, String className) {
    for (PyNode n : m.root().descendants()) {
      if (!n.is("class_definition") || n.child("name") == null || !n.child("name").text().equals(className)) continue;
      for (PyNode d : n.descendants()) {
        if (d.is("function_definition") && d.child("name") != null && d.child("name").text().equals("dispatch")) return earlyReturn(d);
      }
    }
    return null;
  }

  /** The first return that does not pass on call_next's response. */
  private static SourceSpan earlyReturn(PyNode fn) {
    if (fn == null || fn.child("body") == null) return null;
    PyNode params = fn.child("parameters");
    String next = "call_next";
    if (params != null && params.namedChildren().size() >= 2) next = params.namedChildren().get(params.namedChildren().size() - 1).text().split("[:=]")[0].strip();
    List<String> fromNext = new ArrayList<>();
    for (PyNode d : fn.child("body").descendants()) {
      if (d.is("assignment") && d.child("left") != null && d.child("right") != null && d.child("right").text().contains(next)) {
        fromNext.add(d.child("left").text());
      }
    }
    for (PyNode d : fn.child("body").descendants()) {
      if (!d.is("return_statement") || d.namedChildren().isEmpty()) continue;
      String value = d.namedChildren().get(0).text();
      if (value.contains(next) || fromNext.contains(value) || d.namedChildren().get(0).is("none")) continue;
      return d.module().lineSpan(d);
    }
    return null;
  }

  /**
   * Reads the options of one CORSMiddleware call: environment reads at the defaults the code writes, or, with
   * {@code inputsSet}, unknown, as a deployment that sets the variables sees them.
   */
  private final class OptionsRead {
    private final boolean inputsSet;
    private final List<Notice> notices;
    private final Set<Alternative<String>> assumed = new LinkedHashSet<>();

    OptionsRead(boolean inputsSet, List<Notice> notices) {
      this.inputsSet = inputsSet;
      this.notices = notices;
    }

    private PyValue eval(PyNode node, Namespace ns) {
      PyValue v = evaluator.eval(node, ns);
      if (inputsSet) return EnvironmentDefaults.withoutDefaults(v);
      EnvironmentDefaults.collect(v, node.module().lineSpan(node.parent()), assumed);
      return v;
    }

    List<Alternative<String>> assumedDefaults() {
      return assumed.stream().sorted(Comparator.comparing(Alternative::span, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    }

    private Options options(PyNode call, SourceSpan at) {
      Namespace ns = evaluator.namespaceAt(call);
      Map<String, PyNode> kws = Evaluator.keywordNodes(call);
      List<Origin> origins = new ArrayList<>();
      if (kws.containsKey("allow_origins")) {
        PyNode node = kws.get("allow_origins");
        SourceSpan settingAt = node.module().lineSpan(node.parent());
        PyValue v = resolved(eval(node, ns), "allow_origins", settingAt);
        if (v instanceof Seq s) {
          for (PyValue item : s.items()) {
            if (item instanceof Unknown u && u.fallback() instanceof Seq f) {
              for (PyValue fi : f.items()) origins.add(origin(fi, settingAt));
            } else {
              origins.add(origin(item, settingAt));
            }
          }
        } else {
          String why = v instanceof Str ? "a string, which CORSMiddleware tests with 'origin in allow_origins' (substring)" : Evaluator.reason(v);
          notices.add(Notice.warning("allow_origins is " + why + "; the allowed origins are not analysed", settingAt));
          origins.add(new Origin(null, "allow_origins (" + why + ")", settingAt));
        }
      }
      GuardedRegex regex = null;
      String regexUnknown = null;
      SourceSpan regexAt = null;
      if (kws.containsKey("allow_origin_regex")) {
        PyNode node = kws.get("allow_origin_regex");
        regexAt = node.module().lineSpan(node.parent());
        PyValue v = resolved(eval(node, ns), "allow_origin_regex", regexAt);
        if (v instanceof Str s) {
          GuardedRegex.Result r = GuardedRegex.compile(s.value(), RegexFlavor.PYTHON, RegexFlavor.Mode.FULL, false);
          if (r.regex().isPresent()) {
            regex = r.regex().get();
          } else {
            regexUnknown = "allow_origin_regex /" + s.value() + "/";
            notices.add(Notice.warning("allow_origin_regex /" + s.value() + "/ cannot be evaluated (" + r.error() + ")", regexAt));
          }
        } else if (!(v instanceof NoneValue)) {
          regexUnknown = "allow_origin_regex (" + Evaluator.reason(v) + ")";
        }
      }
      Value<List<String>> methods = strings(kws.get("allow_methods"), ns, List.of("GET"));
      Value<List<String>> headers = strings(kws.get("allow_headers"), ns, List.of());
      Value<List<String>> expose = strings(kws.get("expose_headers"), ns, List.of());
      Value<Boolean> credentials = Value.known(false, null);
      if (kws.containsKey("allow_credentials")) {
        PyNode node = kws.get("allow_credentials");
        SourceSpan cAt = node.module().lineSpan(node.parent());
        Tri t = PyValue.truthy(resolved(eval(node, ns), "allow_credentials", cAt));
        credentials = t == Tri.UNKNOWN ? Value.unknown("allow_credentials", cAt) : Value.known(t == Tri.YES, cAt);
      }
      Value<String> maxAge = Value.known("600", at);
      if (kws.containsKey("max_age")) {
        PyNode node = kws.get("max_age");
        SourceSpan mAt = node.module().lineSpan(node.parent());
        PyValue v = resolved(eval(node, ns), "max_age", mAt);
        maxAge = v instanceof Num n ? Value.known(Long.toString(n.value()), mAt)
            : PyValue.asText(v).map(t -> Value.known(t, mAt)).orElse(Value.unknown("max_age (" + Evaluator.reason(v) + ")", mAt));
      }
      return new Options(origins, regex, regexUnknown, regexAt, methods, headers, credentials, expose, maxAge, at);
    }

    private Origin origin(PyValue item, SourceSpan settingAt) {
      if (item instanceof Str s) return new Origin(s.value(), null, s.span() != null ? s.span() : settingAt);
      return new Origin(null, "an allow_origins entry (" + Evaluator.reason(item) + ")", item.span() != null ? item.span() : settingAt);
    }

    private PyValue resolved(PyValue v, String option, SourceSpan at) {
      if (v instanceof Unknown u && u.fallback() != null) {
        notices.add(Notice.note("CORSMiddleware " + option + " comes from " + u.reason() + "; corslint uses its default "
            + PyValue.show(u.fallback()) + " as written in the code", at));
        return u.fallback();
      }
      if (v instanceof Unknown u) {
        notices.add(Notice.warning("CORSMiddleware " + option + " depends on " + u.reason() + ", which cannot be known statically", at));
      }
      return v;
    }

    private Value<List<String>> strings(PyNode node, Namespace ns, List<String> dflt) {
      if (node == null) return Value.known(dflt, null);
      SourceSpan at = node.module().lineSpan(node.parent());
      PyValue v = resolved(eval(node, ns), "option", at);
      if (!(v instanceof Seq s)) return Value.unknown(Evaluator.reason(v), at);
      List<String> out = new ArrayList<>();
      for (PyValue item : s.items()) {
        if (item instanceof Str str) out.add(str.value());
        else if (item instanceof Unknown u && u.fallback() instanceof Seq f) {
          for (PyValue fi : f.items()) if (fi instanceof Str fs) out.add(fs.value());
        } else return Value.unknown(Evaluator.reason(item), at);
      }
      return Value.known(out, at);
    }
  }
}
