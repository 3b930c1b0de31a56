package dev.corslint.ecosystems.nginx;

import dev.corslint.model.RegexTree;
import java.util.ArrayList;
import java.util.List;

/**
 * Request paths that reach a given location (verified with {@link NginxLocationLookup}, so that a probe sent
 * to a real nginx lands where the policy says), synthesized from the location's prefix or regex.
 */
final class NginxSamplePaths {

  private NginxSamplePaths() {}

  static String forLocation(NginxLocation loc) {
    List<String> candidates = new ArrayList<>();
    if (loc.isRegex()) {
      String s = synthesize(loc.path);
      if (s.startsWith(".")) candidates.add("/a" + s);
      candidates.add(s.startsWith("/") ? s : "/" + s);
      candidates.add("/a/" + s);
      candidates.add(literalPart(loc.path));
    } else {
      String p = loc.path.startsWith("/") ? loc.path : "/" + loc.path;
      candidates.add(p);
      candidates.add(p.endsWith("/") ? p + "corslint" : p + "/corslint");
      candidates.add(p + "x");
    }
    for (String c : candidates) {
      NginxLocationLookup.Found f = NginxLocationLookup.find(loc.server, c);
      if (f.location() == loc && f.rc() != NginxLocationLookup.AUTO_REDIRECT) return c;
    }
    return candidates.get(0);
  }

  /** A path that matches no location of the server, or "/" when every path is taken. */
  static String forServer(NginxServer server) {
    for (String c : List.of("/", "/corslint", "/corslint/probe", "/.corslint")) {
      if (NginxLocationLookup.find(server, c).location() == null) return c;
    }
    return null;
  }

  private static String literalPart(String regex) {
    StringBuilder sb = new StringBuilder("/");
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '/' || c == '-' || c == '_') {
        if (c != '/' || sb.charAt(sb.length() - 1) != '/') sb.append(c);
      }
    }
    return sb.toString();
  }

  /** One string the regex matches, built from the first alternative of every choice. */
  static String synthesize(String regex) {
    try {
      return RegexTree.sample(RegexTree.alternatives(regex).get(0));
    } catch (RuntimeException e) {
      return literalPart(regex);
    }
  }
}
