package dev.corslint.rules.checks;

import dev.corslint.browser.Browser;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Response;
import dev.corslint.model.SourceSpan;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;
import java.util.List;
import java.util.Optional;

/** A scope set up for CORS with a successful response path that sends no Access-Control-Allow-Origin. */
public final class MissingAllowOrigin implements Rule {

  private static final String NO_ACAO = "No 'Access-Control-Allow-Origin' header is present on the requested resource.";

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    List<PolicyProbe.LegitExchange> paths = probe.legitExchanges();
    if (paths.stream().noneMatch(p -> p.response().hasCorsHeaders())) return;
    for (PolicyProbe.LegitExchange p : paths) {
      Response r = p.response();
      if (!r.isOk() || r.has("Access-Control-Allow-Origin")) continue;
      // Lost to add_header inheritance: that rule explains it.
      if (r.shadowed().stream().anyMatch(s -> s.name().equalsIgnoreCase("Access-Control-Allow-Origin"))) continue;
      SourceSpan at = firstCorsHeader(r).or(() -> probe.whereSet("Access-Control-Allow-Origin")).orElse(null);
      String reason = (p.preflight() ? "Response to preflight request doesn't pass access control check: " : "") + NO_ACAO;
      audit.report(
          policy,
          at,
          probe.credentials(),
          p.label().substring(0, 1).toUpperCase() + p.label().substring(1) + " to " + policy.scope().description()
              + " get no Access-Control-Allow-Origin although the scope is set up for CORS; the browser reports: "
              + Browser.consoleMessage(probe.fetch(p.preflight() ? "PUT" : "GET"), reason)
              + " Send Access-Control-Allow-Origin on this response path too.",
          p.label(),
          List.of());
    }
  }

  private static Optional<SourceSpan> firstCorsHeader(Response r) {
    return r.headers().stream()
        .filter(h -> h.name().regionMatches(true, 0, "Access-Control-", 0, 15))
        .map(HeaderLine::value)
        .flatMap(v -> v.where().stream())
        .findFirst();
  }
}
