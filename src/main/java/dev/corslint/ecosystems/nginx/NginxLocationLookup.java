package dev.corslint.ecosystems.nginx;

import dev.corslint.model.Tri;
import java.util.List;

/**
 * Selects the location for a URI exactly as ngx_http_core_find_location does: an exact ({@code =}) match, or a
 * prefix as long as the URI, wins at once; otherwise the longest prefix is remembered, its nested locations
 * are searched, and then, unless that prefix is {@code ^~}, the regex locations of the level are tried in
 * the order written. A URI one '/' short of a proxied prefix location gets nginx's automatic 301.
 */
final class NginxLocationLookup {

  static final int OK = 0;
  static final int AGAIN = 1;
  static final int DECLINED = 2;
  static final int AUTO_REDIRECT = 3;

  /**
   * @param location the selected location, or null for the server's own configuration
   * @param rc how it was found
   * @param match the regex match that selected it, when one did
   * @param uncertain whether a regex could not be evaluated on the way
   */
  record Found(NginxLocation location, int rc, NginxRegex.Match match, boolean uncertain) {}

  private NginxLocationLookup() {}

  static Found find(NginxServer server, String uri) {
    return find(server.level.locations, uri, 0);
  }

  static NginxLocation named(NginxServer server, String name) {
    for (NginxLocation l : server.level.locations) if (l.isNamed() && l.path.equals(name)) return l;
    return null;
  }

  private static Found find(List<NginxLocation> locations, String uri, int depth) {
    if (depth > NginxParser.MAX_DEPTH) return new Found(null, DECLINED, null, true);
    for (NginxLocation l : locations) {
      if (l.isExact() && l.path.equals(uri)) return new Found(l, OK, null, false);
    }
    NginxLocation prefix = null;
    for (NginxLocation l : locations) {
      if (l.isPrefix() && uri.startsWith(l.path) && (prefix == null || l.path.length() > prefix.path.length())) {
        prefix = l;
      }
    }
    if (prefix != null && prefix.path.equals(uri)) return new Found(prefix, OK, null, false);
    for (NginxLocation l : locations) {
      if ((l.isPrefix() || l.isExact()) && l.path.equals(uri + "/") && proxied(l)) {
        return new Found(l, AUTO_REDIRECT, null, false);
      }
    }
    boolean uncertain = false;
    NginxLocation found = null;
    NginxRegex.Match match = null;
    int rc = DECLINED;
    boolean noRegex = false;
    if (prefix != null) {
      found = prefix;
      rc = AGAIN;
      noRegex = prefix.noRegex();
      Found nested = find(prefix.level.locations, uri, depth + 1);
      uncertain = nested.uncertain();
      if (nested.rc() == OK || nested.rc() == AUTO_REDIRECT) return nested;
      if (nested.location() != null) {
        found = nested.location();
        match = nested.match();
      }
    }
    if (!noRegex) {
      for (NginxLocation l : locations) {
        if (!l.isRegex()) continue;
        if (l.regex == null) {
          uncertain = true;
          continue;
        }
        NginxRegex.Match m = l.regex.match(uri);
        if (m.matched() == Tri.UNKNOWN) uncertain = true;
        if (m.matched() != Tri.YES) continue;
        Found nested = find(l.level.locations, uri, depth + 1);
        if (nested.location() != null && nested.rc() != DECLINED) {
          return new Found(nested.location(), OK, nested.match() != null ? nested.match() : m,
              uncertain || nested.uncertain());
        }
        return new Found(l, OK, m, uncertain || nested.uncertain());
      }
    }
    return new Found(found, rc, match, uncertain);
  }

  /** Whether the location hands requests to an upstream: such prefix locations get nginx's auto redirect. */
  static boolean proxied(NginxLocation l) {
    return l.level.handler != null && l.level.handler.upstream() && l.path.endsWith("/");
  }
}
