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
import java.util.List;

/** An https page origin is allowed to call an API this configuration serves only over plain http. */
public final class MixedContentOrigin implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    if (!policy.scope().tls().is(false)) return;
    String host = policy.scope().host().get().orElse(null);
    if (host != null && OriginKinds.isDevelopmentHost(host)) return;
    for (OriginMatcher leaf : policy.allowedOrigins().leaves()) {
      if (!(leaf instanceof OriginMatcher.Exact e) || !e.origin().startsWith("https://")) continue;
      if (OriginKinds.isDevelopmentHost(AttackerOrigins.host(e.origin()))) continue;
      PolicyProbe probe = new PolicyProbe(policy);
      String url = "http://" + (host == null ? "api.example.com" : host) + policy.samplePath();
      List<RelatedLocation> related = policy.scope().tls().where()
          .map(s -> List.of(new RelatedLocation(s, "the API is served over plain http here")))
          .orElse(List.of());
      audit.report(
          policy,
          e.span(),
          probe.credentials(),
          "The https page '" + e.origin() + "' is allowed, but this API is served only over http, so the browser blocks the call before CORS runs: "
              + Browser.mixedContentMessage(e.origin() + "/", url) + " Serve the API over https.",
          "",
          related);
      return;
    }
  }
}
