package dev.corslint.rules.checks;

import dev.corslint.browser.Browser;
import dev.corslint.model.CorsPolicy;
import dev.corslint.model.OriginMatcher;
import dev.corslint.rules.AttackerOrigins;
import dev.corslint.rules.Audit;
import dev.corslint.rules.OriginKinds;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.RelatedLocation;
import dev.corslint.rules.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An https page origin is allowed to call an API that this configuration serves only over plain http. A host
 * that another scope serves over TLS is reachable over https, so pages use that and nothing is blocked.
 */
public final class MixedContentOrigin implements Rule {

  @Override
  public void auditAll(List<CorsPolicy> policies, Audit audit) {
    Set<String> hostsWithTls = new HashSet<>();
    for (CorsPolicy p : policies) {
      if (p.scope().tls().is(true)) p.scope().host().get().ifPresent(hostsWithTls::add);
    }
    for (CorsPolicy p : policies) {
      String host = p.scope().host().get().orElse(null);
      if (host == null || hostsWithTls.contains(host)) continue;
      check(p, host, audit);
    }
  }

  private static void check(CorsPolicy policy, String host, Audit audit) {
    if (!policy.scope().tls().is(false) || OriginKinds.isDevelopmentHost(host)) return;
    for (OriginMatcher leaf : policy.allowedOrigins().leaves()) {
      String page = httpsPage(leaf);
      if (page == null) continue;
      String url = "http://" + host + policy.samplePath();
      List<RelatedLocation> related = policy.scope().tls().where()
          .map(s -> List.of(new RelatedLocation(s, "the API is served over plain http only")))
          .orElse(List.of());
      audit.report(
          policy,
          leaf.span(),
          new PolicyProbe(policy).credentials(),
          "The https page '" + page + "' is allowed, but " + host
              + " is served only over plain http, so the browser blocks the call before CORS runs: "
              + Browser.mixedContentMessage(page + "/", url)
              + " Serve the API over https (listen 443 ssl), or terminate TLS in front of it and call it with an https URL.",
          "",
          related);
      return;
    }
  }

  /** An https page origin (not a development machine) that this check lets in, or null. */
  private static String httpsPage(OriginMatcher leaf) {
    if (!(leaf instanceof OriginMatcher.Exact) && !(leaf instanceof OriginMatcher.Regex)
        && !(leaf instanceof OriginMatcher.StringTest)) return null;
    for (String o : leaf.intendedOrigins()) {
      if (o.startsWith("https://") && !OriginKinds.isDevelopmentHost(AttackerOrigins.host(o))
          && leaf.accepts(o) == dev.corslint.model.Tri.YES) return o;
    }
    return null;
  }
}
