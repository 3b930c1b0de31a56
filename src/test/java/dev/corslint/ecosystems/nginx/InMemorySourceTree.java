package dev.corslint.ecosystems.nginx;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.SourceTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A scan root held in memory, for property tests that build thousands of small trees. */
final class InMemorySourceTree implements SourceTree {

  private final Map<String, String> texts = new TreeMap<>();

  InMemorySourceTree put(String relative, String text) {
    texts.put(relative, text);
    return this;
  }

  private static SourceFile file(String rel, String text) {
    return new SourceFile(Path.of("/memory").resolve(rel), rel, text.getBytes(StandardCharsets.UTF_8).length);
  }

  @Override
  public List<SourceFile> files() {
    List<SourceFile> out = new ArrayList<>();
    texts.forEach((rel, text) -> out.add(file(rel, text)));
    return out;
  }

  @Override
  public Optional<SourceFile> resolve(String relative, SourceSpan requestedAt, List<Notice> notices) {
    String n = NginxIncludeResolver.normalize(relative);
    if (n == null) {
      notices.add(Notice.warning("'" + relative + "' is outside the scan root; not read", requestedAt));
      return Optional.empty();
    }
    String text = texts.get(n);
    if (text == null) {
      notices.add(Notice.warning("'" + n + "' does not exist", requestedAt));
      return Optional.empty();
    }
    return Optional.of(file(n, text));
  }

  @Override
  public Optional<String> read(SourceFile file, List<Notice> notices) {
    return Optional.ofNullable(texts.get(file.relative()));
  }

  @Override
  public List<SourceFile> glob(String pattern) {
    String n = NginxIncludeResolver.normalize(pattern);
    if (n == null) return List.of();
    PathMatcher m;
    try {
      m = FileSystems.getDefault().getPathMatcher("glob:" + n);
    } catch (RuntimeException e) {
      return List.of();
    }
    List<SourceFile> out = new ArrayList<>();
    texts.forEach((rel, text) -> {
      if (m.matches(Path.of(rel))) out.add(file(rel, text));
    });
    return out;
  }

  byte[] head(SourceFile f) {
    byte[] all = texts.get(f.relative()).getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.copyOf(all, Math.min(all.length, 4096));
  }
}
