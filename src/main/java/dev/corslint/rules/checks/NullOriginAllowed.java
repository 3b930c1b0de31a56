package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Tri;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;

/** The origin 'null' is accepted by an explicit check (an unconditional echo is origin-reflection). */
public final class NullOriginAllowed implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    for (OriginMatcher leaf : policy.allowedOrigins().leaves()) {
      boolean explicit = leaf instanceof OriginMatcher.Exact || leaf instanceof OriginMatcher.Regex
          || leaf instanceof OriginMatcher.StringTest;
      if (!explicit || leaf.accepts("null") != Tri.YES) continue;
      PolicyProbe probe = new PolicyProbe(policy);
      audit.report(
          policy,
          leaf.span(),
          probe.credentials(),
          "The origin 'null' is allowed: any site can send 'Origin: null' from a sandboxed iframe or a data: URL and read responses from "
              + policy.scope().description() + probe.withCookies() + ". Remove 'null' from the allowed origins.",
          "",
          probe.credentialsRelated());
    }
  }
}
