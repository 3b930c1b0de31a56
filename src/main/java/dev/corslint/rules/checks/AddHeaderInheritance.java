package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.ShadowedHeader;
import dev.corslint.model.SourceSpan;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.RelatedLocation;
import dev.corslint.rules.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A block with its own add_header silently drops the CORS headers inherited from the enclosing block. */
public final class AddHeaderInheritance implements Rule {

  private static final Set<String> PREFLIGHT_ONLY = Set.of(
      "access-control-allow-methods", "access-control-allow-headers", "access-control-max-age",
      "access-control-allow-private-network");

  /** A header lost where browsers never read it (Expose-Headers on a preflight, Allow-Methods on a GET) is harmless. */
  private static boolean matters(String header, boolean preflight) {
    String h = header.toLowerCase(java.util.Locale.ROOT);
    return preflight ? !h.equals("access-control-expose-headers") : !PREFLIGHT_ONLY.contains(h);
  }

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    Map<SourceSpan, List<ShadowedHeader>> byBlock = new LinkedHashMap<>();
    for (PolicyProbe.LegitExchange exchange : probe.legitExchanges()) {
      for (ShadowedHeader s : exchange.response().shadowed()) {
        if (!s.name().regionMatches(true, 0, "Access-Control-", 0, 15) || !matters(s.name(), exchange.preflight())) continue;
        List<ShadowedHeader> list = byBlock.computeIfAbsent(s.replacedAt(), k -> new ArrayList<>());
        if (list.stream().noneMatch(x -> x.name().equalsIgnoreCase(s.name()))) list.add(s);
      }
    }
    for (Map.Entry<SourceSpan, List<ShadowedHeader>> e : byBlock.entrySet()) {
      Set<String> names = new LinkedHashSet<>();
      List<RelatedLocation> related = new ArrayList<>();
      for (ShadowedHeader s : e.getValue()) {
        names.add(s.name());
        related.add(new RelatedLocation(s.inheritedFrom(), s.name() + " is set here and not inherited"));
      }
      boolean losesOrigin = names.stream().anyMatch(n -> n.equalsIgnoreCase("Access-Control-Allow-Origin"));
      audit.report(
          policy,
          e.getKey(),
          probe.credentials(),
          "This block has add_header of its own, so nginx drops the inherited " + String.join(", ", names)
              + (losesOrigin
                  ? "; responses from here reach the browser without Access-Control-Allow-Origin (\"No 'Access-Control-Allow-Origin' header is present on the requested resource.\")"
                  : "")
              + ". Repeat the CORS add_header lines in this block (an include file keeps them in one place).",
          "",
          related);
    }
  }
}
