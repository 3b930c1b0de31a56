package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.Environment;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Tri;
import dev.corslint.rules.AttackerOrigins;
import dev.corslint.rules.Audit;
import dev.corslint.rules.OriginKinds;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;
import java.util.ArrayList;
import java.util.List;

/** A development machine's origin trusted by a configuration that is not clearly development-only. */
public final class DevOriginInProduction implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    if (policy.scope().environment() == Environment.DEVELOPMENT) return;
    PolicyProbe probe = new PolicyProbe(policy);
    for (OriginMatcher leaf : policy.allowedOrigins().leaves()) {
      String dev = null;
      if (leaf instanceof OriginMatcher.Exact e) {
        if (isDevelopment(e.origin(), audit)) dev = e.origin();
      } else if (leaf instanceof OriginMatcher.Regex || leaf instanceof OriginMatcher.StringTest) {
        List<String> samples = new ArrayList<>(leaf.intendedOrigins());
        samples.addAll(OriginKinds.DEVELOPMENT_SAMPLES);
        for (String s : samples) {
          if (isDevelopment(s, audit) && leaf.accepts(s) == Tri.YES) {
            dev = s;
            break;
          }
        }
      }
      if (dev == null) continue;
      audit.report(
          policy,
          leaf.span(),
          probe.credentials(),
          "The development origin '" + dev + "' is trusted in a configuration that is not marked development-only: any page served from that address on a visitor's machine or network can read responses"
              + probe.withCookies() + ". Move it to development settings (a dev profile, an 'if DEBUG:' block, a separate dev config).",
          dev,
          probe.credentialsRelated());
    }
  }

  private static boolean isDevelopment(String origin, Audit audit) {
    return OriginKinds.isDevelopmentHost(AttackerOrigins.host(origin))
        || audit.settings().developmentOrigins().contains(origin);
  }
}
