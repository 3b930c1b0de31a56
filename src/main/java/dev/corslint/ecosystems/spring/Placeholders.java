package dev.corslint.ecosystems.spring;

import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves Spring property placeholders ({@code ${cors.origins}}, {@code ${key:default}}, nested) against the
 * application's configuration files, keeping the line of the property that supplied each value. A key that no
 * file sets and that has no default is unknown: it comes from the environment at run time.
 */
final class Placeholders {

  /** {@code #{'${cors.origins}'.split(',')}}: SpEL that splits a property, a common way to inject a list. */
  private static final Pattern SPEL_SPLIT =
      Pattern.compile("#\\{\\s*'(\\$\\{[^']*})'\\s*\\.split\\(\\s*'([^']*)'\\s*\\)\\s*}");

  private static final int MAX_DEPTH = 8;

  private Placeholders() {}

  static boolean contains(String text) {
    return text.contains("${") || text.startsWith("#{");
  }

  /**
   * The values of {@code text} as written at {@code at} (a string literal's span, quotes included).
   *
   * @param asList the target is an array or list, so a comma-separated value becomes several values
   */
  static Evaluated resolve(String text, SourceSpan at, SpringProperties props, boolean asList) {
    Matcher spel = SPEL_SPLIT.matcher(text.strip());
    if (spel.matches()) {
      Evaluated inner = resolve(spel.group(1), at, props, false);
      return splitAll(inner);
    }
    if (text.startsWith("#{")) return Evaluated.unknown("the SpEL expression " + text + " is evaluated at run time", at);
    Evaluated v = resolve(text, at, props, 0);
    return asList ? splitAll(v) : v;
  }

  private static Evaluated splitAll(Evaluated v) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : v.items()) out.addAll(SpringProperties.splitCommas(e));
    return new Evaluated(out, v.unknown(), v.unknownAt(), null);
  }

  private static Evaluated resolve(String text, SourceSpan at, SpringProperties props, int depth) {
    int start = text.indexOf("${");
    if (start < 0) return Evaluated.of(new Entry(text, at));
    if (depth > MAX_DEPTH) return Evaluated.unknown("placeholders nest too deeply in " + text, at);
    int end = closing(text, start);
    if (end < 0) return Evaluated.of(new Entry(text, at));
    String body = text.substring(start + 2, end);
    String prefix = text.substring(0, start);
    String suffix = text.substring(end + 1);
    int colon = topLevelColon(body);
    String key = colon < 0 ? body : body.substring(0, colon);
    Evaluated value;
    Optional<Entry> scalar = props.scalar(key);
    Optional<List<Entry>> indexed = scalar.isPresent() ? Optional.empty() : props.list(key);
    if (scalar.isPresent()) {
      // a property value may itself hold placeholders (an environment variable with a default)
      Entry e = scalar.get();
      value = Placeholders.contains(e.text()) ? resolve(e.text(), e.span(), props, depth + 1) : Evaluated.of(e);
    } else if (indexed.isPresent()) {
      value = Evaluated.of(indexed.get());
    } else if (colon >= 0 && props.inputsSet()) {
      value = Evaluated.unknown("the property '" + key + "' as the deployment sets it", at);
    } else if (colon >= 0) {
      String def = body.substring(colon + 1);
      SourceSpan defAt = narrow(at, text, start + 2 + colon + 1, def.length());
      props.tookDefault(key, def, defAt);
      value = resolve(def, defAt, props, depth + 1);
    } else {
      value = Evaluated.unknown(
          "the property '" + key + "' is not set in the application's configuration files (it may come from the environment at run time)", at);
    }
    if (prefix.isEmpty() && suffix.isEmpty()) return value;
    if (!value.complete() || value.items().size() != 1) {
      return value.complete() ? Evaluated.unknown("cannot combine a list property with text in " + text, at) : value;
    }
    Evaluated rest = resolve(suffix, at, props, depth + 1);
    if (!rest.complete() || rest.items().size() != 1) return rest;
    Entry v = value.items().get(0);
    return Evaluated.of(new Entry(prefix + v.text() + rest.items().get(0).text(), v.span()));
  }

  private static int closing(String text, int start) {
    int depth = 0;
    for (int i = start; i < text.length(); i++) {
      if (text.startsWith("${", i)) {
        depth++;
        i++;
      } else if (text.charAt(i) == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static int topLevelColon(String body) {
    int depth = 0;
    for (int i = 0; i < body.length(); i++) {
      if (body.startsWith("${", i)) {
        depth++;
        i++;
      } else if (body.charAt(i) == '}') depth--;
      else if (body.charAt(i) == ':' && depth == 0) return i;
    }
    return -1;
  }

  /** The span of a part of a string literal when the literal is on one line (quotes included in {@code at}). */
  private static SourceSpan narrow(SourceSpan at, String text, int offset, int length) {
    if (at == null || at.line() != at.endLine()) return at;
    int width = at.endColumn() - at.column();
    int quote = width == text.length() + 2 ? 1 : width == text.length() ? 0 : -1;
    if (quote < 0) return at;
    int col = at.column() + quote + offset;
    return new SourceSpan(at.file(), at.line(), col, at.line(), col + length);
  }
}
