package dev.corslint.ecosystems.django;

import dev.corslint.ecosystems.django.flask.FlaskCorsReader;
import dev.corslint.ecosystems.django.python.PythonModule;
import dev.corslint.ecosystems.django.python.PythonProgram;
import dev.corslint.ecosystems.django.starlette.StarletteCorsReader;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Ecosystem;
import dev.corslint.model.Extraction;
import dev.corslint.model.Extractor;
import dev.corslint.model.Keywords;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.SourceTree;
import dev.corslint.model.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Python web applications: Django with django-cors-headers (settings modules, {@code MIDDLEWARE}), and on the
 * same parser Flask with flask-cors ({@code CORS(app)}, {@code @cross_origin}) and FastAPI/Starlette
 * {@code CORSMiddleware}. One pass parses each Python file once with tree-sitter and hands it to the three
 * readers; request headers and methods the handlers use are attached to every policy of their project.
 */
public final class DjangoExtractor implements Extractor {

  /** Text that makes a Python file an entry point; everything else is reached through them. */
  static final Keywords MARKERS = Keywords.of("CORS_", "corsheaders", "flask_cors", "CORSMiddleware",
      "DJANGO_SETTINGS_MODULE", "INSTALLED_APPS", "MIDDLEWARE", "request.headers", "request.META");

  private final CorsHeadersVersion forcedVersion;

  public DjangoExtractor() {
    this(null);
  }

  /**
   * @param forcedVersion the django-cors-headers version to model whatever the project declares (the live
   *     test uses the installed one), or null to read it from the project's requirement files
   */
  public DjangoExtractor(CorsHeadersVersion forcedVersion) {
    this.forcedVersion = forcedVersion;
  }

  @Override
  public Ecosystem ecosystem() {
    return Ecosystem.DJANGO;
  }

  @Override
  public boolean accepts(SourceFile file, byte[] head) {
    String rel = file.relative();
    if (!rel.endsWith(".py") || PythonProgram.isThirdParty(rel)) return false;
    String name = file.fileName();
    if (name.equals("settings.py") || name.equals("manage.py") || name.equals("wsgi.py") || name.equals("asgi.py")
        || rel.contains("/settings/") || rel.startsWith("settings/")) {
      return true;
    }
    return MARKERS.foundIn(head);
  }

  @Override
  public boolean mayAccept(SourceFile file) {
    return file.relative().endsWith(".py") && !PythonProgram.isThirdParty(file.relative());
  }

  @Override
  public Extraction extract(List<SourceFile> accepted, SourceTree tree) {
    List<Notice> notices = new ArrayList<>();
    List<CorsPolicy> policies = new ArrayList<>();
    PythonProgram program = new PythonProgram(tree, notices);
    ProjectLayout layout = new ProjectLayout(tree);
    List<PythonModule> entries = new ArrayList<>();
    for (SourceFile f : accepted) {
      try {
        Optional<String> text = tree.read(f, notices);
        if (text.isEmpty()) continue;
        entries.add(program.parse(f.relative(), text.get()));
      } catch (RuntimeException | StackOverflowError e) {
        notices.add(Notice.error("internal error while parsing: " + e, SourceSpan.file(f.relative())));
      }
    }
    Map<String, List<Usage>> usagesByRoot = new HashMap<>();
    java.util.function.Function<String, List<Usage>> usages =
        root -> usagesByRoot.computeIfAbsent(root, r -> usagesUnder(r, program, notices));
    runReader("Django settings", notices, () ->
        policies.addAll(new DjangoSettingsScan(program, tree, layout, notices, usages, forcedVersion)
            .policies(entries)));
    runReader("flask-cors", notices, () -> policies.addAll(new FlaskCorsReader(program, layout, notices, usages).read(entries)));
    runReader("Starlette CORSMiddleware", notices, () ->
        policies.addAll(new StarletteCorsReader(program, layout, notices, usages).read(entries)));
    return new Extraction(policies, distinct(notices));
  }

  private static void runReader(String what, List<Notice> notices, Runnable reader) {
    try {
      reader.run();
    } catch (RuntimeException | StackOverflowError e) {
      notices.add(Notice.error("internal error in the " + what + " reader: " + e + "; its configurations were not analysed", null));
    }
  }

  /** Methods and request headers used by the handlers of one project folder. */
  private static List<Usage> usagesUnder(String root, PythonProgram program, List<Notice> notices) {
    List<Usage> out = new ArrayList<>();
    List<String> under = program.paths().stream().filter(p -> ProjectLayout.within(p, root)).toList();
    program.textsContaining(under, HandlerUsages.MARKERS).forEach((p, text) -> {
      try {
        out.addAll(HandlerUsages.collect(program.parse(p, text)));
      } catch (RuntimeException | StackOverflowError e) {
        notices.add(Notice.error("internal error while reading handlers: " + e, SourceSpan.file(p)));
      }
    });
    return HandlerUsages.distinct(out);
  }

  private static List<Notice> distinct(List<Notice> notices) {
    Map<String, Notice> out = new LinkedHashMap<>();
    for (Notice n : notices) out.putIfAbsent(n.level() + n.message() + n.span(), n);
    return new ArrayList<>(out.values());
  }
}
