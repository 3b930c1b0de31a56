package dev.corslint.rules.checks;

import dev.corslint.browser.BrowserVerdict;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Value;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;

/** Access-Control-Allow-Origin: * on a scope that also allows credentials. */
public final class WildcardWithCredentials implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    if (!policy.credentials().is(true)) return;
    for (OriginMatcher leaf : policy.allowedOrigins().leaves()) {
      if (!(leaf instanceof OriginMatcher.Wildcard)) continue;
      PolicyProbe probe = new PolicyProbe(policy);
      BrowserVerdict v = probe.run(probe.fetch("GET").withCredentials(true));
      String effect;
      if (v.actual() != null && v.actual().headers().isEmpty()
          && v.actual().status() instanceof Value.Unknown<Integer> down) {
        // the server gives no answer at all: Spring refuses @CrossOrigin with '*' and credentials at startup
        effect = down.reason() + ", so no request reaches it.";
      } else if (v.actual() != null && v.actual().status().get().map(s -> s >= 500).orElse(false)) {
        effect = "the server answers every CORS request with " + v.actual().status().get().get()
            + ", and the browser reports: " + v.consoleMessage();
      } else if (v.blocked()) {
        effect = "the browser rejects every request made with credentials: " + v.consoleMessage();
      } else {
        effect = "the browser rejects every request made with credentials.";
      }
      audit.report(
          policy,
          leaf.span(),
          true,
          "Access-Control-Allow-Origin is '*' while credentials are allowed: " + effect
              + " Send the caller's exact origin from an allow list instead of '*'.",
          "",
          probe.credentialsRelated());
      return;
    }
  }
}
