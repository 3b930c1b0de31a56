package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Response;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;
import java.util.List;

/** Access-Control-Allow-Private-Network: true for origins that are not all exact. */
public final class PrivateNetworkAccess implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    List<OriginMatcher> leaves = policy.allowedOrigins().leaves();
    if (!leaves.isEmpty() && leaves.stream().allMatch(l -> l instanceof OriginMatcher.Exact)) return;
    PolicyProbe probe = new PolicyProbe(policy);
    for (Response r : probe.legitResponses()) {
      for (HeaderLine h : r.all("Access-Control-Allow-Private-Network")) {
        if (!h.value().get().map("true"::equalsIgnoreCase).orElse(false)) continue;
        audit.report(
            policy,
            h.value().where().orElse(null),
            probe.credentials(),
            "Access-Control-Allow-Private-Network: true is sent for origins that are not an exact list, so any page they allow may reach this private-network service. "
                + "Chromium 156 enforces Local Network Access (a user permission) instead and never sends the Private Network Access preflight, so this opt-in is broad and may be dead configuration.");
        return;
      }
    }
  }
}
