package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.HeaderRemoval;
import dev.corslint.model.Response;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The proxy removes the application's CORS headers and sends none of its own in their place. */
public final class CorsHeadersStrippedByProxy implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    Set<String> reported = new HashSet<>();
    for (Response r : probe.legitResponses()) {
      for (HeaderRemoval removal : r.removed()) {
        String name = removal.name();
        // Losing the app's Allow-Origin is what breaks every request; trimming another header is a choice.
        if (!matches(name, "Access-Control-Allow-Origin")) continue;
        boolean replaced = r.has("Access-Control-Allow-Origin");
        // This layer's own Allow-Origin lost to add_header inheritance: that rule explains the response.
        boolean shadowed = r.shadowed().stream().anyMatch(x -> x.name().equalsIgnoreCase("Access-Control-Allow-Origin"));
        if (shadowed) continue;
        if (replaced || !reported.add(removal.span().toString())) continue;
        audit.report(
            policy,
            removal.span(),
            probe.credentials(),
            "This proxy layer removes " + name + " from the application's responses and sends no Access-Control-Allow-Origin of its own, so the browser never sees the application's CORS answer"
                + " (\"No 'Access-Control-Allow-Origin' header is present on the requested resource.\"). Remove the directive, or send the CORS headers from this layer instead.",
            name,
            java.util.List.of());
      }
    }
  }

  private static boolean matches(String pattern, String header) {
    String p = pattern.toLowerCase(Locale.ROOT);
    String h = header.toLowerCase(Locale.ROOT);
    return p.endsWith("*") ? h.startsWith(p.substring(0, p.length() - 1)) : p.equals(h);
  }
}
