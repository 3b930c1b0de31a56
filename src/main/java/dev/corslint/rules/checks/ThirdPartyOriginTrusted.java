package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Tri;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;
import dev.corslint.rules.SharedHostingSuffixes;

/** A pattern that trusts every subdomain of a shared hosting domain, where anyone can publish. */
public final class ThirdPartyOriginTrusted implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    for (OriginMatcher leaf : policy.allowedOrigins().leaves()) {
      if (!(leaf instanceof OriginMatcher.Regex) && !(leaf instanceof OriginMatcher.StringTest)) continue;
      for (String suffix : SharedHostingSuffixes.all()) {
        String stranger = "https://attacker-site." + suffix;
        if (leaf.accepts(stranger) != Tri.YES) continue;
        audit.report(
            policy,
            leaf.span(),
            probe.credentials(),
            "Every site on " + suffix + " is trusted: anyone can publish '" + stranger
                + "' there and read responses" + probe.withCookies()
                + ". List your own site's exact origin instead of the whole hosting domain.",
            suffix,
            probe.credentialsRelated());
        break;
      }
    }
  }
}
