package dev.corslint.ecosystems.express;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.Notice;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Parsing many files must not grow native memory: tree-sitter trees live outside the Java heap and are freed
 * only when their Java objects are collected, so the parser copies each tree and lets it go at once. A
 * retained tree for this input costs about half a megabyte; 160 of them would show as some 80 MB.
 */
class NativeMemoryTest {

  private static final Path STATUS = Path.of("/proc/self/status");

  @Test
  void aLongRunOfParsesDoesNotGrowTheResidentSet() throws Exception {
    Assumptions.assumeTrue(Files.isReadable(STATUS), "needs /proc/self/status (Linux)");
    String text = Files.readString(Path.of("test-fixtures/express/storefront/src/app.js")).repeat(20);
    List<Notice> notices = new ArrayList<>();
    for (int i = 0; i < 30; i++) JsParser.parse("warm-up.js", text, notices);
    long before = settledNativeMegabytes();
    for (int i = 0; i < 160; i++) JsParser.parse("file" + i + ".js", text, notices);
    long after = settledNativeMegabytes();
    assertThat(after - before).as("growth of resident memory outside the JVM's heaps over 160 parses, MB (before " + before + ")")
        .isLessThan(35);
    assertThat(notices).isEmpty();
  }

  /** Resident memory minus what the JVM has committed for its heaps: what native allocations hold. */
  private static long settledNativeMegabytes() throws IOException, InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200); // lets the cleaner thread free the collected trees
    }
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long jvm = mem.getHeapMemoryUsage().getCommitted() + mem.getNonHeapMemoryUsage().getCommitted();
    for (String line : Files.readAllLines(STATUS)) {
      if (line.startsWith("VmRSS:")) return (Long.parseLong(line.replaceAll("\\D", "")) * 1024 - jvm) / (1024 * 1024);
    }
    throw new IllegalStateException("no VmRSS");
  }
}
