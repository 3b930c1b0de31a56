package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.OriginMatcher;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;

/** '*' on a scope the team has not declared public. */
public final class WildcardOrigin implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    if (audit.settings().isPublic(policy.samplePath())) return;
    for (OriginMatcher leaf : policy.allowedOrigins().leaves()) {
      if (!(leaf instanceof OriginMatcher.Wildcard)) continue;
      audit.report(
          policy,
          leaf.span(),
          new PolicyProbe(policy).credentials(),
          "Every website can read the responses of " + policy.scope().description()
              + " (Access-Control-Allow-Origin: *). That is right for a public API only: list this path under public-paths in .corslint.yml, or allow your front end's exact origin.");
      return;
    }
  }
}
