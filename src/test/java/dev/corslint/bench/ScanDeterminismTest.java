package dev.corslint.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.report.JsonReport;
import dev.corslint.rules.RuleCatalog;
import dev.corslint.scan.ScanResult;
import dev.corslint.scan.Scanner;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files are read and extractors run in parallel; what a scan reports must not depend on how many threads. */
class ScanDeterminismTest {

  @TempDir static Path tree;

  @BeforeAll
  static void generate() throws IOException {
    new MonorepoGenerator(600, 4, 11).write(tree);
  }

  @Test
  void theSyntheticMonorepoGivesTheSameReportOnAnyNumberOfThreads() throws IOException {
    String one = report(tree, 1);
    assertThat(one).contains("\"rule\": \"missing-vary-origin\"");
    for (int threads : new int[] {2, 3, 8}) assertThat(report(tree, threads)).as(threads + " threads").isEqualTo(one);
  }

  @Test
  void theFixturesGiveTheSameReportOnAnyNumberOfThreads() throws IOException {
    Path fixtures = Path.of("test-fixtures");
    String one = report(fixtures, 1);
    for (int threads : new int[] {2, 8}) assertThat(report(fixtures, threads)).as(threads + " threads").isEqualTo(one);
  }

  @Test
  void theGeneratorIsDeterministic(@TempDir Path again) throws IOException {
    MonorepoGenerator.Summary first = new MonorepoGenerator(600, 4, 11).write(again);
    assertThat(first.reused()).isFalse();
    assertThat(report(again, 2)).isEqualTo(report(tree, 2).replace(tree.toString(), again.toString()));
    assertThat(new MonorepoGenerator(600, 4, 11).write(again).reused()).isTrue();
  }

  private static String report(Path root, int threads) throws IOException {
    ScanResult result = new Scanner(RuleCatalog.bundled(), Scanner.loadExtractors(), threads).scan(root, null);
    StringWriter out = new StringWriter();
    new JsonReport().write(result, out);
    return out.toString() + "\nnotices:" + result.notices() + "\nfiles:" + result.filesScanned();
  }
}
