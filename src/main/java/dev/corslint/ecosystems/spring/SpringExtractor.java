package dev.corslint.ecosystems.spring;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Ecosystem;
import dev.corslint.model.Environment;
import dev.corslint.model.Extraction;
import dev.corslint.model.Extractor;
import dev.corslint.model.Notice;
import dev.corslint.model.Scope;
import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.SourceTree;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Spring applications: Java sources (JavaParser) and {@code application*.yml}/{@code .properties} (SnakeYAML,
 * {@code java.util.Properties}). Each application (the folder of its build file) is modelled once with no profile
 * active and once per profile that changes something, a development profile counting as development. Kotlin
 * sources are noticed, not analysed.
 */
public final class SpringExtractor implements Extractor {

  private static final List<String> BUILD_FILES = List.of("pom.xml", "build.gradle", "build.gradle.kts");
  private static final Set<String> DEVELOPMENT_PROFILES = Set.of("dev", "develop", "development", "local", "test", "testing");

  public SpringExtractor() {}

  @Override
  public Ecosystem ecosystem() {
    return Ecosystem.SPRING;
  }

  /** The name decides, so no file is opened to sniff it: a head says nothing a whole-text check later would not. */
  @Override
  public boolean needsHead(SourceFile file) {
    return false;
  }

  @Override
  public boolean accepts(SourceFile file, byte[] head) {
    String rel = file.relative();
    if (rel.contains("/src/test/") || rel.startsWith("src/test/")) return false;
    String name = file.fileName();
    if (name.endsWith(".java")) return true;
    if (name.endsWith(".kt")) return true;
    return ConfigReader.isConfigFile(name);
  }

  @Override
  public Extraction extract(List<SourceFile> accepted, SourceTree tree) {
    List<Notice> notices = new ArrayList<>();
    List<CorsPolicy> policies = new ArrayList<>();
    Set<String> buildDirs = new TreeSet<>();
    Map<String, SourceFile> buildFiles = new LinkedHashMap<>();
    for (SourceFile f : tree.files()) {
      if (BUILD_FILES.contains(f.fileName())) {
        String dir = dir(f.relative());
        buildDirs.add(dir);
        buildFiles.putIfAbsent(dir, f);
      }
    }
    Map<String, List<SourceFile>> byApp = new LinkedHashMap<>();
    for (SourceFile f : accepted) byApp.computeIfAbsent(appRoot(f.relative(), buildDirs), k -> new ArrayList<>()).add(f);
    for (Map.Entry<String, List<SourceFile>> app : byApp.entrySet()) {
      try {
        policies.addAll(extractApp(app.getKey(), app.getValue(), tree, buildFiles, buildDirs, notices));
      } catch (RuntimeException | StackOverflowError e) {
        notices.add(Notice.error("internal error in the Spring reader for '" + (app.getKey().isEmpty() ? "." : app.getKey()) + "': " + e
            + "; this application was not analysed", null));
      }
    }
    // variants of one application read the same files: report each problem once
    return new Extraction(policies, new ArrayList<>(new LinkedHashSet<>(notices)));
  }

  private List<CorsPolicy> extractApp(String root, List<SourceFile> files, SourceTree tree, Map<String, SourceFile> buildFiles,
      Set<String> buildDirs, List<Notice> notices) {
    List<SourceFile> javaFiles = new ArrayList<>();
    List<ConfigDocument> documents = new ArrayList<>();
    for (SourceFile f : files) {
      String name = f.fileName();
      if (name.endsWith(".java")) {
        javaFiles.add(f);
      } else if (name.endsWith(".kt")) {
        if (tree.readIfContains(f, JavaSources.PREFILTER, notices).isPresent()) {
          notices.add(Notice.note("Kotlin sources are not analysed: the CORS or security configuration in this file is not checked",
              SourceSpan.file(f.relative())));
        }
      } else {
        tree.read(f, notices).ifPresent(text -> documents.addAll(ConfigReader.read(f.relative(), name, text, notices)));
      }
    }
    boolean configMatters = documents.stream().anyMatch(d -> d.properties().keySet().stream().anyMatch(SpringExtractor::corsKey));
    JavaSources java = new JavaSources(javaFiles, tree, notices);
    if (java.relevantUnits().isEmpty() && !configMatters) return List.of();
    SpringAppBuilder.Stack stack = stack(root, tree, buildFiles, buildDirs, notices);
    String appName = root.isEmpty() ? "." : root;
    SpringAppBuilder builder = new SpringAppBuilder(appName, java, documents, stack, notices);

    List<CorsPolicy> out = new ArrayList<>();
    SpringAppBuilder.Built base = builder.build(null, Environment.PRODUCTION);
    List<SpringCorsPolicy> basePolicies = ScopePlanner.policies(base.app());
    out.addAll(basePolicies);
    Set<String> read = base.properties().keysRead();
    // profile variants: only those that change a property the model read, or a @Profile-guarded declaration
    Set<String> profiles = new LinkedHashSet<>();
    for (ConfigDocument d : documents) profiles.addAll(d.profilesNamed());
    Set<String> codeProfiles = ScopePlanner.codeProfiles(java, base.properties());
    profiles.addAll(codeProfiles);
    for (String p : profiles) {
      boolean changes = codeProfiles.contains(p);
      for (ConfigDocument d : documents) {
        if (!d.appliesTo(Set.of(p)) || d.appliesTo(Set.of())) continue;
        for (String key : d.properties().keySet()) {
          if (read.stream().anyMatch(r -> key.equals(r) || key.startsWith(r + "."))) changes = true;
        }
      }
      if (!changes) continue;
      Environment env = isDevelopment(p) ? Environment.DEVELOPMENT : Environment.PRODUCTION;
      out.addAll(ScopePlanner.policies(builder.build(p, env).app()));
    }
    return out;
  }

  static boolean isDevelopment(String profile) {
    for (String token : profile.toLowerCase(Locale.ROOT).split("[-_.]")) {
      if (DEVELOPMENT_PROFILES.contains(token)) return true;
    }
    return false;
  }

  private static boolean corsKey(String canonical) {
    return canonical.contains("globalcors") || canonical.startsWith("management.endpoints.web.cors")
        || canonical.startsWith("spring.cloud.gateway");
  }

  /** The build file's view of the stack: WebFlux, the security starter (with its line), the gateway. */
  private static SpringAppBuilder.Stack stack(String root, SourceTree tree, Map<String, SourceFile> buildFiles, Set<String> buildDirs,
      List<Notice> notices) {
    boolean webflux = false;
    boolean gateway = false;
    boolean webmvc = false;
    SourceSpan security = null;
    // the application's build file and its parents (a multi-module parent declares shared dependencies)
    for (String dir : buildDirs) {
      if (!(root.equals(dir) || dir.isEmpty() || root.startsWith(dir + "/"))) continue;
      SourceFile f = buildFiles.get(dir);
      Optional<String> text = tree.read(f, new ArrayList<>());
      if (text.isEmpty()) continue;
      String[] lines = text.get().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String l = lines[i];
        if (l.contains("spring-boot-starter-webflux")) webflux = true;
        if (l.contains("spring-boot-starter-web") && !l.contains("webflux") && !l.contains("web-services")) webmvc = true;
        if (l.contains("spring-cloud-starter-gateway") && !l.contains("mvc")) gateway = true;
        if (security == null && (l.contains("spring-boot-starter-security") || l.contains("spring-boot-starter-oauth2-resource-server"))) {
          int col = l.indexOf("spring-boot-starter") + 1;
          security = new SourceSpan(f.relative(), i + 1, col, i + 1, l.stripTrailing().length() + 1);
        }
      }
    }
    return new SpringAppBuilder.Stack(webflux && !webmvc, security, gateway);
  }

  private static String dir(String relative) {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? "" : relative.substring(0, slash);
  }

  /** The application a file belongs to: the nearest folder with a build file, else the folder above src/main. */
  static String appRoot(String relative, Set<String> buildDirs) {
    String d = dir(relative);
    while (true) {
      if (buildDirs.contains(d)) return d;
      if (d.isEmpty()) break;
      d = dir(d);
    }
    int src = relative.indexOf("src/main/");
    if (src >= 0) return src == 0 ? "" : relative.substring(0, src - 1);
    return "";
  }

  /** Scope description suffix for a profile variant. */
  static String profileSuffix(String profile) {
    return profile == null ? "" : " (profile " + profile + ")";
  }

  static Scope scope(SpringApp app, String description, SourceSpan span, String pathPattern) {
    Value<Boolean> tls = app.tls;
    return new Scope(Ecosystem.SPRING, description + profileSuffix(app.profile), span, app.contextPath + pathPattern,
        app.environment, tls, app.host);
  }
}
