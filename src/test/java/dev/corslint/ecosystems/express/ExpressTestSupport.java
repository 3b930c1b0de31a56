package dev.corslint.ecosystems.express;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Extraction;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Response;
import dev.corslint.model.SourceFile;
import dev.corslint.scan.FileSystemSourceTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes small projects to a folder and extracts their policies. */
final class ExpressTestSupport {

  private ExpressTestSupport() {}

  static Extraction extract(Path dir, Map<String, String> files) {
    write(dir, files);
    FileSystemSourceTree tree = new FileSystemSourceTree(dir);
    ExpressExtractor x = new ExpressExtractor(ExpressExtractor.Options.defaults());
    List<SourceFile> accepted = tree.files().stream().filter(f -> x.accepts(f, tree.head(f, 4096))).toList();
    return x.extract(accepted, tree);
  }

  static Extraction extract(Path dir, String file, String text) {
    return extract(dir, Map.of(file, text));
  }

  static void write(Path dir, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> e : files.entrySet()) {
        Path p = dir.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The only policy, or the one whose scope description contains {@code part}. */
  static CorsPolicy policy(Extraction x, String part) {
    List<CorsPolicy> ps = x.policies().stream().filter(p -> p.scope().description().contains(part)).toList();
    if (ps.size() != 1) throw new AssertionError("expected one policy matching '" + part + "' in " + x.policies());
    return ps.get(0);
  }

  static CorsPolicy only(Extraction x) {
    if (x.policies().size() != 1) throw new AssertionError("expected one policy: " + x.policies() + " notices " + x.notices());
    return x.policies().get(0);
  }

  /** Header values by name, as the lines would be sent ({@code ?} for unknown values). */
  static Map<String, List<String>> headers(Response r) {
    return r.headers().stream().collect(Collectors.groupingBy(h -> h.name().toLowerCase(java.util.Locale.ROOT),
        java.util.LinkedHashMap::new, Collectors.mapping(ExpressTestSupport::text, Collectors.toList())));
  }

  private static String text(HeaderLine h) {
    return h.value().get().orElse("?");
  }

  static int status(Response r) {
    return r.status().get().orElseThrow(() -> new AssertionError("status unknown: " + r.status()));
  }
}
