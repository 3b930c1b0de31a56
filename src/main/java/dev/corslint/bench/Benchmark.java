package dev.corslint.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times one scan of a tree in a fresh JVM (start-up included, as a build pays it) against {@code grep -rlE} for
 * the CORS keywords over the same tree, which is what reading the bytes once costs. The file cache is warmed by
 * an untimed grep first, so both read from memory.
 */
public final class Benchmark {

  /** What grep looks for: the words any CORS configuration of the four ecosystems contains. */
  public static final String GREP_PATTERN = "Access-Control-|[Cc]ors|CORS|CrossOrigin|http_origin";

  private final List<String> javaOptions;
  private final boolean plainJava;
  private final java.util.Set<Path> warmed = new java.util.HashSet<>();

  /**
   * @param javaOptions options for the scanning JVM (a flight recording, a heap limit)
   * @param plainJava start the scan with {@code java -jar} even when the launcher is there
   */
  public Benchmark(List<String> javaOptions, boolean plainJava) {
    this.javaOptions = List.copyOf(javaOptions);
    this.plainJava = plainJava;
  }

  /** One scan's figures, as the scanning process reported them and as timed from outside. */
  public record Scan(long wallNanos, Map<String, String> reported, long peakKib, String report) {

    public long cpuNanos() {
      return Long.parseLong(reported.getOrDefault("cpu.nanos", "-1"));
    }

    public long figure(String key) {
      return Long.parseLong(reported.getOrDefault(key, "-1"));
    }

    /** Resident memory after each scan of a repeated run, in KiB. */
    public List<Long> residentAfterEach() {
      String v = reported.get("rss.kib");
      if (v == null || v.isEmpty()) return List.of();
      return java.util.Arrays.stream(v.split(",")).map(Long::parseLong).toList();
    }
  }

  /** grep's time and how many files it listed. */
  public record Grep(long wallNanos, int filesMatched) {}

  /** Times grep over {@code tree}, after one untimed run that warms the file cache. */
  public Grep grep(Path tree) throws IOException, InterruptedException {
    if (warmed.add(tree.toAbsolutePath())) runGrep(tree);
    long start = System.nanoTime();
    int matched = runGrep(tree);
    return new Grep(System.nanoTime() - start, matched);
  }

  private static int runGrep(Path tree) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("grep", "-rlE", GREP_PATTERN, tree.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    int lines = 0;
    try (InputStream in = p.getInputStream()) {
      byte[] buf = new byte[65536];
      for (int n; (n = in.read(buf)) > 0; ) {
        for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
      }
    }
    int exit = p.waitFor();
    if (exit > 1) throw new IOException("grep failed with exit code " + exit);
    return lines;
  }

  /**
   * Scans {@code tree} in a new JVM running this corslint.
   *
   * @param threads the scanner's threads, 0 for its default
   * @param repeat scans in that one JVM (resident memory is reported after each)
   */
  public Scan scan(Path tree, int threads, int repeat) throws IOException, InterruptedException {
    Path report = Files.createTempFile("corslint-bench", ".txt");
    try {
      Launch launch = launch();
      List<String> command = new ArrayList<>(launch.command());
      command.addAll(List.of("scan-probe", tree.toString(), "--threads", String.valueOf(threads),
          "--repeat", String.valueOf(repeat), "--report", report.toString()));
      long start = System.nanoTime();
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().putAll(launch.environment());
      Process p = builder.start(); // the launcher execs java, so this pid is the scanning JVM's
      AtomicLong peak = new AtomicLong(-1);
      String pid = String.valueOf(p.pid());
      // The child reports its own peak at its end; polling from outside also sees the JVM's shutdown.
      CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> {
        while (p.isAlive()) {
          peak.accumulateAndGet(ProcMemory.kib(pid, "VmHWM"), Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = p.waitFor();
      long wall = System.nanoTime() - start;
      poll.join();
      if (exit != 0) throw new IOException("the scanning JVM failed with exit code " + exit + ": " + out);
      Map<String, String> reported = new LinkedHashMap<>();
      for (String line : out.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) reported.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
      long childPeak = Long.parseLong(reported.getOrDefault("peak.kib", "-1"));
      return new Scan(wall, reported, Math.max(peak.get(), childPeak), Files.readString(report));
    } finally {
      Files.deleteIfExists(report);
    }
  }

  /**
   * How the scanning JVM is started: the {@code corslint} launcher beside the jar when there is one (what a user
   * runs, with its JVM options; this JVM's Java and {@code --java-option}s are passed to it through
   * {@code JAVA_HOME} and {@code CORSLINT_JAVA_OPTS}), else {@code java -jar corslint.jar}, or java with this
   * process's class path when not running from a jar.
   */
  public record Launch(List<String> command, Map<String, String> environment, String description) {}

  public Launch launch() {
    String javaHome = System.getProperty("java.home");
    Path code;
    try {
      code = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      code = null;
    }
    String classPath = System.getProperty("java.class.path", "");
    boolean fromJar = code != null && code.toString().endsWith(".jar") && Files.isRegularFile(code)
        && !classPath.contains(java.io.File.pathSeparator)
        && Path.of(classPath).toAbsolutePath().normalize().equals(code.toAbsolutePath().normalize());
    Path launcher = fromJar && code.getParent() != null ? code.getParent().resolve("corslint") : null;
    if (!plainJava && launcher != null && Files.isRegularFile(launcher)) {
      return new Launch(List.of("sh", launcher.toString()),
          Map.of("JAVA_HOME", javaHome, "CORSLINT_JAVA_OPTS", String.join(" ", javaOptions)), "launcher " + launcher.getFileName());
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(javaHome, "bin", "java").toString());
    command.addAll(javaOptions);
    if (fromJar) {
      command.addAll(List.of("-jar", code.toString()));
      return new Launch(command, Map.of(), "java -jar");
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.corslint.cli.CorslintCommand"));
    return new Launch(command, Map.of(), "java -cp");
  }
}
