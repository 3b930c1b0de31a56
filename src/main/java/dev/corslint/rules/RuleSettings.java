package dev.corslint.rules;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * What the team says about its own deployment ({@code .corslint.yml}): where {@code *} is intended, which
 * origins it vouches for, which are for development only.
 *
 * @param publicPaths request-path globs where {@code Access-Control-Allow-Origin: *} is intended
 * @param trustedOrigins origins the team vouches for: never reported as attacker-controlled
 * @param developmentOrigins extra origins to treat like localhost
 */
public record RuleSettings(List<String> publicPaths, List<String> trustedOrigins, List<String> developmentOrigins) {

  public RuleSettings {
    publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    trustedOrigins = trustedOrigins == null ? List.of() : List.copyOf(trustedOrigins);
    developmentOrigins = developmentOrigins == null ? List.of() : List.copyOf(developmentOrigins);
  }

  public static RuleSettings defaults() {
    return new RuleSettings(List.of(), List.of(), List.of());
  }

  /** Whether {@code path} (a request path such as {@code /api/public/x}) is declared public. */
  public boolean isPublic(String path) {
    if (path == null) return false;
    for (String glob : publicPaths) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      if (m.matches(Path.of(path)) || (glob.endsWith("/**") && (path + "/").startsWith(glob.substring(0, glob.length() - 2)))) {
        return true;
      }
    }
    return false;
  }

  public boolean isTrusted(String origin) {
    return trustedOrigins.contains(origin);
  }
}
