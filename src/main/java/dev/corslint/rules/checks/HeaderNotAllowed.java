package dev.corslint.rules.checks;

import dev.corslint.browser.BrowserVerdict;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Usage;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.RelatedLocation;
import dev.corslint.rules.Rule;
import java.util.List;

/** A request header the server reads, or the front end sends, is missing from Access-Control-Allow-Headers. */
public final class HeaderNotAllowed implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    if (!probe.configuresCors()) return;
    for (Usage u : policy.usages()) {
      if (u.kind() != Usage.Kind.REQUEST_HEADER) continue;
      BrowserVerdict v = probe.run(probe.fetch("GET").withHeader(u.name(), "x"));
      if (!v.blocked() || v.stage() != BrowserVerdict.Stage.PREFLIGHT) continue;
      // Refused because of this header: the header's own error, or a preflight that passes without it
      // (servers such as Starlette answer a disallowed header with 400).
      boolean becauseOfHeader = "HeaderDisallowedByPreflightResponse".equals(v.corsError()) || probe.plainPreflightPasses();
      if (!becauseOfHeader) continue;
      audit.report(
          policy,
          probe.whereSet("Access-Control-Allow-Headers").or(() -> probe.whereDeclared("Access-Control-Allow-Headers")).orElse(policy.scope().span()),
          false,
          "Requests to " + policy.scope().description() + " carry the header " + u.name()
              + ", which Access-Control-Allow-Headers does not list; the browser reports: " + v.consoleMessage()
              + " Add " + u.name() + " to Access-Control-Allow-Headers.",
          u.name().toLowerCase(java.util.Locale.ROOT),
          List.of(new RelatedLocation(u.span(), u.description())));
    }
  }
}
