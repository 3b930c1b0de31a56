package dev.corslint.live;

import dev.corslint.live.NginxSyntax.Directive;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the complete configurations among the nginx fixtures: a file that no other fixture includes and
 * that has a {@code server} block, itself or through its includes. Each is one nginx instance in the live
 * test. Files that do not parse as nginx configuration are not configurations (bad-input fixtures) and are
 * listed as skipped.
 */
public final class NginxFixtures {

  /**
   * @param entry the file nginx is started with, relative to the fixture root
   * @param files the entry and every fixture file it reaches through includes
   * @param usesHeadersMore whether it needs the headers-more module
   */
  public record Fixture(String entry, Set<String> files, boolean usesHeadersMore) {}

  public record Discovery(List<Fixture> fixtures, List<String> skipped) {}

  /** What discovery needs from one file. */
  private static final class Parsed {
    final List<String> includes = new ArrayList<>();
    boolean hasServer;
    boolean headersMore;
  }

  private NginxFixtures() {}

  public static Discovery discover(Path root) throws IOException {
    Path base = root.toAbsolutePath().normalize();
    Map<String, Parsed> parsed = new TreeMap<>();
    List<String> skipped = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(base)) {
      files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    }
    for (Path file : files) {
      String rel = base.relativize(file).toString().replace('\\', '/');
      try {
        List<Directive> directives = NginxSyntax.parse(readUtf8(file), rel);
        Parsed facts = new Parsed();
        scan(directives, facts, false);
        parsed.put(rel, facts);
      } catch (NginxSyntax.SyntaxError | CharacterCodingException e) {
        skipped.add(rel + " (not nginx configuration: " + e.getMessage() + ")");
      }
    }
    Map<String, Set<String>> reaches = new TreeMap<>();
    Set<String> included = new HashSet<>();
    for (var e : parsed.entrySet()) {
      Set<String> targets = new LinkedHashSet<>();
      for (String spec : e.getValue().includes) targets.addAll(resolve(base, e.getKey(), spec, parsed.keySet()));
      targets.remove(e.getKey());
      reaches.put(e.getKey(), targets);
      included.addAll(targets);
    }
    List<Fixture> fixtures = new ArrayList<>();
    for (String file : parsed.keySet()) {
      if (included.contains(file)) continue;
      Set<String> closure = closure(file, reaches);
      boolean hasServer = closure.stream().anyMatch(f -> parsed.get(f).hasServer);
      boolean headersMore = closure.stream().anyMatch(f -> parsed.get(f).headersMore);
      if (hasServer) fixtures.add(new Fixture(file, closure, headersMore));
      else skipped.add(file + " (no server block: a snippet, not a configuration)");
    }
    return new Discovery(fixtures, skipped);
  }

  private static void scan(List<Directive> directives, Parsed facts, boolean inUpstream) {
    for (Directive d : directives) {
      String n = d.name();
      if (n.equals("include") && d.args().size() == 1) facts.includes.add(d.args().get(0));
      if (n.equals("server") && d.hasBlock() && !inUpstream) facts.hasServer = true;
      if (n.startsWith("more_set_") || n.startsWith("more_clear_")) facts.headersMore = true;
      if (d.hasBlock()) scan(d.block(), facts, n.equals("upstream"));
    }
  }

  /**
   * Fixture files an include may mean. nginx resolves against the main file's directory, which is not
   * known here, so every reading a fixture might rely on is taken: the including file's directory, the
   * parent of a {@code conf.d/} or {@code sites-*} directory, and the root; {@code /etc/nginx/} stands for
   * the fixture's own configuration directory.
   */
  private static Set<String> resolve(Path base, String from, String spec, Set<String> known) {
    String system = LoopbackRewrite.SYSTEM_CONF + "/";
    String s = spec.startsWith(system) ? spec.substring(system.length()) : spec;
    if (s.startsWith("/")) return Set.of();
    Set<Path> dirs = new LinkedHashSet<>();
    Path dir = base.resolve(from).getParent();
    dirs.add(dir);
    String name = dir.equals(base) ? "" : dir.getFileName().toString();
    if (name.equals("conf.d") || name.startsWith("sites-")) dirs.add(dir.getParent());
    dirs.add(base);
    Set<String> out = new LinkedHashSet<>();
    for (Path d : dirs) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + d.resolve(s).normalize());
      for (String k : known) if (m.matches(base.resolve(k))) out.add(k);
    }
    return out;
  }

  private static Set<String> closure(String start, Map<String, Set<String>> reaches) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(start));
    while (!todo.isEmpty()) {
      String f = todo.pop();
      if (seen.add(f)) todo.addAll(reaches.getOrDefault(f, Set.of()));
    }
    return seen;
  }

  private static String readUtf8(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    for (byte b : bytes) if (b == 0) throw new CharacterCodingException();
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
