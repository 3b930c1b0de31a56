package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Tri;
import dev.corslint.rules.AttackerOrigins;
import dev.corslint.rules.Audit;
import dev.corslint.rules.OriginKinds;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;

/** A plain-http origin on the network (not a development machine) is trusted. */
public final class InsecureOriginTrusted implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    for (OriginMatcher leaf : policy.allowedOrigins().leaves()) {
      String insecure = null;
      if (leaf instanceof OriginMatcher.Exact e) {
        if (isNetworkHttp(e.origin())) insecure = e.origin();
      } else if (leaf instanceof OriginMatcher.Regex || leaf instanceof OriginMatcher.StringTest) {
        for (String intended : leaf.intendedOrigins()) {
          String twin = intended.startsWith("http://") ? intended : AttackerOrigins.insecureTwin(intended);
          if (twin != null && isNetworkHttp(twin) && leaf.accepts(twin) == Tri.YES) {
            insecure = twin;
            break;
          }
        }
      }
      if (insecure == null) continue;
      String fixed = "https://" + insecure.substring("http://".length());
      audit.report(
          policy,
          leaf.span(),
          probe.credentials(),
          "The plain-http origin '" + insecure + "' is trusted: anyone on the network path (public Wi-Fi, a proxy) can inject a script into that origin and read responses"
              + probe.withCookies() + ". Trust '" + fixed + "' instead.",
          insecure,
          probe.credentialsRelated());
    }
  }

  private static boolean isNetworkHttp(String origin) {
    if (!origin.startsWith("http://")) return false;
    String host = AttackerOrigins.host(origin);
    return host != null && !OriginKinds.isDevelopmentHost(host);
  }
}
