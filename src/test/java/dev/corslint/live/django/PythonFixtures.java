package dev.corslint.live.django;

import static org.junit.jupiter.api.Assertions.fail;

import dev.corslint.ecosystems.django.CorsHeadersVersion;
import dev.corslint.ecosystems.django.DjangoExtractor;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Extraction;
import dev.corslint.model.SourceFile;
import dev.corslint.scan.FileSystemSourceTree;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Python fixtures the live tests serve (listed in {@code src/test/resources/live/django/fixtures.txt}), the
 * frameworks installed to serve them, and how one project is served on a loopback port: every live test of
 * Django, Flask and FastAPI applications runs them the same way.
 */
public final class PythonFixtures {

  /** Variables the runner sets for every project, so their unset case never runs. */
  public static final Set<String> RUNNER_SETS = Set.of("PYTHONDONTWRITEBYTECODE", "DJANGO_SECRET_KEY", "DJANGO_SETTINGS_MODULE");

  public static final Path FIXTURES = Path.of("test-fixtures/django");
  static final Path RUNNERS = Path.of("src/test/resources/live/django").toAbsolutePath();
  /** Debian's interpreter, where apt installs the packages; CORSLINT_PYTHON overrides it. */
  static final String PYTHON = System.getenv().getOrDefault("CORSLINT_PYTHON", "/usr/bin/python3");

  private PythonFixtures() {}

  /**
   * One line of fixtures.txt: the framework, the project folder, what to serve, the path to probe and text of
   * the policy's scope that serves it.
   */
  public record Entry(String kind, String project, String target, String path, String scope) {}

  /**
   * The frameworks importable by {@link #PYTHON}, by kind ({@code django}, {@code flask}, {@code fastapi}),
   * what to install for the others, the installed versions, and the django-cors-headers behaviour to model.
   */
  public record Installation(
      Map<String, Boolean> available, Map<String, String> missing, String versions, CorsHeadersVersion version) {

    public static Installation detect() throws IOException, InterruptedException {
      Map<String, String> missing = new LinkedHashMap<>();
      Map<String, Boolean> available = new LinkedHashMap<>();
      available.put("django", canImport("django, corsheaders", missing, "python3-django python3-django-cors-headers"));
      available.put("flask", canImport("flask, flask_cors", missing, "python3-flask python3-flask-cors"));
      available.put("fastapi", canImport("fastapi, starlette, uvicorn", missing, "python3-fastapi python3-uvicorn"));
      String versions = python("import importlib.metadata as m\n"
          + "for p in ['Django','django-cors-headers','Flask','Flask-Cors','fastapi','starlette','uvicorn']:\n"
          + "    try: print(p, m.version(p))\n    except Exception: pass\n").strip().replace('\n', ',');
      CorsHeadersVersion version = versions.contains("django-cors-headers 3.") ? CorsHeadersVersion.V3
          : versions.matches("(?s).*django-cors-headers 4\\.[012]\\b.*") ? CorsHeadersVersion.V4_EARLY : CorsHeadersVersion.V4;
      return new Installation(available, missing, versions, version);
    }

    public boolean any() {
      return available.containsValue(true);
    }

    /** The entries whose framework is installed, by project folder, in the file's order. */
    public Map<String, List<Entry>> byProject() throws IOException {
      Map<String, List<Entry>> out = new LinkedHashMap<>();
      for (Entry e : entries()) if (available.getOrDefault(e.kind(), false)) out.computeIfAbsent(e.project(), k -> new ArrayList<>()).add(e);
      return out;
    }
  }

  /** The lines of fixtures.txt. */
  public static List<Entry> entries() throws IOException {
    List<Entry> out = new ArrayList<>();
    for (String line : Files.readAllLines(RUNNERS.resolve("fixtures.txt"))) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] parts = line.split("\\|");
      String[] pathScope = parts[3].split("=", 2);
      out.add(new Entry(parts[0].strip(), parts[1].strip(), parts[2].strip(), pathScope[0].strip(), pathScope[1].strip()));
    }
    return out;
  }

  /** The policies the scan builds for the project copied to {@code root}. */
  public static Extraction extract(Path root, DjangoExtractor extractor) {
    FileSystemSourceTree tree = new FileSystemSourceTree(root);
    List<SourceFile> accepted = new ArrayList<>();
    for (SourceFile f : tree.files()) if (extractor.accepts(f, tree.head(f, 4096))) accepted.add(f);
    return extractor.extract(accepted, tree);
  }

  /** The production policy whose scope names the entry's text. */
  public static CorsPolicy select(Extraction x, Entry e) {
    List<CorsPolicy> matching = x.policies().stream()
        .filter(p -> p.scope().description().contains(e.scope()) && !p.scope().description().contains("DEBUG = True"))
        .toList();
    if (matching.size() != 1) {
      fail(e.project() + ": expected one policy for '" + e.scope() + "', found "
          + x.policies().stream().map(p -> p.scope().description()).toList());
    }
    return matching.get(0);
  }

  /** One project served on a loopback port; closing ends the server. */
  public static final class RunningProject implements AutoCloseable {
    private final Process process;
    private final int port;

    private RunningProject(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    /**
     * Serves the project copied to {@code dir} as {@code entry} says (the entries of one project serve the same
     * application) and waits until it listens.
     */
    public static RunningProject start(Entry entry, Path dir) throws Exception {
      return start(entry, dir, Set.of());
    }

    /** The same, with {@code unset} removed from the server's environment: the case the code falls back from. */
    public static RunningProject start(Entry entry, Path dir, Set<String> unset) throws Exception {
      int port = freePort();
      RunningProject p = new RunningProject(PythonFixtures.start(entry, dir, port, unset), port);
      try {
        awaitPort(p.process, port, dir);
        return p;
      } catch (Exception | AssertionError e) {
        p.close();
        throw e;
      }
    }

    public int port() {
      return port;
    }

    @Override
    public void close() throws InterruptedException {
      stop(process);
    }
  }

  private static Process start(Entry e, Path dir, int port, Set<String> unset) throws IOException {
    List<String> cmd = switch (e.kind()) {
      case "django" -> List.of(PYTHON, RUNNERS.resolve("serve_django.py").toString(), dir.toString(), e.target(), String.valueOf(port));
      case "flask" -> List.of(PYTHON, RUNNERS.resolve("serve_flask.py").toString(), dir.toString(), e.target(), String.valueOf(port));
      default -> List.of(PYTHON, "-m", "uvicorn", "--app-dir", dir.toString(), "--host", "127.0.0.1", "--port",
          String.valueOf(port), "--log-level", "warning", e.target());
    };
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    for (String variable : unset) pb.environment().remove(variable);
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    pb.environment().putIfAbsent("DJANGO_SECRET_KEY", "live-test-only");
    pb.environment().remove("DJANGO_SETTINGS_MODULE");
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("server.log").toFile());
    return pb.start();
  }

  private static void awaitPort(Process p, int port, Path dir) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) fail("server for " + dir.getFileName() + " exited: " + log(dir));
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    fail("server for " + dir.getFileName() + " did not listen on " + port + ": " + log(dir));
  }

  private static String log(Path dir) {
    try {
      return Files.readString(dir.resolve("server.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void stop(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean canImport(String modules, Map<String, String> missing, String packages) {
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import " + modules).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() == 0) return true;
      missing.put(modules, "install " + packages + " (" + out.strip().lines().reduce((a, b) -> b).orElse("") + ")");
    } catch (IOException | InterruptedException e) {
      missing.put(modules, "no " + PYTHON + ": " + e.getMessage());
    }
    return false;
  }

  private static String python(String code) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(PYTHON, "-c", code).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(target);
        else Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
    }
  }
}
