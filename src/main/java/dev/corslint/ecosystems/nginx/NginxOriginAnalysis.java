package dev.corslint.ecosystems.nginx;

import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Request;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out which origins receive an allowing {@code Access-Control-Allow-Origin}, by running the location
 * with a symbolic origin down every path: each {@code if} on {@code $http_origin} and each entry of a
 * {@code map} keyed by it is a branch, and the checks passed on the way to an {@code add_header
 * Access-Control-Allow-Origin $http_origin} become the matcher (a regex, an exact origin), while an echo
 * reached with no check is reflection.
 */
final class NginxOriginAnalysis {

  /** Paths explored per request shape; beyond, the remaining origins are opaque. */
  static final int MAX_RUNS = 256;

  record Result(OriginMatcher origins, Value<Boolean> credentials) {}

  private NginxOriginAnalysis() {}

  static Result analyse(NginxServer server, NginxLocation location, String path, SourceSpan scopeSpan) {
    String probe = "https://corslint.invalid";
    List<Request> shapes = List.of(
        Request.actual(path, "GET", probe),
        Request.actual(path, "POST", probe),
        Request.preflight(path, probe, "PUT", List.of("authorization", "content-type")),
        Request.actual(path, "GET", probe).withCredentials(true));
    Map<String, OriginMatcher> leaves = new LinkedHashMap<>();
    Value<Boolean> credentials = Value.absent();
    for (Request shape : shapes) {
      List<Integer> prefix = List.of();
      int runs = 0;
      while (prefix != null) {
        if (++runs > MAX_RUNS) {
          add(leaves, new OriginMatcher.Opaque("too many branches to explore", scopeSpan));
          break;
        }
        NginxBranches branches = new NginxBranches(prefix);
        NginxRequestRun run = new NginxRequestRun(server, location, shape, branches);
        NginxHeaderFilters.Result r = NginxHeaderFilters.apply(run.run(), run);
        for (NginxHeaderFilters.Emitted e : r.lines()) {
          if (e.name().equalsIgnoreCase("Access-Control-Allow-Origin")) {
            leaf(e, branches.passed, leaves);
          } else if (e.name().equalsIgnoreCase("Access-Control-Allow-Credentials")) {
            credentials = credentials(e, credentials);
          }
        }
        prefix = branches.next();
      }
    }
    return new Result(OriginMatcher.anyOf(new ArrayList<>(leaves.values())), credentials);
  }

  private static void leaf(NginxHeaderFilters.Emitted e, List<OriginMatcher> passed, Map<String, OriginMatcher> out) {
    NginxText t = e.value();
    SourceSpan at = e.directive().span();
    if (t.isEmpty()) return;
    if (t.isConcrete()) {
      String v = t.concrete();
      SourceSpan from = t.origin() != null ? t.origin() : at;
      add(out, v.equals("*") ? new OriginMatcher.Wildcard(from) : new OriginMatcher.Exact(v, from));
      return;
    }
    if (t.isOriginOnly()) {
      if (!passed.isEmpty()) {
        add(out, passed.get(passed.size() - 1));
      } else {
        SourceSpan from = t.origin() != null ? t.origin() : at;
        add(out, new OriginMatcher.Reflect(from));
      }
      return;
    }
    NginxText.Unknown u = t.firstUnknown();
    add(out, new OriginMatcher.Opaque(
        u != null ? u.reason() : "the request origin combined with other text", at));
  }

  private static Value<Boolean> credentials(NginxHeaderFilters.Emitted e, Value<Boolean> current) {
    if (current.isKnown()) return current;
    NginxText t = e.value();
    if (t.isConcrete()) {
      return t.concrete().equals("true") ? Value.known(true, e.directive().span()) : current;
    }
    NginxText.Unknown u = t.firstUnknown();
    return Value.unknown(u != null ? u.reason() : "depends on the request origin", e.directive().span());
  }

  private static void add(Map<String, OriginMatcher> out, OriginMatcher m) {
    String key;
    if (m instanceof OriginMatcher.Regex r) key = "regex:" + r.regex().source() + "@" + r.span();
    else if (m instanceof OriginMatcher.Exact x) key = "exact:" + x.origin() + "@" + x.span();
    else if (m instanceof OriginMatcher.Opaque o) key = "opaque:" + o.reason() + "@" + o.span();
    else key = m.getClass().getSimpleName() + "@" + m.span();
    out.putIfAbsent(key, m);
  }
}
