package dev.corslint.ecosystems.express;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corslint.model.Notice;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.treesitter.TSTree;

/**
 * Parsing many files must not grow native memory. tree-sitter trees live outside the Java heap and the
 * bindings free them only when their Java objects are collected, so the parser copies each tree and keeps no
 * reference to it: the tree becomes collectable while its copy is still in use.
 */
class NativeMemoryTest {

  static final Path STATUS = Path.of("/proc/self/status");

  @Test
  void noNativeTreeOutlivesItsCopy() throws InterruptedException {
    List<WeakReference<TSTree>> trees = new ArrayList<>();
    JsParser.treeObserver = t -> trees.add(new WeakReference<>(t));
    List<JsParser.Parsed> kept = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) kept.add(JsParser.parse("f" + i + ".js", "app.use(cors({ origin: 'https://a.example' }));\n", new ArrayList<>()));
    } finally {
      JsParser.treeObserver = null;
    }
    for (int i = 0; i < 50 && trees.stream().anyMatch(w -> w.get() != null); i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(trees).hasSize(20).allMatch(w -> w.get() == null);
    assertThat(kept).allMatch(p -> p.root().text().startsWith("app.use"));
  }

  /**
   * The resident set of a separate JVM with a pre-touched fixed heap, so that what grows is native memory.
   * After a warm-up that lets the JIT and the allocator settle, a retained tree for this input would cost about
   * half a megabyte; 160 of them would show as some 80 MB.
   */
  @Test
  void aLongRunOfParsesDoesNotGrowNativeMemory() throws Exception {
    Assumptions.assumeTrue(Files.isReadable(STATUS), "needs /proc/self/status (Linux)");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch", "-cp", System.getProperty("java.class.path"),
        NativeMemoryProbe.class.getName(), "test-fixtures/express/storefront/src/app.js", "100", "160")
        .redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) out.append(line).append('\n');
    } finally {
      if (!p.waitFor(5, TimeUnit.MINUTES)) p.destroyForcibly();
    }
    String last = out.toString().strip();
    assertThat(last).as(out.toString()).startsWith("growth ");
    long growth = Long.parseLong(last.substring("growth ".length()).strip());
    assertThat(growth).as("resident MB growth over 160 parses").isLessThan(35);
  }
}
