package dev.corslint.ecosystems.django;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Extraction;
import dev.corslint.model.Notice;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.SourceFile;
import dev.corslint.scan.FileSystemSourceTree;
import dev.corslint.scan.ScanResult;
import dev.corslint.scan.Scanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A small Python project written to a folder, read by {@link DjangoExtractor} or scanned with every rule. */
final class PythonProject {

  private final Path root;
  private final Map<String, String> files = new TreeMap<>();

  PythonProject(Path root) {
    this.root = root;
  }

  PythonProject file(String relative, String text) {
    files.put(relative, text);
    try {
      Path p = root.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Extraction extract() {
    return extract(new DjangoExtractor());
  }

  Extraction extract(DjangoExtractor extractor) {
    FileSystemSourceTree tree = new FileSystemSourceTree(root);
    List<SourceFile> accepted = new ArrayList<>();
    for (SourceFile f : tree.files()) {
      if (extractor.accepts(f, tree.head(f, 4096))) accepted.add(f);
    }
    return extractor.extract(accepted, tree);
  }

  /** The only policy whose scope description contains {@code text}. */
  CorsPolicy policy(String text) {
    List<CorsPolicy> matching = extract().policies().stream().filter(p -> p.scope().description().contains(text)).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one policy matching '" + text + "', got "
          + extract().policies().stream().map(p -> p.scope().description()).toList());
    }
    return matching.get(0);
  }

  List<Notice> notices() {
    return extract().notices();
  }

  ScanResult scan() {
    return new Scanner().scan(root, null);
  }

  static String header(Response r, String name) {
    return r.value(name).orElse(null);
  }

  static Response get(CorsPolicy p, String path, String origin) {
    return p.respond(Request.actual(path, "GET", origin));
  }

  static Response preflight(CorsPolicy p, String path, String origin, String method, String... headers) {
    return p.respond(Request.preflight(path, origin, method, List.of(headers)));
  }
}
