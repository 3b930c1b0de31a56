package dev.corslint.live.django;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.corslint.ecosystems.django.CorsHeadersVersion;
import dev.corslint.ecosystems.django.DjangoExtractor;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Extraction;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
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
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Python policies against the real servers: each runnable fixture under {@code test-fixtures/django/}
 * (listed in {@code src/test/resources/live/django/fixtures.txt}) is served on a loopback port with the
 * installed Debian packages (Django with django-cors-headers under wsgiref, Flask with flask-cors under
 * wsgiref, FastAPI/Starlette under uvicorn) and probed with real preflights and actual requests from
 * legitimate, look-alike and attacker origins. For every probe the model's status (for preflights, which the
 * CORS layer answers) and its {@code Access-Control-*} lines, and whether {@code Vary} names {@code Origin},
 * must equal what the server sent. The model is built for the installed django-cors-headers version.
 *
 * <p>Skipped when the packages are absent, unless {@code CORSLINT_REQUIRE_LIVE=1}. Every probe and its result
 * are written to {@code target/live/django/python-live-report.txt}.
 */
@Tag("live")
class PythonLiveTest {

  private static final Path FIXTURES = Path.of("test-fixtures/django");
  private static final Path RUNNERS = Path.of("src/test/resources/live/django").toAbsolutePath();
  private static final Path WORK = Path.of("target/live/django").toAbsolutePath();
  /** Debian's interpreter, where apt installs the packages; CORSLINT_PYTHON overrides it. */
  private static final String PYTHON = System.getenv().getOrDefault("CORSLINT_PYTHON", "/usr/bin/python3");
  private static final String ATTACKER = "https://attacker.example";

  private record Entry(String kind, String project, String target, String path, String scope) {}

  private record Probe(Request request, String description) {}

  @Test
  void policiesAnswerLikeTheRealServers() throws Exception {
    boolean required = "1".equals(System.getenv("CORSLINT_REQUIRE_LIVE"));
    Map<String, String> missing = new LinkedHashMap<>();
    Map<String, Boolean> available = new LinkedHashMap<>();
    available.put("django", canImport("django, corsheaders", missing, "python3-django python3-django-cors-headers"));
    available.put("flask", canImport("flask, flask_cors", missing, "python3-flask python3-flask-cors"));
    available.put("fastapi", canImport("fastapi, starlette, uvicorn", missing, "python3-fastapi python3-uvicorn"));
    if (required && !missing.isEmpty()) fail("CORSLINT_REQUIRE_LIVE=1 but the live test cannot run: " + missing);
    Assumptions.assumeTrue(available.containsValue(true), "no Python web framework installed: " + missing);

    String versions = python("import importlib.metadata as m\n"
        + "for p in ['Django','django-cors-headers','Flask','Flask-Cors','fastapi','starlette','uvicorn']:\n"
        + "    try: print(p, m.version(p))\n    except Exception: pass\n").strip().replace('\n', ',');
    CorsHeadersVersion version = versions.contains("django-cors-headers 3.") ? CorsHeadersVersion.V3
        : versions.matches("(?s).*django-cors-headers 4\\.[012]\\b.*") ? CorsHeadersVersion.V4_EARLY : CorsHeadersVersion.V4;

    List<Entry> entries = entries();
    Map<String, List<Entry>> byProject = new LinkedHashMap<>();
    for (Entry e : entries) if (available.getOrDefault(e.kind(), false)) byProject.computeIfAbsent(e.project(), k -> new ArrayList<>()).add(e);

    List<String> mismatches = new ArrayList<>();
    List<String> report = new ArrayList<>();
    int probes = 0;
    Set<String> policiesSeen = new LinkedHashSet<>();
    deleteTree(WORK);
    for (Map.Entry<String, List<Entry>> project : byProject.entrySet()) {
      Path dir = WORK.resolve(project.getKey());
      copyTree(FIXTURES.resolve(project.getKey()), dir);
      Extraction extraction = extract(dir, new DjangoExtractor(version));
      Entry first = project.getValue().get(0);
      int port = freePort();
      Process server = start(first, dir, port);
      try {
        awaitPort(server, port, dir);
        for (Entry e : project.getValue()) {
          CorsPolicy policy = select(extraction, e);
          policiesSeen.add(e.project() + " " + policy.scope().description());
          for (Probe p : probes(policy, e.path())) {
            probes++;
            String diff = compare(policy.respond(p.request()), send(port, p.request()), p.request());
            String where = e.project() + " " + p.description();
            report.add((diff == null ? "same  " : "DIFF  ") + where + (diff == null ? "" : "\n      " + diff));
            if (diff != null) mismatches.add(where + ": " + diff);
          }
        }
      } finally {
        stop(server);
      }
    }
    String summary = "python live: " + byProject.size() + " fixtures, " + policiesSeen.size() + " policies, " + probes
        + " probes, " + mismatches.size() + " mismatches (" + versions + "; model " + version.label() + ")";
    System.out.println(summary);
    Files.createDirectories(WORK);
    Files.writeString(WORK.resolve("python-live-report.txt"), summary + "\n" + String.join("\n", report) + "\n");
    assertThat(mismatches).as(summary + "\n  " + String.join("\n  ", mismatches)).isEmpty();
    assertThat(probes).isPositive();
  }

  // ---------------------------------------------------------------- probes

  private static List<Probe> probes(CorsPolicy policy, String path) {
    Set<String> origins = new LinkedHashSet<>();
    List<String> intended = policy.allowedOrigins().intendedOrigins().stream().filter(o -> o.startsWith("http")).limit(3).toList();
    origins.addAll(intended);
    for (OriginMatcher leaf : policy.allowedOrigins().leaves()) {
      if (leaf instanceof OriginMatcher.Exact x && origins.size() < 8) origins.add(x.origin());
    }
    origins.add(ATTACKER);
    origins.add("null");
    String base = intended.isEmpty() ? "https://app.example.com" : intended.get(0);
    origins.add(base + ".attacker.example");
    if (base.startsWith("https://")) origins.add("http://" + base.substring("https://".length()));
    List<String> withNone = new ArrayList<>(origins);
    withNone.add(null);
    List<Probe> out = new ArrayList<>();
    for (String o : withNone) {
      out.add(probe(new Request(path, "GET", o, null, List.of(), false, 200)));
      out.add(probe(new Request(path, "GET", o, null, List.of(), true, 200)));
      out.add(probe(new Request(path, "POST", o, null, List.of(), false, 200)));
      out.add(probe(new Request(path, "OPTIONS", o, null, List.of(), false, 200)));
      if (o == null) continue;
      out.add(probe(Request.preflight(path, o, "PUT", List.of("authorization", "content-type"))));
      out.add(probe(Request.preflight(path, o, "DELETE", List.of())));
      out.add(probe(Request.preflight(path, o, "GET", List.of("x-requested-with"))));
    }
    return out;
  }

  private static Probe probe(Request r) {
    StringBuilder d = new StringBuilder(r.method()).append(' ').append(r.path());
    d.append(" Origin: ").append(r.origin() == null ? "(none)" : r.origin());
    if (r.requestMethod() != null) d.append(" ACRM: ").append(r.requestMethod());
    if (!r.requestHeaders().isEmpty()) d.append(" ACRH: ").append(String.join(",", r.requestHeaders()));
    if (r.credentials()) d.append(" (cookie)");
    return new Probe(r, d.toString());
  }

  private static RawHttp.Answer send(int port, Request r) throws IOException {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    if (r.origin() != null) headers.add(new AbstractMap.SimpleEntry<>("Origin", r.origin()));
    if (r.requestMethod() != null) headers.add(new AbstractMap.SimpleEntry<>("Access-Control-Request-Method", r.requestMethod()));
    if (!r.requestHeaders().isEmpty()) headers.add(new AbstractMap.SimpleEntry<>("Access-Control-Request-Headers", String.join(",", r.requestHeaders())));
    if (r.credentials()) headers.add(new AbstractMap.SimpleEntry<>("Cookie", "sessionid=live"));
    return RawHttp.send(port, r.method(), r.path(), headers);
  }

  /** Null when the model predicted the answer; otherwise what differs. */
  private static String compare(Response model, RawHttp.Answer real, Request r) {
    List<String> problems = new ArrayList<>();
    if (r.isPreflight()) {
      String expected = model.status().get().map(String::valueOf).orElse("unknown");
      if (!expected.equals(String.valueOf(real.status()))) problems.add("status " + expected + " expected, " + real.status() + " sent");
    }
    List<String> expected = new ArrayList<>();
    for (HeaderLine h : model.headers()) {
      if (!h.name().regionMatches(true, 0, "Access-Control-", 0, 15)) continue;
      expected.add(h.name().toLowerCase(Locale.ROOT) + ": " + h.value().get().orElse("<unknown: " + h.value() + ">"));
    }
    List<String> actual = new ArrayList<>();
    for (RawHttp.Header h : real.headers()) {
      if (h.name().regionMatches(true, 0, "Access-Control-", 0, 15)) actual.add(h.name().toLowerCase(Locale.ROOT) + ": " + h.value());
    }
    expected.sort(null);
    actual.sort(null);
    if (!expected.equals(actual)) problems.add("expected " + expected + ", sent " + actual);
    boolean modelVary = model.all("Vary").stream().anyMatch(h -> h.value().get().map(PythonLiveTest::namesOrigin).orElse(false));
    boolean realVary = real.all("Vary").stream().anyMatch(h -> namesOrigin(h.value()));
    if (modelVary != realVary) problems.add("Vary: Origin " + (modelVary ? "expected but not sent" : "sent but not expected"));
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  private static boolean namesOrigin(String vary) {
    for (String t : vary.split(",")) if (t.strip().equalsIgnoreCase("origin")) return true;
    return false;
  }

  // ---------------------------------------------------------------- fixtures and policies

  private static List<Entry> entries() throws IOException {
    List<Entry> out = new ArrayList<>();
    for (String line : Files.readAllLines(RUNNERS.resolve("fixtures.txt"))) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] parts = line.split("\\|");
      String[] pathScope = parts[3].split("=", 2);
      out.add(new Entry(parts[0].strip(), parts[1].strip(), parts[2].strip(), pathScope[0].strip(), pathScope[1].strip()));
    }
    return out;
  }

  private static Extraction extract(Path root, DjangoExtractor extractor) {
    FileSystemSourceTree tree = new FileSystemSourceTree(root);
    List<SourceFile> accepted = new ArrayList<>();
    for (SourceFile f : tree.files()) if (extractor.accepts(f, tree.head(f, 4096))) accepted.add(f);
    return extractor.extract(accepted, tree);
  }

  /** The production policy whose scope names the entry's text. */
  private static CorsPolicy select(Extraction x, Entry e) {
    List<CorsPolicy> matching = x.policies().stream()
        .filter(p -> p.scope().description().contains(e.scope()) && !p.scope().description().contains("DEBUG = True"))
        .toList();
    if (matching.size() != 1) {
      fail(e.project() + ": expected one policy for '" + e.scope() + "', found "
          + x.policies().stream().map(p -> p.scope().description()).toList());
    }
    return matching.get(0);
  }

  // ---------------------------------------------------------------- processes

  private static Process start(Entry e, Path dir, int port) throws IOException {
    List<String> cmd = switch (e.kind()) {
      case "django" -> List.of(PYTHON, RUNNERS.resolve("serve_django.py").toString(), dir.toString(), e.target(), String.valueOf(port));
      case "flask" -> List.of(PYTHON, RUNNERS.resolve("serve_flask.py").toString(), dir.toString(), e.target(), String.valueOf(port));
      default -> List.of(PYTHON, "-m", "uvicorn", "--app-dir", dir.toString(), "--host", "127.0.0.1", "--port",
          String.valueOf(port), "--log-level", "warning", e.target());
    };
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
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

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(target);
        else Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
    }
  }
}
