package dev.corslint.ecosystems.django.flask;

import dev.corslint.ecosystems.django.python.EnvironmentDefaults;
import dev.corslint.ecosystems.django.python.PyValue;
import dev.corslint.ecosystems.django.python.PyValue.Bool;
import dev.corslint.ecosystems.django.python.PyValue.FloatNum;
import dev.corslint.ecosystems.django.python.PyValue.NoneValue;
import dev.corslint.ecosystems.django.python.PyValue.Num;
import dev.corslint.ecosystems.django.python.PyValue.Pattern;
import dev.corslint.ecosystems.django.python.PyValue.Seq;
import dev.corslint.ecosystems.django.python.PyValue.Str;
import dev.corslint.ecosystems.django.python.PyValue.Unknown;
import dev.corslint.model.Alternative;
import dev.corslint.model.GuardedRegex;
import dev.corslint.model.Notice;
import dev.corslint.model.OriginMatcher;
import dev.corslint.model.RegexFlavor;
import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import dev.corslint.model.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * flask-cors options after {@code get_cors_options}: defaults, then the app's {@code CORS_*} configuration,
 * then the keyword arguments, then the resource's own options, serialized as flask-cors does (methods and
 * expose headers sorted and joined, {@code '*'} turned into the regex {@code .*}).
 */
record FlaskCorsOptions(
    List<Rule> origins,
    Value<String> methods,
    List<Rule> allowHeaders,
    Value<String> exposeHeaders,
    Value<Boolean> credentials,
    Value<String> maxAge,
    boolean sendWildcard,
    boolean varyHeader,
    boolean alwaysSend,
    SourceSpan at) {

  static final List<String> ALL_METHODS = List.of("GET", "HEAD", "POST", "OPTIONS", "PUT", "PATCH", "DELETE");
  private static final String REGEX_CHARS = "*\\]?$^[()";
  /** The options {@link #of} reads; the others ({@code automatic_options}, ...) do not change the headers. */
  private static final List<String> READ = List.of("origins", "methods", "allow_headers", "expose_headers",
      "supports_credentials", "max_age", "send_wildcard", "vary_header", "always_send");

  /** One entry of {@code origins} or {@code allow_headers}, as {@code try_match_pattern} applies it. */
  record Rule(Kind kind, String text, GuardedRegex regex, String unknownReason, SourceSpan span) {
    enum Kind {
      /** {@code .*}: matches everything. */
      ANY,
      REGEX,
      /** Compared case-insensitively ({@code casefold}). */
      PLAIN,
      UNKNOWN
    }

    Tri matches(String value) {
      return switch (kind) {
        case ANY -> Tri.YES;
        case REGEX -> regex.matches(value);
        case PLAIN -> Tri.of(text.equalsIgnoreCase(value));
        case UNKNOWN -> Tri.UNKNOWN;
      };
    }
  }

  /** flask-cors' {@code probably_regex}. */
  static boolean probablyRegex(String s) {
    for (char c : s.toCharArray()) if (REGEX_CHARS.indexOf(c) >= 0) return true;
    return false;
  }

  boolean wildcard() {
    return origins.stream().anyMatch(r -> r.kind() == Rule.Kind.ANY);
  }

  boolean anyRegex() {
    return origins.stream().anyMatch(r -> r.kind() == Rule.Kind.ANY || r.kind() == Rule.Kind.REGEX);
  }

  /** How the origins are checked, as matchers for the rules. */
  OriginMatcher matcher() {
    List<OriginMatcher> leaves = new ArrayList<>();
    for (Rule r : origins) {
      switch (r.kind()) {
        case ANY -> leaves.add(sendWildcard ? new OriginMatcher.Wildcard(r.span()) : new OriginMatcher.Reflect(r.span()));
        case REGEX -> leaves.add(new OriginMatcher.Regex(r.regex(), r.span()));
        case PLAIN -> leaves.add(new OriginMatcher.Exact(r.text().toLowerCase(Locale.ROOT), r.span()));
        case UNKNOWN -> leaves.add(new OriginMatcher.Opaque(r.unknownReason(), r.span()));
      }
    }
    return OriginMatcher.anyOf(leaves);
  }

  /** A value with where it was set. */
  record Setting(PyValue value, SourceSpan at) {}

  /**
   * Resolves the merged options. {@code merged} maps option names (without {@code CORS_}, lower case) to
   * values; missing options take flask-cors' defaults.
   */
  static FlaskCorsOptions of(Map<String, Setting> merged, SourceSpan callAt, List<Notice> notices) {
    Map<String, Setting> o = new LinkedHashMap<>(merged);
    // An option read from the environment takes the default the code writes: the case where it is unset.
    for (String name : READ) {
      Setting s = o.get(name);
      if (s != null) o.put(name, new Setting(resolve(s.value(), name, s.at(), notices), s.at()));
    }
    Setting origins = o.get("origins");
    List<Rule> originRules = origins == null
        ? List.of(new Rule(Rule.Kind.ANY, ".*", null, null, callAt))
        : rules(origins, "origins", true, notices);
    Value<String> methods = methods(o.get("methods"));
    Setting ah = o.get("allow_headers");
    List<Rule> headerRules = ah == null ? List.of(new Rule(Rule.Kind.ANY, ".*", null, null, callAt)) : rules(ah, "allow_headers", true, notices);
    Value<String> expose = joined(o.get("expose_headers"), false);
    Value<Boolean> credentials = bool(o.get("supports_credentials"), false);
    Value<String> maxAge = maxAge(o.get("max_age"));
    boolean sendWildcard = bool(o.get("send_wildcard"), false).is(true);
    boolean vary = !bool(o.get("vary_header"), true).is(false);
    boolean always = !bool(o.get("always_send"), true).is(false);
    return new FlaskCorsOptions(originRules, methods, headerRules, expose, credentials, maxAge, sendWildcard, vary, always, callAt);
  }

  /** The environment defaults {@link #of} answers with for {@code merged}, each with its variable and place. */
  static void collectDefaults(Map<String, Setting> merged, Collection<Alternative<String>> out) {
    for (String name : READ) {
      Setting s = merged.get(name);
      if (s != null) EnvironmentDefaults.collect(s.value(), s.at(), out);
    }
  }

  /** {@code merged} as a deployment that sets the variables sees it: every environment read unknown. */
  static Map<String, Setting> withInputsSet(Map<String, Setting> merged) {
    Map<String, Setting> out = new LinkedHashMap<>();
    merged.forEach((name, s) -> out.put(name, new Setting(EnvironmentDefaults.withoutDefaults(s.value()), s.at())));
    return out;
  }

  private static PyValue resolve(PyValue v, String name, SourceSpan at, List<Notice> notices) {
    if (v instanceof Unknown u && u.fallback() != null) {
      notices.add(Notice.note("flask-cors option " + name + " comes from " + u.reason() + "; corslint uses its default "
          + PyValue.show(u.fallback()) + " as written in the code", at));
      return u.fallback();
    }
    return v;
  }

  private static List<Rule> rules(Setting s, String name, boolean ignoreCase, List<Notice> notices) {
    PyValue v = s.value();
    List<PyValue> items = new ArrayList<>();
    if (v instanceof Seq seq) items.addAll(seq.items());
    else items.add(v);
    List<Rule> out = new ArrayList<>();
    for (PyValue item : items) {
      if (item instanceof Unknown u && u.fallback() != null) item = u.fallback();
      SourceSpan at = item.span() != null ? item.span() : s.at();
      if (item instanceof Str str) {
        String text = str.value().equals("*") ? ".*" : str.value();
        if (text.equals(".*")) {
          out.add(new Rule(Rule.Kind.ANY, text, null, null, at));
        } else if (probablyRegex(text)) {
          GuardedRegex.Result r = GuardedRegex.compile(text, RegexFlavor.PYTHON, RegexFlavor.Mode.START, ignoreCase);
          if (r.regex().isPresent()) out.add(new Rule(Rule.Kind.REGEX, text, r.regex().get(), null, at));
          else notices.add(Notice.warning("the " + name + " pattern /" + text + "/ cannot be evaluated (" + r.error() + ")", at));
        } else {
          out.add(new Rule(Rule.Kind.PLAIN, text, null, null, at));
        }
      } else if (item instanceof Pattern p) {
        // A compiled pattern is matched with its own flags: no IGNORECASE is added.
        GuardedRegex.Result r = GuardedRegex.compile(p.source(), RegexFlavor.PYTHON, RegexFlavor.Mode.START, p.ignoreCase());
        if (r.regex().isPresent()) out.add(new Rule(Rule.Kind.REGEX, p.source(), r.regex().get(), null, at));
      } else {
        String why = item instanceof Unknown u ? u.reason() : PyValue.show(item);
        notices.add(Notice.warning("flask-cors option " + name + " depends on " + why + ", which cannot be known statically", at));
        out.add(new Rule(Rule.Kind.UNKNOWN, null, null, name + " (" + why + ")", at));
      }
    }
    return out;
  }

  /** {@code flexible_str(methods).upper()}: a list is sorted and joined with ", ". */
  private static Value<String> methods(Setting s) {
    if (s == null) return Value.known(String.join(", ", ALL_METHODS.stream().sorted().toList()), null);
    Value<String> v = joined(s, true);
    return v;
  }

  private static Value<String> joined(Setting s, boolean upper) {
    if (s == null) return Value.absent();
    PyValue v = s.value();
    if (v instanceof NoneValue) return Value.absent();
    String text;
    if (v instanceof Str str) {
      text = str.value();
    } else if (v instanceof Seq seq) {
      List<String> parts = new ArrayList<>();
      for (PyValue i : seq.items()) {
        if (!(i instanceof Str is)) return Value.unknown("a list with " + PyValue.show(i), s.at());
        parts.add(is.value());
      }
      parts.sort(null);
      text = String.join(", ", parts);
    } else {
      return Value.unknown(v instanceof Unknown u ? u.reason() : PyValue.show(v), s.at());
    }
    if (upper) text = text.toUpperCase(Locale.ROOT);
    return text.isEmpty() ? Value.absent() : Value.known(text, s.at());
  }

  private static Value<Boolean> bool(Setting s, boolean dflt) {
    if (s == null) return Value.known(dflt, null);
    PyValue v = s.value();
    Tri t = PyValue.truthy(v);
    if (t == Tri.UNKNOWN) return Value.unknown(v instanceof Unknown u ? u.reason() : PyValue.show(v), s.at());
    return Value.known(t == Tri.YES, s.at());
  }

  private static Value<String> maxAge(Setting s) {
    if (s == null) return Value.absent();
    PyValue v = s.value();
    if (v instanceof NoneValue) return Value.absent();
    if (v instanceof Num n) return n.value() == 0 ? Value.absent() : Value.known(Long.toString(n.value()), s.at());
    if (v instanceof FloatNum f) return Value.known(f.text(), s.at());
    if (v instanceof Str str) return str.value().isEmpty() ? Value.absent() : Value.known(str.value(), s.at());
    if (v instanceof Bool b) return b.value() ? Value.known("True", s.at()) : Value.absent();
    return Value.unknown(v instanceof Unknown u ? u.reason() : PyValue.show(v), s.at());
  }
}
