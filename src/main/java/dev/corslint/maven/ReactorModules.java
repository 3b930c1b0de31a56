package dev.corslint.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories of an aggregator's modules, as exclude globs for the aggregator's own scan: each module
 * runs the goal on its own directory, so the aggregator must not scan it a second time.
 */
final class ReactorModules {

  private ReactorModules() {}

  /**
   * @param projectDir the aggregator's base directory, which module paths are relative to
   * @param modules the {@code <modules>} entries: directories, or pom files inside them
   * @param scanRoot the directory the aggregator scans
   * @return a glob relative to {@code scanRoot} for each module directory below it
   */
  static List<String> excludes(Path projectDir, List<String> modules, Path scanRoot) {
    List<String> globs = new ArrayList<>();
    if (modules == null) return globs;
    Path root = scanRoot.toAbsolutePath().normalize();
    for (String module : modules) {
      if (module == null || module.isBlank()) continue;
      Path dir = projectDir.toAbsolutePath().resolve(module.strip()).normalize();
      if (Files.isRegularFile(dir) || module.strip().endsWith(".xml")) {
        dir = dir.getParent();
      }
      if (dir == null || !dir.startsWith(root) || dir.equals(root)) continue;
      globs.add(escape(root.relativize(dir).toString().replace('\\', '/')) + "/**");
    }
    return globs;
  }

  /** A literal path as a glob: the glob's special characters escaped. */
  static String escape(String path) {
    StringBuilder out = new StringBuilder(path.length());
    for (char c : path.toCharArray()) {
      if ("\\*?[]{}".indexOf(c) >= 0) out.append('\\');
      out.append(c);
    }
    return out.toString();
  }
}
