package dev.corslint.ecosystems.nginx;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Extraction;
import dev.corslint.model.SourceFile;
import dev.corslint.scan.FileSystemSourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes configurations to a directory and runs the extractor over it as the scanner would. */
final class NginxTestFiles {

  private NginxTestFiles() {}

  static Path write(Path root, String relative, String text) {
    try {
      Path p = root.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in = NginxTestFiles.class.getResourceAsStream("/nginx/" + name)) {
      if (in == null) throw new IllegalArgumentException("no test resource nginx/" + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Extraction extract(Path root) {
    FileSystemSourceTree tree = new FileSystemSourceTree(root);
    NginxExtractor extractor = new NginxExtractor();
    List<SourceFile> accepted =
        tree.files().stream().filter(f -> extractor.accepts(f, tree.head(f, 4096))).toList();
    return extractor.extract(accepted, tree);
  }

  /** Extracts a single file {@code nginx.conf} holding {@code text}. */
  static Extraction extract(Path root, String text) {
    write(root, "nginx.conf", text);
    return extract(root);
  }

  /** The policy whose description contains {@code fragment}; fails when there is not exactly one. */
  static CorsPolicy policy(Extraction e, String fragment) {
    List<CorsPolicy> found =
        e.policies().stream().filter(p -> p.scope().description().contains(fragment)).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one policy matching '" + fragment + "' among "
          + e.policies().stream().map(p -> p.scope().description()).toList());
    }
    return found.get(0);
  }
}
