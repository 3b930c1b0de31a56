package dev.corslint.live.express;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.corslint.ecosystems.express.ExpressExtractor;
import dev.corslint.model.Alternative;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Extraction;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.SourceFile;
import dev.corslint.model.Tri;
import dev.corslint.rules.AttackerOrigins;
import dev.corslint.scan.FileSystemSourceTree;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Starts every runnable Express fixture with Node and the real {@code express} and {@code cors} packages (pinned
 * by the lock file in {@code src/test/resources/live/express}, TypeScript fixtures transpiled with the pinned
 * {@code typescript}) on a loopback port, sends real preflight and
 * actual requests from legitimate and attacker origins, and compares what the server sent with what the
 * policies' {@code respond} predicts: status, every {@code Access-Control-*} line and {@code Vary}. Skipped when
 * Node or the packages are missing, unless {@code CORSLINT_REQUIRE_LIVE=1}.
 */
@Tag("live")
class ExpressLiveTest {

  static final Path RUNNER_DIR = Path.of("src/test/resources/live/express");
  static final Path FIXTURES = Path.of(System.getProperty("corslint.live.express.fixtures", "test-fixtures/express"));
  /** Variables the runner sets for every fixture, so their unset case never runs. */
  private static final Set<String> RUNNER_SETS = Set.of("PORT", "NODE_PATH", "NODE_ENV");
  private static final List<String> COMPARED = List.of(
      "access-control-allow-origin", "access-control-allow-credentials", "access-control-allow-methods",
      "access-control-allow-headers", "access-control-expose-headers", "access-control-max-age",
      "access-control-allow-private-network", "vary");

  @Test
  void fixturesAnswerAsTheirPoliciesPredict() throws Exception {
    boolean required = "1".equals(System.getenv("CORSLINT_REQUIRE_LIVE"));
    String missing = missingRuntime();
    if (missing != null) {
      if (required) fail("CORSLINT_REQUIRE_LIVE=1 but " + missing);
      Assumptions.abort(missing);
    }
    FileSystemSourceTree tree = new FileSystemSourceTree(FIXTURES);
    ExpressExtractor extractor = new ExpressExtractor();
    List<SourceFile> accepted = tree.files().stream().filter(f -> extractor.accepts(f, tree.head(f, 4096))).toList();
    Extraction extraction = extractor.extract(accepted, tree);
    // One run per application and NODE_ENV: development-only layers exist only in development.
    Map<String, List<CorsPolicy>> byApp = new LinkedHashMap<>();
    for (CorsPolicy p : extraction.policies()) {
      String env = ExpressExtractor.developmentView(p) ? "development" : "production";
      ExpressExtractor.applicationFile(p).filter(this::runnable)
          .ifPresent(f -> byApp.computeIfAbsent(env + " " + f, k -> new ArrayList<>()).add(p));
    }
    List<String> mismatches = new ArrayList<>();
    Set<String> fixtures = new java.util.TreeSet<>();
    int probes = 0;
    int policies = 0;
    for (Map.Entry<String, List<CorsPolicy>> app : byApp.entrySet()) {
      String env = app.getKey().substring(0, app.getKey().indexOf(' '));
      String file = app.getKey().substring(env.length() + 1);
      fixtures.add(file);
      // The server runs with the variables the code falls back from unset, so each policy's answer in that
      // case (what explain reports for it) must be the server's answer.
      Set<String> unset = new java.util.TreeSet<>();
      for (CorsPolicy p : app.getValue()) {
        for (Alternative<CorsPolicy> a : p.alternatives()) if (!RUNNER_SETS.contains(a.input())) unset.add(a.input());
      }
      try (RunningApp server = RunningApp.start(RUNNER_DIR, FIXTURES.resolve(file), env, unset)) {
        for (CorsPolicy p : app.getValue()) {
          policies++;
          List<Alternative<CorsPolicy>> cases = p.alternatives().stream().filter(a -> unset.contains(a.input())).toList();
          for (Request r : probes(p)) {
            probes++;
            RawHttp.Reply real = RawHttp.send(server.port(), r);
            compare(app.getKey(), p, r, real, mismatches);
            for (Alternative<CorsPolicy> a : cases) compare(app.getKey() + " when " + a.when(), a.value(), r, real, mismatches);
          }
        }
      } catch (IOException e) {
        mismatches.add(app.getKey() + ": could not run: " + e.getMessage());
      }
    }
    System.out.println("express live: " + fixtures.size() + " fixtures, " + policies + " policies, " + probes + " probes, "
        + mismatches.size() + " mismatches");
    assertThat(byApp).as("runnable Express fixtures under " + FIXTURES).isNotEmpty();
    assertThat(mismatches).as("model vs real server:\n  " + String.join("\n  ", mismatches.subList(0, Math.min(60, mismatches.size()))))
        .isEmpty();
  }

  /**
   * CommonJS fixtures run as they are and TypeScript fixtures transpiled by the runner; fixtures that need
   * packages the runner does not have (NestJS) cannot run, and a comment 'corslint-live: skip' opts one out.
   */
  private boolean runnable(String relative) {
    boolean typescript = relative.endsWith(".ts");
    if (!relative.endsWith(".js") && !relative.endsWith(".cjs") && !typescript) return false;
    try {
      String text = Files.readString(FIXTURES.resolve(relative));
      boolean esm = text.contains("\nimport ") || text.startsWith("import ");
      return !text.contains("corslint-live: skip") && !text.contains("@nestjs/") && (typescript || !esm);
    } catch (IOException e) {
      return false;
    }
  }

  static String missingRuntime() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return "node is not runnable";
      }
    } catch (IOException e) {
      return "node is not installed";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    for (String pkg : List.of("express", "cors", "typescript")) {
      if (!Files.isRegularFile(RUNNER_DIR.resolve("node_modules").resolve(pkg).resolve("package.json"))) {
        return "npm package '" + pkg + "' is not installed in " + RUNNER_DIR + " (run npm ci there)";
      }
    }
    return null;
  }

  /** Legitimate, attacker and absent origins; actual requests and preflights; the scope's own paths. */
  static List<Request> probes(CorsPolicy p) {
    Set<String> paths = new LinkedHashSet<>();
    paths.add(p.samplePath());
    for (String s : ExpressExtractor.coveredPaths(p)) {
      if (paths.size() >= 4) break;
      paths.add(s);
    }
    String legit = legitOrigin(p.allowedOrigins());
    Set<String> originSet = new LinkedHashSet<>();
    originSet.add(legit);
    for (String o : p.allowedOrigins().intendedOrigins()) if (originSet.size() < 4) originSet.add(o);
    originSet.add("https://attacker.example");
    originSet.add("null");
    String host = legit.replaceFirst("^https?://", "");
    originSet.add("http://" + host);
    // The look-alikes the security rules try, so that the real engine's answer backs theirs.
    for (AttackerOrigins.Candidate c : AttackerOrigins.lookAlikes(legit)) if (originSet.size() < 14) originSet.add(c.origin());
    List<String> origins = new ArrayList<>(originSet);
    origins.add(null);
    List<Request> out = new ArrayList<>();
    for (String path : paths) {
      for (String o : origins) {
        out.add(Request.actual(path, "GET", o));
        out.add(Request.actual(path, "POST", o));
        out.add(Request.actual(path, "PUT", o));
        if (o == null) continue;
        out.add(Request.preflight(path, o, "PUT", List.of("content-type", "authorization")));
        out.add(Request.preflight(path, o, "DELETE", List.of()));
        out.add(Request.preflight(path, o, "GET", List.of("x-api-key")));
      }
    }
    return out;
  }

  private static String legitOrigin(OriginMatcher m) {
    for (String o : m.intendedOrigins()) if (m.accepts(o) == Tri.YES) return o;
    return "https://app.example.com";
  }

  private static void compare(String app, CorsPolicy p, Request r, RawHttp.Reply real, List<String> out) {
    String what = app + " [" + p.scope().description() + "] " + describe(r);
    Response model = p.respond(r);
    // A status that follows the request's handlerStatus is what the route's own code decides from its data
    // (a 404 for an unknown id): the model leaves it to the caller, so it is not compared.
    boolean handlerDecides = !p.respond(r.withHandlerStatus(299)).status().get().equals(model.status().get());
    if (model.status().isKnown() && !handlerDecides && model.status().get().orElse(-1) != real.status()) {
      out.add(what + ": status model " + model.status().get().orElse(-1) + " real " + real.status());
    }
    for (String name : COMPARED) {
      List<HeaderLine> lines = model.all(name);
      if (lines.stream().anyMatch(h -> !h.value().isKnown())) continue;
      List<String> predicted = lines.stream().map(h -> h.value().get().orElse("")).toList();
      List<String> sent = real.all(name);
      if (!predicted.equals(sent)) out.add(what + ": " + name + " model " + predicted + " real " + sent);
    }
  }

  private static String describe(Request r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.method()).append(' ').append(r.path()).append(" Origin=").append(r.origin());
    if (r.requestMethod() != null) sb.append(" ACRM=").append(r.requestMethod());
    if (!r.requestHeaders().isEmpty()) sb.append(" ACRH=").append(String.join(",", r.requestHeaders()));
    return sb.toString();
  }

  /** A fixture application running under Node on a loopback port; closing kills it. */
  static final class RunningApp implements AutoCloseable {
    private final Process process;
    private final int port;

    private RunningApp(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    int port() {
      return port;
    }

    static RunningApp start(Path runnerDir, Path fixture, String nodeEnv) throws IOException, InterruptedException {
      return start(runnerDir, fixture, nodeEnv, Set.of());
    }

    static RunningApp start(Path runnerDir, Path fixture, String nodeEnv, Set<String> unset) throws IOException, InterruptedException {
      int port = freePort();
      ProcessBuilder pb = new ProcessBuilder("node", runnerDir.resolve("run-fixture.js").toAbsolutePath().toString(),
          fixture.toAbsolutePath().toString());
      for (String variable : unset) pb.environment().remove(variable);
      pb.environment().put("PORT", Integer.toString(port));
      pb.environment().put("NODE_PATH", runnerDir.resolve("node_modules").toAbsolutePath().toString());
      pb.environment().put("NODE_ENV", nodeEnv);
      pb.redirectErrorStream(true);
      Process proc = pb.start();
      RunningApp app = new RunningApp(proc, port);
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder log = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
          if (out.ready()) {
            String line = out.readLine();
            if (line == null) break;
            if (line.startsWith("LISTENING ")) {
              drain(out);
              return app;
            }
            log.append(line).append('\n');
          } else if (!proc.isAlive()) {
            break;
          } else {
            Thread.sleep(20);
          }
        }
        throw new IOException("did not start: " + log.toString().strip());
      } catch (IOException | InterruptedException | RuntimeException e) {
        app.close();
        throw e;
      }
    }

    /** Keeps reading the server's output so that it never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
      Thread t = new Thread(() -> {
        try {
          while (out.readLine() != null) {
            // discarded
          }
        } catch (IOException ignored) {
          // the process ended
        }
      }, "express-fixture-output");
      t.setDaemon(true);
      t.start();
    }

    private static int freePort() throws IOException {
      try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      }
    }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** HTTP/1.1 over a plain socket, so that repeated header lines arrive as they were sent. */
  static final class RawHttp {

    record Reply(int status, List<String[]> headers) {
      List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) if (h[0].equalsIgnoreCase(name)) out.add(h[1]);
        return out;
      }
    }

    static Reply send(int port, Request r) throws IOException {
      StringBuilder req = new StringBuilder();
      req.append(r.method()).append(' ').append(r.path()).append(" HTTP/1.1\r\n");
      req.append("Host: 127.0.0.1:").append(port).append("\r\n");
      if (r.origin() != null) req.append("Origin: ").append(r.origin()).append("\r\n");
      if (r.requestMethod() != null) req.append("Access-Control-Request-Method: ").append(r.requestMethod()).append("\r\n");
      if (!r.requestHeaders().isEmpty()) req.append("Access-Control-Request-Headers: ").append(String.join(",", r.requestHeaders())).append("\r\n");
      if (!r.method().equals("GET") && !r.method().equals("HEAD") && !r.method().equals("OPTIONS")) req.append("Content-Length: 0\r\n");
      req.append("Connection: close\r\n\r\n");
      try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
        s.setSoTimeout(10_000);
        s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        String statusLine = in.readLine();
        if (statusLine == null) throw new IOException("no answer to " + describe(r));
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
          int colon = line.indexOf(':');
          if (colon > 0) headers.add(new String[] {line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip()});
        }
        return new Reply(status, headers);
      }
    }
  }
}
