package dev.corslint.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a deterministic synthetic monorepo: mostly JavaScript/TypeScript, Python and Java sources and assets
 * that have nothing to do with CORS, {@code node_modules} and build folders, and a few hundred real-looking
 * CORS configurations of every ecosystem (nginx, Django/Flask/FastAPI, Express, Spring) spread through it.
 * The same size and seed always give the same bytes, so runs on different machines compare.
 */
public final class MonorepoGenerator {

  /** The target: about 25,000 files and 350 MB. */
  public static final int DEFAULT_FILES = 25_000;
  public static final int DEFAULT_MEGABYTES = 350;
  /** A tree for CI: small enough to write and scan in a few seconds. */
  public static final int SMALL_FILES = 1_500;
  public static final int SMALL_MEGABYTES = 20;

  /** Written last; its text names the parameters, so an identical tree is not written twice. */
  static final String MARKER = ".corslint-bench";

  private final int files;
  private final long bytes;
  private final long seed;

  public MonorepoGenerator(int files, int megabytes, long seed) {
    if (files < 100) throw new IllegalArgumentException("at least 100 files");
    if (megabytes < 1) throw new IllegalArgumentException("at least 1 MB");
    this.files = files;
    this.bytes = megabytes * 1024L * 1024L;
    this.seed = seed;
  }

  /** What the generator writes, counted. */
  public record Summary(int files, long bytes, int corsConfigurations, boolean reused) {}

  /**
   * Writes the tree below {@code dir}. An existing tree written with the same parameters is kept as it is;
   * anything else in {@code dir} is left alone but may be overwritten.
   */
  public Summary write(Path dir) throws IOException {
    Path marker = dir.resolve(MARKER);
    String signature = signature();
    if (Files.isRegularFile(marker) && Files.readString(marker).startsWith(signature)) {
      String[] counts = Files.readString(marker).substring(signature.length()).strip().split(" ");
      return new Summary(Integer.parseInt(counts[0]), Long.parseLong(counts[1]), Integer.parseInt(counts[2]), true);
    }
    Files.deleteIfExists(marker);
    Plan plan = new Plan(dir, new SplittableRandom(seed));
    plan.build();
    Summary s = plan.writeAll();
    Files.writeString(marker, signature + s.files() + " " + s.bytes() + " " + s.corsConfigurations() + "\n");
    return s;
  }

  private String signature() {
    return "corslint synthetic monorepo v1 files=" + files + " bytes=" + bytes + " seed=" + seed + "\n";
  }

  /** One file to write: text made on demand so a 350 MB tree never sits in memory. */
  private record Planned(String path, FileKind kind, int size, long seed, boolean cors) {}

  private final class Plan {
    final Path dir;
    final SplittableRandom random;
    final List<Planned> planned = new ArrayList<>();
    int cors;

    Plan(Path dir, SplittableRandom random) {
      this.dir = dir;
      this.random = random;
    }

    void build() {
      add(".gitignore", FileKind.GITIGNORE, 0, false);
      // A few hundred CORS configurations for the default tree, at least a couple of dozen for a small one.
      int configurations = Math.max(24, files / 80);
      int budgetForConfig = 0;
      for (int s = 0; cors < configurations; s++) {
        switch (s % 6) {
          case 0 -> { // a Django service
            String base = "services/py-" + name(s);
            add(base + "/manage.py", FileKind.MANAGE_PY, 0, false);
            add(base + "/requirements.txt", FileKind.REQUIREMENTS, 0, false);
            add(base + "/config/__init__.py", FileKind.INIT_PY, 0, false);
            add(base + "/config/settings.py", FileKind.DJANGO_SETTINGS, 0, true);
            add(base + "/api/__init__.py", FileKind.INIT_PY, 0, false);
            add(base + "/api/views.py", FileKind.DJANGO_VIEWS, 0, false);
            budgetForConfig += 6;
          }
          case 1 -> { // a Flask or FastAPI service
            String base = "services/py-" + name(s);
            add(base + "/requirements.txt", FileKind.REQUIREMENTS, 0, false);
            add(base + "/app/__init__.py", FileKind.INIT_PY, 0, false);
            add(base + "/app/main.py", (s / 6) % 2 == 0 ? FileKind.FLASK_APP : FileKind.FASTAPI_APP, 0, true);
            budgetForConfig += 3;
          }
          case 2, 3 -> { // an Express service
            String base = "apps/node-" + name(s);
            add(base + "/package.json", FileKind.PACKAGE_JSON, 0, false);
            add(base + "/src/app." + (s % 2 == 0 ? "js" : "ts"), FileKind.EXPRESS_APP, 0, true);
            budgetForConfig += 2;
          }
          case 4 -> { // a Spring service
            String base = "backend/svc-" + name(s);
            String pkg = "src/main/java/com/example/" + name(s).replace('-', '_');
            add(base + "/pom.xml", FileKind.POM, 0, false);
            add(base + "/" + pkg + "/web/CorsConfig.java", FileKind.SPRING_CONFIG, 0, true);
            add(base + "/" + pkg + "/web/OrdersController.java", FileKind.SPRING_CONTROLLER, 0, true);
            budgetForConfig += 3;
          }
          default -> { // nginx in front of several services
            add("deploy/nginx/conf.d/" + name(s) + ".conf", FileKind.NGINX, 0, true);
            add("infra/" + name(s) + "/nginx/nginx.conf", FileKind.NGINX, 0, true);
            budgetForConfig += 2;
          }
        }
      }
      int remaining = files - planned.size();
      // Where the rest goes: dependencies and build output (most of the bytes), sources, assets.
      int nodeModules = remaining * 22 / 100;
      int buildOutput = remaining * 8 / 100;
      int assets = remaining * 10 / 100;
      int sources = remaining - nodeModules - buildOutput - assets;
      List<Planned> heavy = new ArrayList<>();
      for (int i = 0; i < sources; i++) {
        int r = random.nextInt(100);
        String area;
        FileKind kind;
        if (r < 30) {
          area = "apps/web-" + name(i % 40) + "/src/" + folder(i) + "/" + word(i) + i + ".ts";
          kind = FileKind.TS;
        } else if (r < 45) {
          area = "apps/node-" + name(i % 30) + "/lib/" + folder(i) + "/" + word(i) + i + ".js";
          kind = FileKind.JS;
        } else if (r < 70) {
          area = "services/py-" + name(i % 30) + "/" + word(i + 3) + "/" + word(i) + "_" + i + ".py";
          kind = FileKind.PY;
        } else {
          area = "backend/svc-" + name(i % 30) + "/src/main/java/com/example/" + name(i % 30).replace('-', '_')
              + "/" + folder(i) + "/" + capital(word(i)) + i + ".java";
          kind = FileKind.JAVA;
        }
        int size = 1_500 + random.nextInt(9_000);
        add(area, kind, size, false);
      }
      for (int i = 0; i < assets; i++) {
        int r = random.nextInt(100);
        String base = "apps/web-" + name(i % 40) + "/public/";
        if (r < 30) add(base + "img/" + word(i) + i + ".png", FileKind.PNG, 0, false);
        else if (r < 55) add(base + "css/" + word(i) + i + ".css", FileKind.CSS, 2_000 + random.nextInt(20_000), false);
        else if (r < 75) add(base + "icons/" + word(i) + i + ".svg", FileKind.SVG, 800 + random.nextInt(4_000), false);
        else if (r < 90) add(base + "data/" + word(i) + i + ".json", FileKind.JSON, 500 + random.nextInt(8_000), false);
        else add("docs/" + folder(i) + "/" + word(i) + i + ".md", FileKind.MARKDOWN, 1_000 + random.nextInt(6_000), false);
      }
      for (int i = 0; i < nodeModules; i++) {
        String pkg = word(i % 300) + "-" + word(i % 7 + 11);
        String path = "apps/web-" + name(i % 40) + "/node_modules/" + pkg + "/" + (i % 5 == 0 ? "dist" : "lib") + "/"
            + word(i) + i + ".js";
        add(path, FileKind.JS, 1_000 + random.nextInt(12_000), false);
      }
      for (int i = 0; i < buildOutput; i++) {
        int r = random.nextInt(100);
        String app = "apps/web-" + name(i % 40);
        if (r < 40) add(app + "/dist/assets/" + word(i) + "-" + hex(i) + ".js", FileKind.MINIFIED_BUNDLE, 0, false);
        else if (r < 60) add(app + "/dist/assets/" + word(i) + "-" + hex(i) + ".js.map", FileKind.SOURCE_MAP, 0, false);
        else if (r < 80) add(app + "/.next/cache/" + hex(i) + ".js", FileKind.MINIFIED_BUNDLE, 0, false);
        else add("backend/svc-" + name(i % 30) + "/build/classes/" + word(i) + i + ".js", FileKind.JS,
            1_000 + random.nextInt(5_000), false);
      }
      for (int i = 0; i < Math.max(2, files / 5_000); i++) add("apps/web-" + name(i) + "/package-lock.json", FileKind.LOCKFILE, 0, false);
      // The byte budget left over goes to the heavy files: images, bundles, source maps and lock files.
      long fixed = budgetForConfig * 3_000L;
      for (Planned p : planned) {
        fixed += p.size();
        if (p.size() == 0 && switch (p.kind()) {
          case PNG, MINIFIED_BUNDLE, SOURCE_MAP, LOCKFILE -> true;
          default -> false;
        }) {
          heavy.add(p);
        }
      }
      long left = Math.max(heavy.size() * 2_000L, bytes - fixed);
      double[] weights = new double[heavy.size()];
      double total = 0;
      for (int i = 0; i < weights.length; i++) {
        weights[i] = 0.2 + random.nextDouble() * random.nextDouble() * 4;
        total += weights[i];
      }
      java.util.Map<Planned, Integer> sizes = new java.util.HashMap<>();
      for (int i = 0; i < heavy.size(); i++) {
        sizes.put(heavy.get(i), (int) Math.min(6_000_000, Math.max(2_000, left * weights[i] / total)));
      }
      planned.replaceAll(p -> sizes.containsKey(p) ? new Planned(p.path(), p.kind(), sizes.get(p), p.seed(), false) : p);
    }

    void add(String path, FileKind kind, int size, boolean isCors) {
      planned.add(new Planned(path, kind, size, random.nextLong(), isCors));
      if (isCors) cors++;
    }

    Summary writeAll() throws IOException {
      long written = 0;
      for (Planned p : planned) {
        Path file = dir.resolve(p.path());
        Files.createDirectories(file.getParent());
        byte[] content = Content.of(p.kind(), p.size(), new SplittableRandom(p.seed()));
        Files.write(file, content);
        written += content.length;
      }
      return new Summary(planned.size(), written, cors, false);
    }
  }

  private static final String[] WORDS = {
    "account", "billing", "cart", "catalog", "checkout", "customer", "dashboard", "delivery", "export", "feed",
    "gateway", "history", "inbox", "invoice", "ledger", "metrics", "notify", "order", "payment", "profile",
    "query", "report", "search", "session", "shipment", "stock", "tenant", "upload", "user", "wallet"
  };

  static String word(int i) {
    return WORDS[Math.floorMod(i * 7 + i / 30, WORDS.length)];
  }

  private static String name(int i) {
    return WORDS[i % WORDS.length] + (i >= WORDS.length ? "-" + (i / WORDS.length) : "");
  }

  private static String folder(int i) {
    return new String[] {"components", "hooks", "models", "services", "utils", "handlers", "store", "domain"}[i % 8];
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String hex(int i) {
    return Integer.toHexString(i * 2_654_435 + 0x1f3a).toLowerCase(Locale.ROOT);
  }

  static byte[] ascii(CharSequence s) {
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }
}
