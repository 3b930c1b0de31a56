package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.OriginMatcher;
import dev.corslint.rules.Audit;
import dev.corslint.rules.OriginSyntax;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;

/** An allowed origin that can never match a browser's Origin header. */
public final class MalformedOrigin implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    for (OriginMatcher leaf : policy.allowedOrigins().leaves()) {
      if (!(leaf instanceof OriginMatcher.Exact e)) continue;
      OriginSyntax.check(e.origin(), e.lenient()).ifPresent(p -> {
        String fix = p.corrected() == null
            ? " Use the framework's pattern option for wildcards, or list each origin."
            : " Write '" + p.corrected() + "'.";
        String seen = p.corrected() == null ? "" : " (it sends '" + p.corrected() + "')";
        audit.report(
            policy,
            e.span(),
            probe.credentials(),
            "The allowed origin '" + e.origin() + "' " + p.what() + ", so it never equals the Origin a browser sends"
                + seen + ", and requests from that site are blocked." + fix,
            e.origin(),
            java.util.List.of());
      });
    }
  }
}
