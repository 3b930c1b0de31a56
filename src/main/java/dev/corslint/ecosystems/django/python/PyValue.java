package dev.corslint.ecosystems.django.python;

import dev.corslint.model.SourceSpan;
import dev.corslint.model.Tri;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A value as far as it can be known without running the program. Every value keeps the span of the text that
 * produced it, so that a finding about one list entry points at that entry's line.
 */
public sealed interface PyValue {

  /** Where the value is written; null for values that come from a library default. */
  SourceSpan span();

  record Str(String value, SourceSpan span) implements PyValue {}

  record Num(long value, SourceSpan span) implements PyValue {}

  /** A float literal: kept as its text, since nothing here computes with it. */
  record FloatNum(String text, SourceSpan span) implements PyValue {}

  record Bool(boolean value, SourceSpan span) implements PyValue {}

  record NoneValue(SourceSpan span) implements PyValue {}

  /** A list, tuple or set literal (or the result of operations on them), item by item. */
  record Seq(Kind kind, List<PyValue> items, SourceSpan span) implements PyValue {
    public enum Kind {
      LIST,
      TUPLE,
      SET
    }

    public Seq {
      items = List.copyOf(items);
    }
  }

  record Dict(List<Map.Entry<PyValue, PyValue>> entries, SourceSpan span) implements PyValue {
    public Dict {
      entries = List.copyOf(entries);
    }

    public Optional<PyValue> get(String key) {
      for (Map.Entry<PyValue, PyValue> e : entries) {
        if (e.getKey() instanceof Str s && s.value().equals(key)) return Optional.of(e.getValue());
      }
      return Optional.empty();
    }
  }

  /** {@code re.compile(source, flags)}. */
  record Pattern(String source, boolean ignoreCase, SourceSpan span) implements PyValue {}

  /**
   * A module, class, function or object that is referred to by name: {@code os.environ},
   * {@code corsheaders.middleware.CorsMiddleware}, a function defined in the scanned code. {@code data} holds
   * what is known about an object (django-environ's declared defaults).
   */
  record Symbol(String name, Map<String, PyValue> data, SourceSpan span) implements PyValue {
    public Symbol {
      data = data == null ? Map.of() : Map.copyOf(data);
    }

    public Symbol(String name, SourceSpan span) {
      this(name, Map.of(), span);
    }
  }

  /**
   * A value that cannot be known statically, with why. {@code fallback} is what the program uses when the
   * outside input is missing (the literal default of {@code os.environ.get(name, default)}), or null.
   */
  record Unknown(String reason, PyValue fallback, SourceSpan span) implements PyValue {
    public Unknown(String reason, SourceSpan span) {
      this(reason, null, span);
    }
  }

  /** Python truthiness, when it can be told. */
  static Tri truthy(PyValue v) {
    if (v instanceof Str s) return Tri.of(!s.value().isEmpty());
    if (v instanceof Num n) return Tri.of(n.value() != 0);
    if (v instanceof FloatNum f) return Tri.of(!f.text().matches("[0.]*"));
    if (v instanceof Bool b) return Tri.of(b.value());
    if (v instanceof NoneValue) return Tri.NO;
    if (v instanceof Seq s) return Tri.of(!s.items().isEmpty());
    if (v instanceof Dict d) return Tri.of(!d.entries().isEmpty());
    if (v instanceof Unknown) return Tri.UNKNOWN;
    return Tri.YES;
  }

  /** The value a Python program would print with {@code str()}, when it is a plain literal. */
  static Optional<String> asText(PyValue v) {
    if (v instanceof Str s) return Optional.of(s.value());
    if (v instanceof Num n) return Optional.of(Long.toString(n.value()));
    if (v instanceof FloatNum f) return Optional.of(f.text());
    if (v instanceof Bool b) return Optional.of(b.value() ? "True" : "False");
    if (v instanceof NoneValue) return Optional.of("None");
    return Optional.empty();
  }

  /** A readable rendering for messages. */
  static String show(PyValue v) {
    if (v instanceof Str s) return "'" + s.value() + "'";
    if (v instanceof Seq s) {
      List<String> parts = new ArrayList<>();
      for (PyValue i : s.items()) parts.add(show(i));
      String body = String.join(", ", parts);
      return switch (s.kind()) {
        case LIST -> "[" + body + "]";
        case TUPLE -> "(" + body + (parts.size() == 1 ? ",)" : ")");
        case SET -> "{" + body + "}";
      };
    }
    if (v instanceof Dict d) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<PyValue, PyValue> e : d.entries()) parts.add(show(e.getKey()) + ": " + show(e.getValue()));
      return "{" + String.join(", ", parts) + "}";
    }
    if (v instanceof Pattern p) return "re.compile('" + p.source() + "')";
    if (v instanceof Symbol s) return s.name();
    if (v instanceof Unknown u) return "<" + u.reason() + ">";
    return asText(v).orElse("?");
  }

  /** Structural equality that ignores spans, for merging the branches of an unknown condition. */
  static boolean sameValue(PyValue a, PyValue b) {
    return a.getClass() == b.getClass() && show(a).equals(show(b));
  }
}
