package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.LayerOrder;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.RelatedLocation;
import dev.corslint.rules.Rule;
import java.util.List;

/** The CORS layer runs after a layer that answers first, so its headers never reach those responses. */
public final class MiddlewareOrder implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    for (LayerOrder order : policy.layerOrder()) {
      PolicyProbe probe = new PolicyProbe(policy);
      String effect = order.affectsPreflight()
          ? " Preflights are answered before CORS runs, so the browser reports: \"Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\""
          : " Those responses carry no CORS headers, so the browser reports: \"No 'Access-Control-Allow-Origin' header is present on the requested resource.\"";
      audit.report(
          policy,
          order.corsLayer(),
          probe.credentials(),
          "The CORS layer runs too late: " + order.description() + "." + effect + " Register the CORS layer first.",
          order.earlierLayer() == null ? "" : order.earlierLayer().toString(),
          order.earlierLayer() == null ? List.of() : List.of(new RelatedLocation(order.earlierLayer(), "this answers first")));
    }
  }
}
