package dev.corslint.ecosystems.spring;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Extraction;
import dev.corslint.model.Notice;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.SourceFile;
import dev.corslint.rules.Finding;
import dev.corslint.scan.FileSystemSourceTree;
import dev.corslint.scan.ScanResult;
import dev.corslint.scan.Scanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A small Spring project written to a temporary folder, extracted and scanned for a test. */
final class SpringProject implements AutoCloseable {

  private final Path root;

  SpringProject() {
    try {
      root = Files.createTempDirectory("corslint-spring");
      file("pom.xml", "<project><artifactId>demo</artifactId></project>\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path root() {
    return root;
  }

  SpringProject file(String relative, String text) {
    try {
      Path p = root.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Java class under src/main/java/com/example/. */
  SpringProject java(String className, String body) {
    return file("src/main/java/com/example/" + className + ".java", "package com.example;\n\n" + body);
  }

  SpringProject yaml(String name, String text) {
    return file("src/main/resources/" + name, text);
  }

  Extraction extract() {
    FileSystemSourceTree tree = new FileSystemSourceTree(root);
    SpringExtractor x = new SpringExtractor();
    List<SourceFile> accepted = new ArrayList<>();
    for (SourceFile f : tree.files()) if (x.accepts(f, new byte[0])) accepted.add(f);
    return x.extract(accepted, tree);
  }

  List<CorsPolicy> policies() {
    return extract().policies();
  }

  List<Notice> notices() {
    return extract().notices();
  }

  /** The policy whose scope description contains {@code text}. */
  CorsPolicy policy(String text) {
    return policies().stream().filter(p -> p.scope().description().contains(text)).findFirst()
        .orElseThrow(() -> new AssertionError("no scope with '" + text + "' in " + policies().stream().map(p -> p.scope().description()).toList()));
  }

  List<Finding> findings() {
    ScanResult r = new Scanner().scan(root, null);
    return r.findings();
  }

  /** "file:line rule" for every finding. */
  List<String> findingKeys() {
    return findings().stream().map(f -> f.location().file().replaceFirst("^src/main/(java/com/example|resources)/", "") + ":" + f.location().line() + " " + f.ruleId()).sorted().toList();
  }

  static Response preflight(CorsPolicy p, String path, String origin, String method, String... headers) {
    return p.respond(Request.preflight(path, origin, method, List.of(headers)));
  }

  static Response get(CorsPolicy p, String path, String origin) {
    return p.respond(Request.actual(path, "GET", origin));
  }

  /** "Name: value" lines of the Access-Control-* and Vary headers. */
  static List<String> cors(Response r) {
    return r.headers().stream()
        .filter(h -> h.name().regionMatches(true, 0, "Access-Control-", 0, 15) || h.is("Vary"))
        .map(h -> h.name() + ": " + h.value().get().orElse("?")).toList();
  }

  @Override
  public void close() {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort
    }
  }
}
