package dev.corslint.ecosystems.express;

import dev.corslint.model.SourceSpan;
import java.util.List;

/**
 * A condition on the request's {@code Origin} header, as the scanned code tests it: membership in a list,
 * a regex test, a string prefix/suffix/substring test, a truthiness check. Conditions on the request method
 * are kept too, for hand-written middleware.
 */
sealed interface OriginPredicate {

  /** {@code list.includes(origin)}, {@code list.indexOf(origin) !== -1}, {@code set.has(origin)}. */
  record InList(List<JsValue> items, SourceSpan span) implements OriginPredicate {}

  /** {@code origin === 'https://app.example.com'}. */
  record Equals(JsValue.Str value, SourceSpan span) implements OriginPredicate {}

  /** {@code /regex/.test(origin)}, {@code origin.match(/regex/)}. */
  record RegexTest(JsValue.RegexLit regex, SourceSpan span) implements OriginPredicate {}

  /** {@code origin.startsWith(x)}, {@code endsWith}, {@code includes}, {@code indexOf(x) !== -1}. */
  record StringTest(dev.corslint.model.OriginMatcher.StringTest.Kind kind, String text, boolean ignoreCase, SourceSpan span)
      implements OriginPredicate {}

  /** The origin is present (a non-empty string). */
  record Present(SourceSpan span) implements OriginPredicate {}

  /** {@code req.method === 'OPTIONS'}. */
  record MethodIs(String method, SourceSpan span) implements OriginPredicate {}

  /** Another request header is present: decidable for preflights, which carry none but the CORS ones. */
  record HeaderPresent(String name, SourceSpan span) implements OriginPredicate {}

  /**
   * Something corslint cannot evaluate. {@code variable} names the environment variable when the test is
   * whether that variable is set ({@code process.env.NAME || ...}), which an assumption can decide.
   */
  record Opaque(String reason, String variable, SourceSpan span) implements OriginPredicate {
    Opaque(String reason, SourceSpan span) {
      this(reason, null, span);
    }
  }

  record Not(OriginPredicate operand) implements OriginPredicate {
    @Override
    public SourceSpan span() {
      return operand.span();
    }
  }

  record And(List<OriginPredicate> operands) implements OriginPredicate {
    @Override
    public SourceSpan span() {
      return operands.isEmpty() ? null : operands.get(0).span();
    }
  }

  record Or(List<OriginPredicate> operands) implements OriginPredicate {
    @Override
    public SourceSpan span() {
      return operands.isEmpty() ? null : operands.get(0).span();
    }
  }

  SourceSpan span();

  static OriginPredicate not(OriginPredicate p) {
    return p instanceof Not n ? n.operand() : new Not(p);
  }
}
