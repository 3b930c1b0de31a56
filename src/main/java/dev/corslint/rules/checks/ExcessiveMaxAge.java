package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderLine;
import dev.corslint.model.Response;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;

/** Access-Control-Max-Age that no browser honours: above a day, negative, or not a number. */
public final class ExcessiveMaxAge implements Rule {

  private static final long FIREFOX_CAP = 86400;

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    for (Response r : probe.legitResponses()) {
      for (HeaderLine h : r.all("Access-Control-Max-Age")) {
        String v = h.value().get().map(String::strip).orElse(null);
        if (v == null) continue;
        String problem;
        try {
          long seconds = Long.parseLong(v);
          if (seconds < 0) problem = "is negative, so browsers do not cache the preflight at all";
          else if (seconds > FIREFOX_CAP) problem = "is above any browser's limit (Chromium caps it at 7200 s, Firefox at 86400 s), so it does not do what it says";
          else continue;
        } catch (NumberFormatException e) {
          problem = "is not a number of seconds, so browsers ignore it and re-send the preflight after about 5 s";
        }
        audit.report(policy, h.value().where().orElse(null), probe.credentials(),
            "Access-Control-Max-Age " + v + " " + problem + ". Use a value up to 7200.", v, java.util.List.of());
        return;
      }
    }
  }
}
