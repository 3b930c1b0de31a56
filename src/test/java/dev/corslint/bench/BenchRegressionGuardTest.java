package dev.corslint.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The benchmark on the small synthetic tree, as CI runs it: a scan in a fresh JVM may take at most
 * {@link #MAX_RATIO} times grep's time over the same tree, its report must not depend on the thread count, and
 * five scans in one JVM must not grow its resident memory. The only timed test: it compares two programs timed in
 * the same minute on the same machine, fastest of three runs each, never an absolute time.
 */
@Tag("bench")
class BenchRegressionGuardTest {

  /**
   * On the small tree grep needs about 0.05 s while the scanning JVM spends most of its time starting, loading
   * classes and compiling: the ratio measured 19-31 on a 2-core machine under a load of 5-7 (25-28 before the
   * scan was made parallel; README, "Benchmark"), of which JVM start-up alone is about 12. 60 leaves room for a
   * slower CI machine with a faster disk. It is a smoke alarm for gross regressions only (the scan's own work,
   * about 0.6 s here, growing three- or fourfold: a walk into node_modules, whole files read instead of heads,
   * a lookup that goes quadratic); smaller changes show in the full-size bench, not here.
   */
  static final double MAX_RATIO = 60;

  /** Resident memory may move with the collector; a leak of native parser memory grows it scan after scan. */
  static final long MAX_GROWTH_KIB = 64 * 1024;

  @Test
  void theSmallTreeScansWithinTheRatioDeterministicallyAndWithoutGrowingMemory() throws Exception {
    assumeTrue(grepAvailable(), "grep is not installed");
    Path tree = Path.of("target", "bench-small");
    new MonorepoGenerator(MonorepoGenerator.SMALL_FILES, MonorepoGenerator.SMALL_MEGABYTES, 7).write(tree);
    Benchmark bench = new Benchmark(List.of(), false);

    Benchmark.Grep grep = bench.grep(tree);
    Benchmark.Scan scan = bench.scan(tree, 0, 1);
    for (int i = 1; i < 3; i++) {
      Benchmark.Grep g = bench.grep(tree);
      if (g.wallNanos() < grep.wallNanos()) grep = g;
      Benchmark.Scan s = bench.scan(tree, 0, 1);
      if (s.wallNanos() < scan.wallNanos()) scan = s;
    }
    double ratio = (double) scan.wallNanos() / grep.wallNanos();
    System.out.printf("bench guard: corslint %.2f s, grep %.3f s, ratio %.1f (bound %.0f), peak %d MB%n",
        scan.wallNanos() / 1e9, grep.wallNanos() / 1e9, ratio, MAX_RATIO, scan.peakKib() / 1024);
    assertThat(scan.figure("findings")).as("findings on the small tree").isPositive();

    Benchmark.Scan single = bench.scan(tree, 1, 1);
    assertThat(single.report()).as("report with one thread").isEqualTo(scan.report());

    Benchmark.Scan repeated = bench.scan(tree, 0, 5);
    List<Long> rss = repeated.residentAfterEach();
    System.out.println("bench guard: resident KiB after each of 5 scans " + rss);
    if (!rss.isEmpty() && rss.get(0) > 0) {
      assertThat(rss).hasSize(5);
      assertThat(rss.get(4) - rss.get(1)).as("resident growth from scan 2 to 5, KiB: " + rss).isLessThan(MAX_GROWTH_KIB);
    }
    assertThat(ratio).as("corslint/grep on the small tree").isLessThan(MAX_RATIO);
  }

  private static boolean grepAvailable() {
    return Files.isExecutable(Path.of("/usr/bin/grep")) || Files.isExecutable(Path.of("/bin/grep"));
  }
}
