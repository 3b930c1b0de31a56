package dev.corslint.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lines of scanned files, read again from disk when a report shows or fingerprints them. Never throws:
 * a file that is gone, unreadable, too large or outside the scan root simply has no lines.
 */
final class SourceLines {

  /** Larger files were not configuration anyone reads line by line; skip them rather than hold them. */
  private static final long MAX_BYTES = 16L * 1024 * 1024;

  private final Path root;
  private final Map<String, List<String>> files = new HashMap<>();

  SourceLines(Path root) {
    this.root = root == null ? null : root.toAbsolutePath().normalize();
  }

  /** Line {@code line} (1-based) of {@code file} (relative to the root), without its line terminator. */
  Optional<String> line(String file, int line) {
    List<String> lines = files.computeIfAbsent(file, this::read);
    return line >= 1 && line <= lines.size() ? Optional.of(lines.get(line - 1)) : Optional.empty();
  }

  private List<String> read(String file) {
    if (root == null) {
      return List.of();
    }
    try {
      Path path = root.resolve(file).normalize();
      // Reports never read outside the scan root, whatever a finding's path or a symbolic link says.
      if (!path.startsWith(root)
          || !Files.isRegularFile(path)
          || !path.toRealPath().startsWith(root.toRealPath())
          || Files.size(path) > MAX_BYTES) {
        return List.of();
      }
      // Malformed UTF-8 becomes U+FFFD here instead of failing the report.
      return split(new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
    } catch (IOException | InvalidPathException | SecurityException e) {
      return List.of();
    }
  }

  /** Splits on \n, \r\n and \r, as editors and the extractors count lines. */
  static List<String> split(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }
}
