package dev.corslint.live;

import dev.corslint.live.RawHttpClient.HeaderField;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Request;
import dev.corslint.model.Response;
import dev.corslint.model.Usage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The requests each policy is probed with, and how each goes on the wire. Origins: the first two the policy
 * means to allow, an attacker, {@code null} and none; actual requests with the upstream answering 200, 401
 * and 500; preflights for a PUT with credentials-style headers, a GET with a custom header and a bare DELETE,
 * with the upstream answering 200 or 405 where nginx passes them on; every request with and without
 * credentials.
 */
final class ProbeMatrix {

  static final String ATTACKER = "https://attacker.example";
  static final List<Integer> UPSTREAM_STATUSES = List.of(200, 401, 500);

  /** Where nginx passes a preflight on, the application answers it: many frameworks with 405. */
  static final List<Integer> PREFLIGHT_UPSTREAM_STATUSES = List.of(200, 405);

  /** A preflight: the method asked for and the header names, lower case and sorted as browsers send them. */
  record Preflight(String method, List<String> headers) {}

  static final List<Preflight> PREFLIGHTS =
      List.of(
          new Preflight("PUT", List.of("authorization", "content-type")),
          new Preflight("GET", List.of("x-custom-header")),
          new Preflight("DELETE", List.of()));

  private ProbeMatrix() {}

  static List<String> origins(CorsPolicy policy) {
    Set<String> out = new LinkedHashSet<>();
    try {
      policy.allowedOrigins().intendedOrigins().stream().limit(2).forEach(out::add);
    } catch (RuntimeException e) {
      // a matcher that cannot name its origins still gets the fixed ones
    }
    out.add(ATTACKER);
    out.add("null");
    List<String> list = new ArrayList<>(out);
    list.add(null); // no Origin header
    return list;
  }

  static List<Request> requests(CorsPolicy policy) {
    String path = policy.samplePath();
    List<String> methods = new ArrayList<>(List.of("GET", "POST"));
    if (allowsPut(policy, path)) methods.add("PUT");
    List<Request> out = new ArrayList<>();
    for (String origin : origins(policy)) {
      for (boolean credentials : List.of(false, true)) {
        for (String method : methods) {
          for (int status : UPSTREAM_STATUSES) {
            out.add(new Request(path, method, origin, null, List.of(), credentials, status));
          }
        }
        for (Preflight p : PREFLIGHTS) {
          for (int status : PREFLIGHT_UPSTREAM_STATUSES) {
            out.add(new Request(path, "OPTIONS", origin, p.method(), p.headers(), credentials, status));
          }
        }
      }
    }
    return out;
  }

  /**
   * PUT is probed where the location is meant to take it: the configuration uses it (a {@code limit_except}
   * or similar listed by the policy) or the policy's own preflight answer allows it.
   */
  static boolean allowsPut(CorsPolicy policy, String path) {
    for (Usage u : policy.usages()) {
      if (u.kind() == Usage.Kind.METHOD && u.name().equalsIgnoreCase("PUT")) return true;
    }
    List<String> origins = origins(policy);
    try {
      Response r = policy.respond(Request.preflight(path, origins.get(0), "PUT", List.of()));
      for (HeaderLine h : r.all("Access-Control-Allow-Methods")) {
        String v = h.value().get().orElse("");
        for (String m : v.split(",")) {
          String t = m.trim().toUpperCase(Locale.ROOT);
          if (t.equals("PUT") || t.equals("*")) return true;
        }
      }
    } catch (RuntimeException e) {
      // respond() must not throw; the comparison reports it when it does
    }
    return false;
  }

  /**
   * Headers as a browser sends them (Host is added by the client). Credentials, which the model defines
   * as cookies, only on actual requests: a preflight never carries them. The stub's status header only
   * when the upstream should not say 200.
   */
  static List<HeaderField> wireHeaders(Request r) {
    List<HeaderField> h = new ArrayList<>();
    if (r.origin() != null) h.add(new HeaderField("Origin", r.origin()));
    if (r.isPreflight()) {
      h.add(new HeaderField("Access-Control-Request-Method", r.requestMethod()));
      if (!r.requestHeaders().isEmpty()) {
        String names = String.join(",", r.requestHeaders().stream().sorted().toList());
        h.add(new HeaderField("Access-Control-Request-Headers", names));
      }
    } else if (r.credentials()) {
      h.add(new HeaderField("Cookie", "session=corslint-live"));
    }
    if (r.handlerStatus() != 200) h.add(new HeaderField(StubUpstream.STATUS_HEADER, Integer.toString(r.handlerStatus())));
    h.add(new HeaderField("Accept", "*/*"));
    return h;
  }

  /** One line for tables: what was sent. */
  static String describe(Request r) {
    StringBuilder s = new StringBuilder();
    s.append(r.method()).append(' ').append(r.path());
    s.append(" Origin=").append(r.origin() == null ? "(none)" : r.origin());
    if (r.isPreflight()) {
      s.append(" ACRM=").append(r.requestMethod());
      if (!r.requestHeaders().isEmpty()) s.append(" ACRH=").append(String.join(",", r.requestHeaders()));
    }
    if (!r.isPreflight() || r.handlerStatus() != 200) s.append(" upstream=").append(r.handlerStatus());
    if (r.credentials()) s.append(" +credentials");
    return s.toString();
  }
}
