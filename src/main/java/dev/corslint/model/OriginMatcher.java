package dev.corslint.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a scope decides which request origins it allows. Every variant answers {@link #accepts} the way the
 * server's own check would, so that rules can feed it attacker origins and quote the one that gets in.
 */
public sealed interface OriginMatcher
    permits OriginMatcher.Exact,
        OriginMatcher.Wildcard,
        OriginMatcher.Reflect,
        OriginMatcher.Regex,
        OriginMatcher.StringTest,
        OriginMatcher.Opaque,
        OriginMatcher.AnyOf,
        OriginMatcher.None {

  /** Whether the server allows a request carrying {@code Origin: origin}. */
  Tri accepts(String origin);

  /** The line that configures this check; null for combinations. */
  SourceSpan span();

  /** The simple checks this matcher is made of. */
  default List<OriginMatcher> leaves() {
    return List.of(this);
  }

  /** Origins the author evidently meant to allow; the basis for attacker look-alikes. */
  default List<String> intendedOrigins() {
    return List.of();
  }

  /**
   * One exact origin. {@code lenient} is Spring's {@code allowedOrigins} comparison, which ignores case and
   * a trailing slash; everywhere else the comparison is byte for byte, as browsers send it.
   */
  record Exact(String origin, SourceSpan span, boolean lenient) implements OriginMatcher {
    public Exact(String origin, SourceSpan span) {
      this(origin, span, false);
    }

    @Override
    public Tri accepts(String candidate) {
      if (candidate == null) return Tri.NO;
      if (!lenient) return Tri.of(origin.equals(candidate));
      String a = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
      return Tri.of(a.equalsIgnoreCase(candidate));
    }

    @Override
    public List<String> intendedOrigins() {
      return List.of(origin);
    }
  }

  /** {@code Access-Control-Allow-Origin: *}: every origin may read non-credentialed responses. */
  record Wildcard(SourceSpan span) implements OriginMatcher {
    @Override
    public Tri accepts(String candidate) {
      return Tri.YES;
    }
  }

  /** The request's origin is echoed back with no check at all. */
  record Reflect(SourceSpan span) implements OriginMatcher {
    @Override
    public Tri accepts(String candidate) {
      return Tri.of(candidate != null);
    }
  }

  /** A regular expression run by the server's engine. */
  record Regex(GuardedRegex regex, SourceSpan span) implements OriginMatcher {
    @Override
    public Tri accepts(String candidate) {
      return candidate == null ? Tri.NO : regex.matches(candidate);
    }

    @Override
    public List<String> intendedOrigins() {
      return RegexExamples.intended(regex);
    }
  }

  /** A string comparison that is not equality: {@code startsWith}, {@code endsWith}, {@code includes}. */
  record StringTest(Kind kind, String text, boolean ignoreCase, SourceSpan span) implements OriginMatcher {
    public enum Kind {
      PREFIX,
      SUFFIX,
      CONTAINS
    }

    @Override
    public Tri accepts(String candidate) {
      if (candidate == null) return Tri.NO;
      String c = ignoreCase ? candidate.toLowerCase(Locale.ROOT) : candidate;
      String t = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
      return Tri.of(
          switch (kind) {
            case PREFIX -> c.startsWith(t);
            case SUFFIX -> c.endsWith(t);
            case CONTAINS -> c.contains(t);
          });
    }

    @Override
    public List<String> intendedOrigins() {
      String t = text.startsWith(".") ? "app" + text : text;
      return List.of(t.contains("://") ? t : "https://" + t);
    }
  }

  /** A check corslint cannot evaluate statically (a function defined elsewhere, an environment value). */
  record Opaque(String reason, SourceSpan span) implements OriginMatcher {
    @Override
    public Tri accepts(String candidate) {
      return Tri.UNKNOWN;
    }
  }

  /** Allowed when any alternative allows. */
  record AnyOf(List<OriginMatcher> alternatives) implements OriginMatcher {
    public AnyOf {
      alternatives = List.copyOf(alternatives);
    }

    @Override
    public Tri accepts(String candidate) {
      Tri result = Tri.NO;
      for (OriginMatcher m : alternatives) {
        result = result.or(m.accepts(candidate));
        if (result == Tri.YES) return result;
      }
      return result;
    }

    @Override
    public SourceSpan span() {
      return alternatives.isEmpty() ? null : alternatives.get(0).span();
    }

    @Override
    public List<OriginMatcher> leaves() {
      List<OriginMatcher> out = new ArrayList<>();
      for (OriginMatcher m : alternatives) out.addAll(m.leaves());
      return out;
    }

    @Override
    public List<String> intendedOrigins() {
      List<String> out = new ArrayList<>();
      for (OriginMatcher m : alternatives) {
        for (String o : m.intendedOrigins()) if (!out.contains(o)) out.add(o);
      }
      return out;
    }
  }

  /** No origin is allowed (CORS is not configured for this scope). */
  record None() implements OriginMatcher {
    @Override
    public Tri accepts(String candidate) {
      return Tri.NO;
    }

    @Override
    public SourceSpan span() {
      return null;
    }

    @Override
    public List<OriginMatcher> leaves() {
      return List.of();
    }
  }

  /** Combines alternatives, flattening and dropping {@link None}. */
  static OriginMatcher anyOf(List<OriginMatcher> matchers) {
    List<OriginMatcher> flat = new ArrayList<>();
    for (OriginMatcher m : matchers) {
      if (m instanceof AnyOf a) flat.addAll(a.alternatives());
      else if (!(m instanceof None)) flat.add(m);
    }
    if (flat.isEmpty()) return new None();
    return flat.size() == 1 ? flat.get(0) : new AnyOf(flat);
  }
}
