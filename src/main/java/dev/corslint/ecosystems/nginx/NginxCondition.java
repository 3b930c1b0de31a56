package dev.corslint.ecosystems.nginx;

import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/** The condition of an {@code if}, read as ngx_http_rewrite_if_condition reads it. */
sealed interface NginxCondition {

  SourceSpan span();

  /** {@code if ($var)}: true unless empty or "0". */
  record Truthy(String variable, SourceSpan span) implements NginxCondition {}

  /** {@code if ($var = value)} or {@code !=}: exact, case-sensitive comparison. */
  record Equals(String variable, NginxTemplate value, boolean negate, SourceSpan span) implements NginxCondition {}

  /**
   * {@code if ($var ~ regex)}, {@code ~*}, {@code !~}, {@code !~*}; {@code regex} is null when it cannot be
   * compiled.
   *
   * @param regexSpan where the regex is written: the line a user changes
   */
  record Matches(String variable, NginxRegex regex, String source, boolean ignoreCase, boolean negate,
      SourceSpan span, SourceSpan regexSpan) implements NginxCondition {}

  /** {@code -f}, {@code !-d} and friends: depend on the file system. */
  record FileTest(String operator, NginxTemplate path, SourceSpan span) implements NginxCondition {}

  /** A condition nginx itself would reject. */
  record Invalid(String why, SourceSpan span) implements NginxCondition {}

  /** Compiles regexes for conditions, reporting the ones that cannot be analysed. */
  interface RegexCompiler {
    NginxRegex compile(String source, boolean ignoreCase, SourceSpan at);
  }

  static NginxCondition parse(Directive d, RegexCompiler regexes) {
    SourceSpan span = d.span();
    List<Arg> args = new ArrayList<>(d.args());
    if (args.isEmpty()) return new Invalid("empty condition", span);
    List<String> v = new ArrayList<>();
    List<SourceSpan> spans = new ArrayList<>();
    for (Arg a : args) {
      v.add(a.value());
      spans.add(a.span());
    }
    String first = v.get(0);
    if (!first.startsWith("(")) return new Invalid("condition must start with '('", span);
    if (first.length() == 1) {
      v.remove(0);
      spans.remove(0);
    } else {
      v.set(0, first.substring(1));
    }
    if (v.isEmpty()) return new Invalid("condition must end with ')'", span);
    int last = v.size() - 1;
    String lastText = v.get(last);
    if (!lastText.endsWith(")")) return new Invalid("condition must end with ')'", span);
    if (lastText.length() == 1) {
      v.remove(last);
      spans.remove(last);
    } else {
      v.set(last, lastText.substring(0, lastText.length() - 1));
    }
    if (v.isEmpty()) return new Invalid("empty condition", span);
    String subject = v.get(0);
    if (subject.length() > 1 && subject.charAt(0) == '$') {
      String var = subject.substring(1);
      if (var.startsWith("{") && var.endsWith("}")) var = var.substring(1, var.length() - 1);
      if (v.size() == 1) return new Truthy(var, span);
      if (v.size() != 3) return new Invalid("invalid condition", span);
      String op = v.get(1);
      String operand = v.get(2);
      SourceSpan operandSpan = spans.get(Math.min(2, spans.size() - 1));
      switch (op) {
        case "=":
        case "!=":
          return new Equals(var, NginxTemplate.parse(operand, span), op.equals("!="), span);
        case "~":
        case "~*":
        case "!~":
        case "!~*":
          boolean ci = op.endsWith("*");
          return new Matches(var, regexes.compile(operand, ci, operandSpan), operand, ci, op.startsWith("!"),
              span, operandSpan);
        default:
          return new Invalid("unexpected \"" + op + "\" in condition", span);
      }
    }
    if (v.size() == 2 && (subject.length() == 2 && subject.charAt(0) == '-'
        || subject.length() == 3 && subject.startsWith("!-"))) {
      return new FileTest(subject, NginxTemplate.parse(v.get(1), span), span);
    }
    return new Invalid("invalid condition \"" + subject + "\"", span);
  }
}
