package dev.corslint.bench;

import dev.corslint.cli.CorslintCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code corslint bench}: how long a scan takes compared with reading the tree once. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Scans PATH (or a generated synthetic monorepo) in a fresh JVM and compares its wall time with"
          + " grep -rlE for the CORS keywords over the same tree (file cache warmed first).",
      "Prints wall and CPU time, files read, files taken per ecosystem, bytes read, peak resident memory and"
          + " the corslint/grep ratio."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done, within --max-ratio", "1:over --max-ratio, output differs by thread count, or memory grew",
        "2:usage or internal error"})
public final class BenchCommand implements Callable<Integer> {

  @Parameters(paramLabel = "PATH", arity = "0..1", description = "Tree to scan (default: the --generate directory).")
  Path path;

  @Option(names = "--generate", paramLabel = "DIR",
      description = "Write the synthetic monorepo to DIR first (kept when it already holds the same tree).")
  Path generate;

  @Option(names = "--files", paramLabel = "N", description = "Files in the generated tree (default: ${DEFAULT-VALUE}).")
  int files = MonorepoGenerator.DEFAULT_FILES;

  @Option(names = "--megabytes", paramLabel = "MB", description = "Size of the generated tree (default: ${DEFAULT-VALUE}).")
  int megabytes = MonorepoGenerator.DEFAULT_MEGABYTES;

  @Option(names = "--small", description = "The CI preset: " + MonorepoGenerator.SMALL_FILES + " files, "
      + MonorepoGenerator.SMALL_MEGABYTES + " MB.")
  boolean small;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the generated tree (default: ${DEFAULT-VALUE}).")
  long seed = 7;

  @Option(names = "--threads", paramLabel = "N", description = "Threads of the scan (default: all cores).")
  int threads;

  @Option(names = "--runs", paramLabel = "N", description = "Time grep and the scan N times each, alternating, and"
      + " compare the fastest of each: other work on the machine only ever slows a run down (default: ${DEFAULT-VALUE}).")
  int runs = 3;

  @Option(names = "--java-option", paramLabel = "OPT",
      description = "Option for the scanning JVM, e.g. -XX:StartFlightRecording=filename=scan.jfr (repeatable).")
  List<String> javaOptions = new ArrayList<>();

  @Option(names = "--plain-java", description = "Start the scan with java -jar even where the corslint launcher is"
      + " beside the jar (by default the launcher is timed: it is what users run).")
  boolean plainJava;

  @Option(names = "--check", description = "Also scan with one thread (the report must be identical) and five times in"
      + " one JVM (resident memory must not grow by more than --max-growth-mb).")
  boolean check;

  @Option(names = "--max-ratio", paramLabel = "X", description = "Exit with 1 when corslint takes more than X times grep.")
  Double maxRatio;

  @Option(names = "--max-growth-mb", paramLabel = "MB", description = "Allowed growth of resident memory between the"
      + " second and the last of the repeated scans (default: ${DEFAULT-VALUE}).")
  int maxGrowthMb = 64;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (generate != null) {
      int n = small ? MonorepoGenerator.SMALL_FILES : files;
      int mb = small ? MonorepoGenerator.SMALL_MEGABYTES : megabytes;
      long start = System.nanoTime();
      MonorepoGenerator.Summary s = new MonorepoGenerator(n, mb, seed).write(generate);
      out.printf(Locale.ROOT, "%s %s: %,d files, %.1f MB, %d CORS configurations%s%n",
          s.reused() ? "kept" : "generated", generate, s.files(), s.bytes() / 1048576.0, s.corsConfigurations(),
          s.reused() ? "" : String.format(Locale.ROOT, " (%.1f s)", seconds(System.nanoTime() - start)));
      out.flush();
    }
    Path tree = path != null ? path : generate;
    if (tree == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give a PATH to scan or --generate DIR");
    }
    if (!Files.isDirectory(tree)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "not a directory: " + tree);
    }
    Benchmark bench = new Benchmark(javaOptions, plainJava);
    Benchmark.Grep grep = bench.grep(tree);
    Benchmark.Scan scan = bench.scan(tree, threads, 1);
    for (int i = 1; i < runs; i++) {
      Benchmark.Grep g = bench.grep(tree);
      if (g.wallNanos() < grep.wallNanos()) grep = g;
      Benchmark.Scan s = bench.scan(tree, threads, 1);
      if (s.wallNanos() < scan.wallNanos()) scan = s;
    }
    double ratio = (double) scan.wallNanos() / grep.wallNanos();
    out.printf(Locale.ROOT, "corslint  wall %.2f s, cpu %.2f s, peak resident %d MB, %s, %s%n", seconds(scan.wallNanos()),
        seconds(scan.cpuNanos()), scan.peakKib() / 1024, threads > 0 ? threads + " threads" : "all cores",
        bench.launch().description());
    out.printf(Locale.ROOT, "          %,d files walked, %,d heads and %,d whole files read, %.1f MB read%n",
        scan.figure("files.walked"), scan.figure("files.head"), scan.figure("files.whole"),
        scan.figure("bytes.read") / 1048576.0);
    StringBuilder eco = new StringBuilder();
    scan.reported().forEach((k, v) -> {
      if (k.startsWith("entry.")) eco.append(eco.length() == 0 ? "" : ", ").append(k.substring(6)).append(' ').append(v);
    });
    out.printf(Locale.ROOT, "          files parsed per ecosystem: %s; %d policies, %d findings%n", eco,
        scan.figure("policies"), scan.figure("findings"));
    out.printf(Locale.ROOT, "          phases: JVM start to main %.2f s, walk %.2f s, sniff %.2f s, extract and rules %.2f s, rest of rules and suppressions %.2f s%n",
        seconds(scan.figure("nanos.toMain")), seconds(scan.figure("nanos.walk")), seconds(scan.figure("nanos.sniff")),
        seconds(scan.figure("nanos.extract")), seconds(scan.figure("nanos.audit")));
    StringBuilder perExtractor = new StringBuilder();
    scan.reported().forEach((k, v) -> {
      if (k.startsWith("nanos.extract.")) {
        perExtractor.append(perExtractor.length() == 0 ? "" : ", ")
            .append(String.format(Locale.ROOT, "%s %.2f s", k.substring(14), seconds(Long.parseLong(v))));
      }
    });
    scan.reported().forEach((k, v) -> {
      if (k.startsWith("nanos.rules.")) {
        perExtractor.append(String.format(Locale.ROOT, ", %s rules %.2f s", k.substring(12), seconds(Long.parseLong(v))));
      }
    });
    if (perExtractor.length() > 0) {
      out.printf(Locale.ROOT, "          CPU per ecosystem (reader, then its policies' rules on the same thread): %s%n", perExtractor);
    }
    out.printf(Locale.ROOT, "grep -rlE wall %.2f s, %,d files matched%n", seconds(grep.wallNanos()), grep.filesMatched());
    out.printf(Locale.ROOT, "ratio     corslint/grep %.2f (fastest of %d runs each)%n", ratio, Math.max(1, runs));
    boolean ok = true;
    if (check) {
      Benchmark.Scan single = bench.scan(tree, 1, 1);
      boolean same = single.report().equals(scan.report());
      out.printf(Locale.ROOT, "determinism: the report with 1 thread is %s (%.2f s wall)%n",
          same ? "identical" : "DIFFERENT", seconds(single.wallNanos()));
      ok &= same;
      Benchmark.Scan repeated = bench.scan(tree, threads, 5);
      List<Long> rss = repeated.residentAfterEach();
      long growth = rss.size() >= 2 ? rss.get(rss.size() - 1) - rss.get(1) : 0;
      out.printf(Locale.ROOT, "memory: resident after each of 5 scans in one JVM (MB): %s; growth after the second %d MB%n",
          rss.stream().map(k -> String.valueOf(k / 1024)).toList(), growth / 1024);
      ok &= growth / 1024 <= maxGrowthMb;
    }
    if (maxRatio != null && ratio > maxRatio) {
      out.printf(Locale.ROOT, "FAIL: ratio %.2f is over --max-ratio %.2f%n", ratio, maxRatio);
      ok = false;
    }
    out.flush();
    return ok ? CorslintCommand.EXIT_CLEAN : CorslintCommand.EXIT_FINDINGS;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
