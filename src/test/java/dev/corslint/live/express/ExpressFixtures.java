package dev.corslint.live.express;

import dev.corslint.ecosystems.express.ExpressExtractor;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Extraction;
import dev.corslint.model.SourceFile;
import dev.corslint.scan.FileSystemSourceTree;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The runnable Express fixtures and how they are started: every live test of Express applications (the
 * model against the server's headers, explain against Chromium) runs the same applications the same way.
 */
public final class ExpressFixtures {

  public static final Path RUNNER_DIR = Path.of("src/test/resources/live/express");
  public static final Path FIXTURES =
      Path.of(System.getProperty("corslint.live.express.fixtures", "test-fixtures/express"));

  private ExpressFixtures() {}

  /**
   * One application file run under one NODE_ENV, with the policies the scan gives it there.
   *
   * @param file the application file, relative to {@link #FIXTURES}
   */
  public record Run(String env, String file, List<CorsPolicy> policies) {
    public String label() {
      return env + " " + file;
    }
  }

  /**
   * The runs of the runnable fixtures: one per application and NODE_ENV, since development-only layers exist
   * only in development.
   */
  public static List<Run> runs() {
    FileSystemSourceTree tree = new FileSystemSourceTree(FIXTURES);
    ExpressExtractor extractor = new ExpressExtractor();
    List<SourceFile> accepted = tree.files().stream().filter(f -> extractor.accepts(f, tree.head(f, 4096))).toList();
    Extraction extraction = extractor.extract(accepted, tree);
    Map<String, List<CorsPolicy>> byApp = new LinkedHashMap<>();
    for (CorsPolicy p : extraction.policies()) {
      String env = ExpressExtractor.developmentView(p) ? "development" : "production";
      ExpressExtractor.applicationFile(p).filter(ExpressFixtures::runnable)
          .ifPresent(f -> byApp.computeIfAbsent(env + " " + f, k -> new ArrayList<>()).add(p));
    }
    List<Run> out = new ArrayList<>();
    for (Map.Entry<String, List<CorsPolicy>> app : byApp.entrySet()) {
      String env = app.getKey().substring(0, app.getKey().indexOf(' '));
      out.add(new Run(env, app.getKey().substring(env.length() + 1), app.getValue()));
    }
    return out;
  }

  /**
   * CommonJS fixtures run as they are and TypeScript fixtures transpiled by the runner; fixtures that need
   * packages the runner does not have (NestJS) cannot run, and a comment 'corslint-live: skip' opts one out.
   */
  private static boolean runnable(String relative) {
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

  /** Why the fixtures cannot run here, or null when Node and the packages are present. */
  public static String missingRuntime() {
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

  /** A fixture application running under Node on a loopback port; closing kills it. */
  public static final class RunningApp implements AutoCloseable {
    private final Process process;
    private final int port;

    private RunningApp(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    public int port() {
      return port;
    }

    /** Starts the run's application under the run's NODE_ENV. */
    public static RunningApp start(Run run) throws IOException, InterruptedException {
      return start(RUNNER_DIR, FIXTURES.resolve(run.file()), run.env(), Set.of());
    }

    /** The application with {@code unset} removed from its environment: the case the code falls back from. */
    public static RunningApp start(Run run, Set<String> unset) throws IOException, InterruptedException {
      return start(RUNNER_DIR, FIXTURES.resolve(run.file()), run.env(), unset);
    }

    /** {@code fixture}, any application file, run by the runner in {@code runnerDir} under {@code nodeEnv}. */
    public static RunningApp start(Path runnerDir, Path fixture, String nodeEnv) throws IOException, InterruptedException {
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
}
