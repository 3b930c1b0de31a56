package dev.corslint.ecosystems.express;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Ecosystem;
import dev.corslint.model.Extraction;
import dev.corslint.model.Extractor;
import dev.corslint.model.Keywords;
import dev.corslint.model.Notice;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.SourceTree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Node.js servers: Express with the {@code cors} package or hand-written CORS headers, NestJS (which hands its
 * options to the same package), and the front-end code of the same repository that calls them with
 * {@code fetch} or {@code axios}. JavaScript and TypeScript are parsed with tree-sitter; {@code .tsx} has no
 * grammar of its own and is parsed with the TypeScript grammar, falling back to the JavaScript grammar (which
 * knows JSX) when that leaves fewer syntax errors.
 */
public final class ExpressExtractor implements Extractor {

  /**
   * How much to read.
   *
   * @param skippedDirectories directories whose files are never analysed (dependencies, build output)
   * @param maxLineLength a file with a longer line is taken for a minified bundle and skipped
   * @param maxParseBytes files above this size are skipped with a notice
   */
  public record Options(Set<String> skippedDirectories, int maxLineLength, long maxParseBytes) {

    public static final Set<String> DEFAULT_SKIPPED = Set.of("node_modules", "dist", "build", ".next", "out", "coverage", "bower_components");

    public static Options defaults() {
      return new Options(DEFAULT_SKIPPED, 2_000, 1_000_000);
    }

    /**
     * The defaults, adjusted by system properties: {@code corslint.node.skip} (comma-separated directory
     * names, empty for none), {@code corslint.node.maxLineLength}, {@code corslint.node.maxBytes}.
     */
    public static Options fromSystemProperties() {
      Options d = defaults();
      Set<String> skipped = d.skippedDirectories();
      String s = System.getProperty("corslint.node.skip");
      if (s != null) {
        skipped = new HashSet<>();
        for (String part : s.split(",")) if (!part.isBlank()) skipped.add(part.strip());
      }
      return new Options(Set.copyOf(skipped), intProperty("corslint.node.maxLineLength", d.maxLineLength()),
          intProperty("corslint.node.maxBytes", (int) d.maxParseBytes()));
    }

    private static int intProperty(String name, int fallback) {
      try {
        String v = System.getProperty(name);
        return v == null ? fallback : Integer.parseInt(v.strip());
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
  }

  private static final List<String> EXTENSIONS = List.of(".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx");
  /** A file is parsed only when it mentions one of these: everything else cannot hold CORS facts. */
  private static final Keywords KEYWORDS = Keywords.of(
      "cors", "Access-Control-", "access-control-", "express", "fetch(", "axios", "enableCors", "@nestjs", "Router(");

  private final Options options;

  public ExpressExtractor() {
    this(Options.fromSystemProperties());
  }

  public ExpressExtractor(Options options) {
    this.options = options;
  }

  @Override
  public Ecosystem ecosystem() {
    return Ecosystem.EXPRESS;
  }

  /** The name decides, so no file is opened to sniff it: a head says nothing a whole-text check later would not. */
  @Override
  public boolean needsHead(SourceFile file) {
    return false;
  }

  @Override
  public boolean accepts(SourceFile file, byte[] head) {
    String rel = file.relative();
    String lower = rel.toLowerCase(Locale.ROOT);
    if (EXTENSIONS.stream().noneMatch(lower::endsWith) || lower.endsWith(".d.ts") || lower.contains(".min.")) return false;
    for (String segment : rel.split("/")) if (options.skippedDirectories().contains(segment)) return false;
    return !DevelopmentFiles.isTest(rel);
  }

  @Override
  public Extraction extract(List<SourceFile> accepted, SourceTree tree) {
    List<Notice> notices = new ArrayList<>();
    JsProject project = new JsProject(tree, options, notices);
    ExpressApps apps = new ExpressApps();
    Interpreter in = new Interpreter(project, apps);
    AppBuilder builder = new AppBuilder(in, apps, notices);
    for (Map.Entry<SourceFile, String> f : tree.textsContaining(accepted, KEYWORDS, notices).entrySet()) {
      try {
        project.module(f.getKey(), f.getValue());
      } catch (RuntimeException | StackOverflowError e) {
        notices.add(Notice.error("internal error while reading this file: " + e, SourceSpan.file(f.getKey().relative())));
      }
    }
    Set<JsModule> walked = new HashSet<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (JsModule m : project.parsedModules()) {
        if (!walked.add(m)) continue;
        progress = true;
        try {
          builder.walk(m);
        } catch (RuntimeException | StackOverflowError e) {
          notices.add(Notice.error("internal error while analysing this file: " + e, SourceSpan.file(m.relative())));
        }
      }
    }
    List<ExpressPolicy> policies = new ArrayList<>();
    try {
      List<ExpressStack> nest = apps.stacks().stream().filter(s -> s.framework.equals("NestJS")).toList();
      NestControllers.addRoutes(project.parsedModules(), nest, builder.prefixes);
      ExpressSimulator simulator = new ExpressSimulator(in);
      policies.addAll(new PolicyFactory(in, simulator).build(apps.stacks()));
      new FrontEndCalls(in).attach(policies, project.parsedModules(), notices);
    } catch (RuntimeException | StackOverflowError e) {
      notices.add(Notice.error("internal error while building Express policies: " + e, null));
    }
    List<CorsPolicy> all = new ArrayList<>(policies);
    try {
      all.addAll(NextHeaders.policies(in, project.parsedModules()));
    } catch (RuntimeException | StackOverflowError e) {
      notices.add(Notice.error("internal error while reading Next.js headers(): " + e, null));
    }
    for (CorsPolicy p : all) unknownsAsNotices(p, notices);
    if (in.exhausted()) {
      notices.add(Notice.note("some JavaScript took more analysis steps than allowed; values from it are treated as unknown", null));
    }
    return new Extraction(all, notices);
  }

  private static void unknownsAsNotices(CorsPolicy p, List<Notice> notices) {
    for (OriginMatcher leaf : p.allowedOrigins().leaves()) {
      if (leaf instanceof OriginMatcher.Opaque o) {
        notices.add(Notice.note("allowed origins not known statically (" + o.reason() + "); rules judge only what is known", o.span()));
      }
    }
    if (p.credentials().isUnknown()) {
      notices.add(Notice.note("whether credentials are allowed is not known statically", p.credentials().where().orElse(p.scope().span())));
    }
  }

  /**
   * The file that creates the application a policy of this extractor belongs to (for starting it in a live
   * test or naming it in an explanation); empty for other policies.
   */
  public static Optional<String> applicationFile(CorsPolicy policy) {
    return policy instanceof ExpressPolicy p ? Optional.of(p.application().module.relative()) : Optional.empty();
  }

  /** Whether a policy of this extractor describes the application as it runs with NODE_ENV=development. */
  public static boolean developmentView(CorsPolicy policy) {
    return policy instanceof ExpressPolicy p && p.view() == ExpressStack.Env.DEVELOPMENT;
  }

  /** The full route paths a policy of this extractor covers, for probing. */
  public static List<String> coveredPaths(CorsPolicy policy) {
    if (!(policy instanceof ExpressPolicy p)) return List.of();
    List<String> out = new ArrayList<>();
    for (RouteSites.Site s : p.covered) if (!out.contains(s.fullSample())) out.add(s.fullSample());
    return out;
  }
}
