package dev.corslint.ecosystems.nginx;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Ecosystem;
import dev.corslint.model.Extraction;
import dev.corslint.model.Extractor;
import dev.corslint.model.Notice;
import dev.corslint.model.SourceFile;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.SourceTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * nginx: parses each entry file once, expands its includes in place, and builds one policy per location
 * (nested ones included) and, where requests can match no location, one per server. Files reached through
 * an include are analysed only in the including context.
 */
public final class NginxExtractor implements Extractor {

  public NginxExtractor() {}

  @Override
  public Ecosystem ecosystem() {
    return Ecosystem.NGINX;
  }

  @Override
  public boolean accepts(SourceFile file, byte[] head) {
    try {
      return NginxEntryPoints.accepts(file, head);
    } catch (RuntimeException | StackOverflowError e) {
      return false;
    }
  }

  @Override
  public boolean mayAccept(SourceFile file) {
    try {
      return NginxEntryPoints.nameMatches(file.relative());
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public Extraction extract(List<SourceFile> accepted, SourceTree tree) {
    List<Notice> notices = new ArrayList<>();
    List<CorsPolicy> policies = new ArrayList<>();
    try {
      run(accepted, tree, policies, notices);
    } catch (RuntimeException | StackOverflowError e) {
      notices.add(Notice.error("nginx analysis stopped early (" + e.getClass().getSimpleName() + ")", null));
    }
    return new Extraction(policies, dedupe(notices));
  }

  private void run(List<SourceFile> accepted, SourceTree tree, List<CorsPolicy> policies, List<Notice> notices) {
    Map<SourceFile, Optional<ParsedFile>> parsed = new HashMap<>();
    NginxIncludeResolver resolver = new NginxIncludeResolver(tree, f -> read(f, tree, parsed, notices));

    Map<SourceFile, NginxIncludeResolver.Expansion> expansions = new LinkedHashMap<>();
    for (SourceFile f : accepted) {
      ParsedFile p = read(f, tree, parsed, notices);
      if (p == null) continue;
      try {
        expansions.put(f, resolver.expand(f, p.directives()));
      } catch (RuntimeException | StackOverflowError e) {
        notices.add(Notice.error("cannot expand includes (" + e.getClass().getSimpleName() + ")",
            SourceSpan.file(f.relative())));
      }
    }

    // Entry points: accepted files no other accepted file includes; then, so that a cycle is still read
    // once, the first file of any group not reached from an entry.
    Set<SourceFile> includedByOthers = new LinkedHashSet<>();
    expansions.forEach((f, e) -> e.reached().stream().filter(r -> !r.equals(f)).forEach(includedByOthers::add));
    List<SourceFile> entries = new ArrayList<>();
    Set<SourceFile> covered = new LinkedHashSet<>();
    for (SourceFile f : expansions.keySet()) {
      if (!includedByOthers.contains(f)) {
        entries.add(f);
        covered.add(f);
        covered.addAll(expansions.get(f).reached());
      }
    }
    for (SourceFile f : expansions.keySet()) {
      if (!covered.contains(f)) {
        entries.add(f);
        covered.add(f);
        covered.addAll(expansions.get(f).reached());
      }
    }

    NginxConfigBuilder builder = new NginxConfigBuilder(notices);
    Map<SourceFile, List<NginxHttp>> contexts = new LinkedHashMap<>();
    for (SourceFile entry : entries) {
      NginxIncludeResolver.Expansion e = expansions.get(entry);
      notices.addAll(e.notices());
      try {
        contexts.put(entry, builder.build(entry.relative(), e.directives()));
      } catch (RuntimeException | StackOverflowError ex) {
        notices.add(Notice.error("cannot model nginx configuration (" + ex.getClass().getSimpleName() + ")",
            SourceSpan.file(entry.relative())));
      }
    }
    shareFragmentVariables(contexts);
    for (Map.Entry<SourceFile, List<NginxHttp>> c : contexts.entrySet()) {
      for (NginxHttp http : c.getValue()) {
        for (NginxServer server : http.servers) addPolicies(server, c.getKey().relative(), policies, notices);
      }
    }
  }

  /**
   * Fragments in one directory ({@code conf.d/*.conf}) end up in the same {@code http} block of the
   * packaged nginx.conf, so a map defined in one is visible in the others.
   */
  private static void shareFragmentVariables(Map<SourceFile, List<NginxHttp>> contexts) {
    Map<String, List<NginxHttp>> byDirectory = new LinkedHashMap<>();
    contexts.forEach((f, list) -> {
      for (NginxHttp h : list) {
        if (h.level.directive == null) {
          byDirectory.computeIfAbsent(NginxEntryPoints.directory(f.relative()), k -> new ArrayList<>()).add(h);
        }
      }
    });
    for (List<NginxHttp> group : byDirectory.values()) {
      if (group.size() < 2) continue;
      Map<String, NginxMap> maps = new LinkedHashMap<>();
      Set<String> set = new LinkedHashSet<>();
      Set<String> opaque = new LinkedHashSet<>();
      for (NginxHttp h : group) {
        h.maps.forEach(maps::putIfAbsent);
        set.addAll(h.setVariables);
        opaque.addAll(h.opaqueVariables);
      }
      for (NginxHttp h : group) {
        maps.forEach(h.maps::putIfAbsent);
        h.setVariables.addAll(set);
        h.opaqueVariables.addAll(opaque);
      }
    }
  }

  private static void addPolicies(NginxServer server, String entry, List<CorsPolicy> policies,
      List<Notice> notices) {
    List<NginxLocation> locations = new ArrayList<>();
    collect(server.level.locations, locations, 0);
    for (NginxLocation loc : locations) {
      try {
        policies.add(new NginxPolicy(server, loc, entry, NginxSamplePaths.forLocation(loc)));
      } catch (RuntimeException | StackOverflowError e) {
        notices.add(Notice.warning("cannot model " + loc + " (" + e.getClass().getSimpleName() + ")",
            loc.directive.span()));
      }
    }
    if (server.implicit() && !locations.isEmpty()) return;
    String unmatched = NginxSamplePaths.forServer(server);
    if (unmatched != null && (locations.isEmpty() || configuresCors(server))) {
      policies.add(new NginxPolicy(server, null, entry, unmatched));
    }
  }

  private static void collect(List<NginxLocation> in, List<NginxLocation> out, int depth) {
    if (depth > NginxParser.MAX_DEPTH) return;
    for (NginxLocation l : in) {
      // named and internal locations are reached only through other locations, whose policies cover them
      if (l.isNamed() || l.level.internal != null) continue;
      out.add(l);
      collect(l.level.locations, out, depth + 1);
    }
  }

  /** Whether the server (or http) level itself sends or strips CORS headers. */
  private static boolean configuresCors(NginxServer server) {
    for (NginxLevel l = server.level; l != null; l = l.parent) {
      for (NginxLevel.AddHeader h : l.addHeaders) if (isCors(h.name())) return true;
      for (NginxLevel.MoreHeaders m : l.moreHeaders) {
        for (NginxLevel.MoreHeader h : m.headers()) if (isCors(h.name())) return true;
      }
      for (List<Directive> hidden : l.hideHeaders.values()) {
        for (Directive d : hidden) if (isCors(d.arg(0))) return true;
      }
    }
    return false;
  }

  private static boolean isCors(String name) {
    return name.toLowerCase(Locale.ROOT).startsWith("access-control-");
  }

  private static ParsedFile read(SourceFile f, SourceTree tree, Map<SourceFile, Optional<ParsedFile>> cache,
      List<Notice> notices) {
    Optional<ParsedFile> p = cache.get(f);
    if (p == null) {
      p = tree.read(f, notices).map(text -> NginxParser.parse(text, f.relative()));
      p.ifPresent(pf -> notices.addAll(pf.notices()));
      cache.put(f, p);
    }
    return p.orElse(null);
  }

  private static List<Notice> dedupe(List<Notice> notices) {
    Set<String> seen = new LinkedHashSet<>();
    List<Notice> out = new ArrayList<>();
    for (Notice n : notices) if (seen.add(n.level() + n.message() + "@" + n.span())) out.add(n);
    return out;
  }
}
