package dev.corslint.ecosystems.django;

import dev.corslint.ecosystems.django.python.Evaluator;
import dev.corslint.ecosystems.django.python.Namespace;
import dev.corslint.ecosystems.django.python.PyNode;
import dev.corslint.ecosystems.django.python.PyValue;
import dev.corslint.ecosystems.django.python.PythonModule;
import dev.corslint.ecosystems.django.python.PythonProgram;
import dev.corslint.model.Alternative;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Environment;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.SourceTree;
import dev.corslint.model.Tri;
import dev.corslint.model.Usage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the settings modules Django would load and builds a policy for each: {@code DJANGO_SETTINGS_MODULE}
 * targets, and every settings module that no production module star-imports (so {@code settings/base.py} is
 * read through {@code production.py} and {@code dev.py}, not on its own). A module named for development, and
 * the {@code DEBUG = True} reading of any other module, make development-only scopes.
 */
final class DjangoSettingsScan {

  private static final Set<String> DJANGO_NAMES = Set.of("INSTALLED_APPS", "MIDDLEWARE", "ROOT_URLCONF");
  private static final Pattern SETTINGS_MODULE = Pattern.compile(
      "DJANGO_SETTINGS_MODULE[\"']\\s*(?:,|\\]\\s*=)\\s*[\"']([A-Za-z_][\\w.]*)[\"']");

  private final PythonProgram program;
  private final SourceTree tree;
  private final ProjectLayout layout;
  private final List<Notice> notices;
  private final Function<String, List<Usage>> usagesOfRoot;
  private final CorsHeadersVersion forcedVersion;

  DjangoSettingsScan(PythonProgram program, SourceTree tree, ProjectLayout layout, List<Notice> notices,
      Function<String, List<Usage>> usagesOfRoot, CorsHeadersVersion forcedVersion) {
    this.forcedVersion = forcedVersion;
    this.program = program;
    this.tree = tree;
    this.layout = layout;
    this.notices = notices;
    this.usagesOfRoot = usagesOfRoot;
  }

  List<CorsPolicy> policies(List<PythonModule> entries) {
    Map<String, PythonModule> candidates = new LinkedHashMap<>();
    Set<String> named = new LinkedHashSet<>();
    for (PythonModule m : entries) {
      if (isSettingsCandidate(m)) candidates.put(m.path(), m);
      Matcher dsm = SETTINGS_MODULE.matcher(m.source());
      while (dsm.find()) {
        Optional<PythonModule> target = program.find(m, 0, dsm.group(1));
        if (target.isPresent()) {
          candidates.put(target.get().path(), target.get());
          named.add(target.get().path());
        } else {
          notices.add(Notice.note("DJANGO_SETTINGS_MODULE names " + dsm.group(1) + ", which is not in the scan", SourceSpan.file(m.path())));
        }
      }
    }
    // Sibling modules of a settings package, and everything they star-import.
    for (PythonModule m : new ArrayList<>(candidates.values())) {
      if (!ProjectLayout.dir(m.path()).endsWith("settings")) continue;
      for (String p : program.paths()) {
        if (ProjectLayout.dir(p).equals(ProjectLayout.dir(m.path())) && !candidates.containsKey(p)) {
          program.module(p).filter(DjangoSettingsScan::isSettingsCandidate).ifPresent(s -> candidates.put(p, s));
        }
      }
    }
    Map<String, Set<String>> importers = new HashMap<>();
    Deque<PythonModule> work = new ArrayDeque<>(candidates.values());
    Set<String> visited = new LinkedHashSet<>();
    while (!work.isEmpty()) {
      PythonModule m = work.pop();
      if (!visited.add(m.path())) continue;
      for (PythonModule target : starImports(m)) {
        importers.computeIfAbsent(target.path(), k -> new LinkedHashSet<>()).add(m.path());
        if (!candidates.containsKey(target.path())) candidates.put(target.path(), target);
        work.push(target);
      }
    }
    List<CorsPolicy> out = new ArrayList<>();
    for (PythonModule m : candidates.values()) {
      boolean importedByProduction = importers.getOrDefault(m.path(), Set.of()).stream()
          .anyMatch(p -> !ProjectLayout.isDevelopmentModule(p));
      if (importedByProduction && !named.contains(m.path())) continue;
      try {
        out.addAll(policiesOf(m));
      } catch (RuntimeException | StackOverflowError e) {
        notices.add(Notice.error("internal error while reading the Django settings: " + e, SourceSpan.file(m.path())));
      }
    }
    return out;
  }

  private static boolean isSettingsCandidate(PythonModule m) {
    String src = m.source();
    if (src.contains("from flask") || src.contains("import flask")) return false;
    String name = m.path().substring(m.path().lastIndexOf('/') + 1);
    boolean settingsName = name.equals("settings.py") || ProjectLayout.dir(m.path()).endsWith("settings");
    for (String n : topLevelNames(m)) {
      if (DJANGO_NAMES.contains(n)) return true;
      if (SettingsReader.CORS_SETTINGS.contains(n) && (settingsName || !n.equals("CORS_ALLOW_HEADERS") && !n.equals("CORS_EXPOSE_HEADERS"))) return true;
    }
    return settingsName && src.contains("import *");
  }

  /** Names a module assigns outside functions and classes. */
  private static Set<String> topLevelNames(PythonModule m) {
    Set<String> out = new LinkedHashSet<>();
    Deque<PyNode> work = new ArrayDeque<>();
    work.push(m.root());
    while (!work.isEmpty()) {
      PyNode n = work.pop();
      if (n.is("assignment") || n.is("augmented_assignment")) {
        PyNode left = n.child("left");
        if (left != null && left.is("identifier")) out.add(left.text());
      }
      for (PyNode c : n.children()) {
        if (!c.is("function_definition") && !c.is("class_definition") && !c.is("lambda")) work.push(c);
      }
    }
    return out;
  }

  private List<PythonModule> starImports(PythonModule m) {
    List<PythonModule> out = new ArrayList<>();
    Deque<PyNode> work = new ArrayDeque<>();
    work.push(m.root());
    while (!work.isEmpty()) {
      PyNode n = work.pop();
      if (n.is("import_from_statement") && n.firstOfType("wildcard_import") != null) {
        PyNode mod = n.child("module_name");
        if (mod == null) continue;
        int level = 0;
        String dotted = mod.text();
        if (mod.is("relative_import")) {
          PyNode prefix = mod.firstOfType("import_prefix");
          level = prefix == null ? 0 : prefix.text().length();
          PyNode dn = mod.firstOfType("dotted_name");
          dotted = dn == null ? "" : dn.text();
        }
        program.find(m, level, dotted).ifPresent(out::add);
        continue;
      }
      for (PyNode c : n.children()) if (!c.is("function_definition") && !c.is("class_definition")) work.push(c);
    }
    return out;
  }

  private List<CorsPolicy> policiesOf(PythonModule m) {
    CorsHeadersVersion version = forcedVersion != null ? forcedVersion
        : CorsHeadersVersion.forProject(layout.requirementFiles(), f -> tree.read(f, new ArrayList<>()), m.path());
    boolean devModule = ProjectLayout.isDevelopmentModule(m.path());
    record Variant(Boolean debug, Environment environment, String label) {}
    List<Variant> variants = devModule
        ? List.of(new Variant(null, Environment.DEVELOPMENT, ""))
        : List.of(new Variant(false, Environment.PRODUCTION, ""), new Variant(true, Environment.DEVELOPMENT, "with DEBUG = True"));
    List<CorsPolicy> out = new ArrayList<>();
    String first = null;
    for (Variant v : variants) {
      List<Notice> local = new ArrayList<>();
      boolean development = v.environment() == Environment.DEVELOPMENT;
      Evaluator.Imports imports = (from, level, dotted) -> program.find(from, level, dotted)
          .filter(t -> development || ProjectLayout.isDevelopmentModule(from.path()) || !ProjectLayout.isDevelopmentModule(t.path()));
      Evaluator ev = new Evaluator(imports, library(version), v.debug());
      Namespace ns = ev.module(m);
      if (!SettingsReader.configuresCors(ns)) return out;
      local.addAll(ev.notices());
      SourceSpan firstSetting = firstCorsSetting(ns, m.path());
      MiddlewareStack.Result mw = MiddlewareStack.analyze(m, ns, program, firstSetting, local);
      if (mw.corsAt() != null && SettingsReader.installsApp(ns) == Tri.NO) {
        local.add(Notice.note("corsheaders is not in INSTALLED_APPS: CorsMiddleware still works, but django-cors-headers' system checks (corsheaders.E001-E014) never run",
            ns.get("INSTALLED_APPS").map(Namespace.Binding::at).orElse(SourceSpan.file(m.path()))));
      }
      String root = layout.rootOf(m.path());
      List<Usage> usages = usagesOfRoot.apply(root);
      SettingsReader reader = new SettingsReader(m.path(), ns, version, local);
      CorsHeadersConfig config = reader.read(v.environment(), v.label(), mw, usages);
      String fingerprint = fingerprint(config);
      if (first != null && first.equals(fingerprint)) continue; // DEBUG changes nothing CORS reads
      if (first == null) first = fingerprint;
      notices.addAll(local);
      List<Alternative<String>> defaults = reader.assumedDefaults();
      CorsHeadersPolicy withInputsSet = defaults.isEmpty() ? null : new CorsHeadersPolicy(
          new SettingsReader(m.path(), ns, version, new ArrayList<>(), true).read(v.environment(), v.label(), mw, usages), List.of(), null);
      out.add(new CorsHeadersPolicy(config, defaults, withInputsSet));
    }
    return out;
  }

  private static SourceSpan firstCorsSetting(Namespace ns, String path) {
    SourceSpan best = null;
    for (String n : SettingsReader.CORS_SETTINGS) {
      SourceSpan at = ns.get(n).map(Namespace.Binding::at).orElse(null);
      if (at != null && (best == null || at.compareTo(best) < 0)) best = at;
    }
    return best;
  }

  /** Everything the middleware reads, without the scope's wording. */
  private static String fingerprint(CorsHeadersConfig c) {
    return List.of(String.valueOf(c.middlewareAt()), c.allowAll(), c.credentials(), c.origins(), c.regexes(),
        c.allowHeaders(), c.allowMethods(), c.exposeHeaders(), c.maxAge(), c.urls(), c.privateNetwork(), c.layers()).toString();
  }

  /** {@code corsheaders.defaults}: the default header and method tuples of the project's version. */
  static Evaluator.Library library(CorsHeadersVersion version) {
    return name -> {
      if (name.equals("corsheaders.defaults.default_headers")) return Optional.of(tuple(version.defaultHeaders()));
      if (name.equals("corsheaders.defaults.default_methods")) return Optional.of(tuple(CorsHeadersVersion.DEFAULT_METHODS));
      return Optional.empty();
    };
  }

  private static PyValue tuple(List<String> items) {
    List<PyValue> values = new ArrayList<>();
    for (String s : items) values.add(new PyValue.Str(s, null));
    return new PyValue.Seq(PyValue.Seq.Kind.TUPLE, values, null);
  }
}
