package dev.corslint.live.spring;

import dev.corslint.model.HeaderLine;
import dev.corslint.model.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The part of an answer the comparison looks at: {@code Access-Control-*} lines as a multiset of "name: value"
 * with lower-case names, and the CORS tokens of {@code Vary}. Vary is a list header compared token by token:
 * with {@code server.compression.enabled} Tomcat folds Spring's three Vary lines and its own
 * {@code accept-encoding} into one line.
 */
final class CorsLines {

  /** Vary values that belong to CORS; Tomcat's compression adds {@code Vary: accept-encoding} of its own. */
  private static final Set<String> CORS_VARY = Set.of("origin", "access-control-request-method", "access-control-request-headers");

  private CorsLines() {}

  static List<String> of(Response model) {
    List<String> out = new ArrayList<>();
    for (HeaderLine h : model.headers()) h.value().get().ifPresent(v -> add(h.name(), v, out));
    out.sort(null);
    return out;
  }

  static List<String> of(RawHttp.Answer answer) {
    List<String> out = new ArrayList<>();
    for (RawHttp.Field f : answer.headers()) add(f.name(), f.value(), out);
    out.sort(null);
    return out;
  }

  private static void add(String name, String value, List<String> out) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith("access-control-")) {
      out.add(line(name, value));
    } else if (n.equals("vary")) {
      for (String token : value.split(",")) {
        String t = token.strip();
        // Vary names header fields, which compare without case
        if (CORS_VARY.contains(t.toLowerCase(Locale.ROOT))) out.add(line(name, t.toLowerCase(Locale.ROOT)));
      }
    }
  }

  private static String line(String name, String value) {
    return name.toLowerCase(Locale.ROOT) + ": " + value.strip();
  }
}
