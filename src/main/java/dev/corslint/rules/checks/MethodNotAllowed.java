package dev.corslint.rules.checks;

import dev.corslint.browser.BrowserVerdict;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Usage;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.RelatedLocation;
import dev.corslint.rules.Rule;
import java.util.List;

/** The server handles a method that the scope's Access-Control-Allow-Methods omits. */
public final class MethodNotAllowed implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    if (!probe.configuresCors()) return;
    for (Usage u : policy.usages()) {
      // OPTIONS is the preflight itself and HEAD rides on GET: neither is ever listed for the browser.
      if (u.kind() != Usage.Kind.METHOD || u.name().equals("OPTIONS") || u.name().equals("HEAD")) continue;
      BrowserVerdict v = probe.run(probe.fetch(u.name()));
      if (!v.blocked() || v.stage() != BrowserVerdict.Stage.PREFLIGHT) continue;
      // Refused because of this method: the method's own error, or a preflight for a simple method that the
      // server does answer (servers such as Starlette answer a disallowed method with 400).
      boolean becauseOfMethod = "MethodDisallowedByPreflightResponse".equals(v.corsError()) || probe.plainPreflightPasses();
      if (!becauseOfMethod) continue;
      audit.report(
          policy,
          probe.whereSet("Access-Control-Allow-Methods").or(() -> probe.whereDeclared("Access-Control-Allow-Methods")).orElse(policy.scope().span()),
          probe.credentials(),
          "The server handles " + u.name() + " on " + policy.scope().description()
              + " but Access-Control-Allow-Methods does not list it; the browser reports: " + v.consoleMessage()
              + " Add " + u.name() + " to Access-Control-Allow-Methods.",
          u.name(),
          List.of(new RelatedLocation(u.span(), u.description())));
    }
  }
}
