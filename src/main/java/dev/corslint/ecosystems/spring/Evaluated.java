package dev.corslint.ecosystems.spring;

import com.github.javaparser.ast.body.TypeDeclaration;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an expression evaluates to statically: a list of values with their spans (one for a plain string,
 * several for an array or list), possibly incomplete with the reason why; or a bound {@code @ConfigurationProperties}
 * object whose getters read properties.
 *
 * @param items the values known
 * @param unknown why (part of) the value cannot be known statically, or null
 * @param unknownAt where the unknown part is
 * @param binding the properties object this expression refers to, or null
 */
record Evaluated(List<Entry> items, String unknown, SourceSpan unknownAt, Binding binding) {

  /** A {@code @ConfigurationProperties} object: its prefix and class. */
  record Binding(String prefix, TypeDeclaration<?> type) {}

  Evaluated {
    items = List.copyOf(items);
  }

  static Evaluated of(List<Entry> items) {
    return new Evaluated(items, null, null, null);
  }

  static Evaluated of(Entry item) {
    return of(List.of(item));
  }

  static Evaluated none() {
    return of(List.of());
  }

  static Evaluated unknown(String reason, SourceSpan at) {
    return new Evaluated(List.of(), reason, at, null);
  }

  static Evaluated bound(String prefix, TypeDeclaration<?> type) {
    return new Evaluated(List.of(), null, null, new Binding(prefix, type));
  }

  boolean complete() {
    return unknown == null && binding == null;
  }

  /** The one value, when exactly one is known and nothing is unknown. */
  Optional<Entry> single() {
    return complete() && items.size() == 1 ? Optional.of(items.get(0)) : Optional.empty();
  }

  Optional<String> text() {
    return single().map(Entry::text);
  }

  /** Concatenation of lists: values of both, unknown if either is. */
  Evaluated plus(Evaluated other) {
    List<Entry> all = new ArrayList<>(items);
    all.addAll(other.items);
    String why = unknown != null ? unknown : other.unknown;
    SourceSpan at = unknown != null ? unknownAt : other.unknownAt;
    return new Evaluated(all, why, at, null);
  }

  Evaluated map(java.util.function.UnaryOperator<String> f) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : items) out.add(e.withText(f.apply(e.text())));
    return new Evaluated(out, unknown, unknownAt, binding);
  }
}
