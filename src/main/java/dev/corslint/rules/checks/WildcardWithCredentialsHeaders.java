package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Response;
import dev.corslint.model.Usage;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;
import java.util.List;
import java.util.Set;

/** '*' in Allow-Headers, Allow-Methods or Expose-Headers where the browser takes it literally or never applies it. */
public final class WildcardWithCredentialsHeaders implements Rule {

  private static final List<String> HEADERS =
      List.of("Access-Control-Allow-Headers", "Access-Control-Allow-Methods", "Access-Control-Expose-Headers");

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    boolean credentials = probe.credentials();
    boolean authorizationExpected = policy.usages().stream()
        .anyMatch(u -> u.kind() == Usage.Kind.REQUEST_HEADER && u.name().equalsIgnoreCase("authorization"));
    Set<String> reported = new java.util.HashSet<>();
    for (Response r : probe.legitResponses()) {
      for (String name : HEADERS) {
        for (HeaderLine h : r.all(name)) {
          if (!h.value().get().map(v -> PolicyProbe.lists(v, "*")).orElse(false) || !reported.add(name)) continue;
          if (credentials) {
            audit.report(policy, h.value().where().orElse(null), true,
                name + ": * on a scope that allows credentials: with credentials the browser takes '*' as a literal name, so "
                    + what(name) + ". List the names explicitly.",
                name, probe.credentialsRelated());
          } else if (name.equals("Access-Control-Allow-Headers") && authorizationExpected) {
            audit.report(policy, h.value().where().orElse(null), false,
                "Access-Control-Allow-Headers: * does not cover Authorization under the Fetch standard; Chromium 156 still lets it through with a deprecation warning, and the block is coming. List Authorization explicitly.",
                name, List.of());
          }
        }
      }
    }
  }

  private static String what(String name) {
    return switch (name) {
      case "Access-Control-Allow-Headers" -> "every request with a custom header or Authorization fails its preflight (\"Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.\")";
      case "Access-Control-Allow-Methods" -> "every PUT, PATCH or DELETE fails its preflight (\"Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.\")";
      default -> "no response header is exposed to the page's script";
    };
  }
}
