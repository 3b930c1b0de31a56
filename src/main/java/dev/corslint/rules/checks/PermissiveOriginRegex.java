package dev.corslint.rules.checks;

import dev.corslint.model.CorsPolicy;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.Tri;
import dev.corslint.rules.AttackerOrigins;
import dev.corslint.rules.Audit;
import dev.corslint.rules.PolicyProbe;
import dev.corslint.rules.Rule;
import java.util.List;
import java.util.Optional;

/**
 * A regex or string check that accepts origins its author did not mean. The real pattern is run against
 * look-alikes of the origins it was written for; the finding quotes the first one that gets in.
 */
public final class PermissiveOriginRegex implements Rule {

  @Override
  public void audit(CorsPolicy policy, Audit audit) {
    PolicyProbe probe = new PolicyProbe(policy);
    for (OriginMatcher leaf : policy.allowedOrigins().leaves()) {
      if (!(leaf instanceof OriginMatcher.Regex) && !(leaf instanceof OriginMatcher.StringTest)) continue;
      List<String> intended = leaf.intendedOrigins();
      firstBypass(leaf, intended, audit)
          .ifPresent(c -> audit.report(
              policy,
              leaf.span(),
              probe.credentials(),
              "The origin check " + describe(leaf) + " also accepts '" + c.origin() + "' (" + c.bypass()
                  + "): a page there can read responses" + probe.withCookies() + ". "
                  + fix(leaf),
              describe(leaf),
              probe.credentialsRelated()));
    }
  }

  private static Optional<AttackerOrigins.Candidate> firstBypass(OriginMatcher leaf, List<String> intended, Audit audit) {
    for (String origin : intended) {
      boolean subdomainsIntended = subdomainsIntended(leaf, origin);
      // A label the pattern leaves open ([a-z0-9-]+\.example\.com) is the author's wildcard: look-alikes that
      // only change that label prove nothing, so those come from the domain under it instead.
      String parent = subdomainsIntended ? parentIfSynthesized(leaf, origin) : origin;
      boolean synthesized = !parent.equals(origin);
      List<AttackerOrigins.Candidate> candidates = new java.util.ArrayList<>();
      for (AttackerOrigins.Candidate c : AttackerOrigins.lookAlikes(origin)) {
        if (synthesized && c.bypass().startsWith("suffix match")) continue;
        candidates.add(c);
      }
      if (synthesized) candidates.addAll(AttackerOrigins.lookAlikes(parent));
      for (AttackerOrigins.Candidate c : candidates) {
        if (subdomainsIntended && c.bypass().startsWith("any subdomain")) continue;
        if (intended.contains(c.origin()) || audit.settings().isTrusted(c.origin())) continue;
        if (leaf.accepts(c.origin()) == Tri.YES) return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** A pattern whose first host label is a wildcard ({@code ^https://[a-z]+\.example\.com$}) means subdomains. */
  private static boolean subdomainsIntended(OriginMatcher leaf, String origin) {
    if (leaf instanceof OriginMatcher.StringTest t) return t.text().startsWith(".");
    if (!(leaf instanceof OriginMatcher.Regex r)) return false;
    String host = AttackerOrigins.host(origin);
    if (host == null) return false;
    // Anything variable between the scheme and the literal host ((www\.)?, [a-z]+\., .*) admits subdomains on purpose.
    String source = r.regex().source().replace("\\/", "/");
    int scheme = source.indexOf("//");
    String firstLabel = host.split("\\.")[0];
    int label = source.indexOf(firstLabel, scheme < 0 ? 0 : scheme);
    if (scheme < 0) return false;
    if (label < 0) return true; // the first label was filled in for a wildcard
    String between = source.substring(scheme + 2, label);
    return between.contains("[") || between.contains("(") || between.contains(".*") || between.contains(".+")
        || between.contains("\\w");
  }

  private static String parentIfSynthesized(OriginMatcher leaf, String origin) {
    if (!(leaf instanceof OriginMatcher.Regex r)) return origin;
    String host = AttackerOrigins.host(origin);
    if (host == null || !host.contains(".")) return origin;
    String first = host.substring(0, host.indexOf('.'));
    if (r.regex().source().contains(first)) return origin;
    int at = origin.indexOf(host);
    return origin.substring(0, at) + host.substring(first.length() + 1) + origin.substring(at + host.length());
  }

  private static String describe(OriginMatcher leaf) {
    if (leaf instanceof OriginMatcher.Regex r) return "/" + r.regex().source() + "/";
    OriginMatcher.StringTest t = (OriginMatcher.StringTest) leaf;
    return switch (t.kind()) {
      case PREFIX -> "startsWith('" + t.text() + "')";
      case SUFFIX -> "endsWith('" + t.text() + "')";
      case CONTAINS -> "includes('" + t.text() + "')";
    };
  }

  private static String fix(OriginMatcher leaf) {
    return leaf instanceof OriginMatcher.Regex
        ? "Anchor the pattern at both ends (^...$), escape every dot (\\.), and avoid .* before the domain."
        : "Compare the whole origin against a list of exact origins.";
  }
}
