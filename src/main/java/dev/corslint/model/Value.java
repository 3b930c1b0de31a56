package dev.corslint.model;

import java.util.Optional;
import java.util.function.Function;

/**
 * A three-valued fact: known (with the span that produced it), unknown with a reason (an environment
 * variable, code defined elsewhere), or absent. Rules judge only what is known; unknowns become notices.
 */
public sealed interface Value<T> permits Value.Known, Value.Unknown, Value.Absent {

  record Known<T>(T value, SourceSpan span) implements Value<T> {}

  record Unknown<T>(String reason, SourceSpan span) implements Value<T> {}

  record Absent<T>() implements Value<T> {}

  static <T> Value<T> known(T value, SourceSpan span) {
    return new Known<>(value, span);
  }

  static <T> Value<T> unknown(String reason, SourceSpan span) {
    return new Unknown<>(reason, span);
  }

  @SuppressWarnings("unchecked")
  static <T> Value<T> absent() {
    return (Value<T>) ABSENT;
  }

  Absent<?> ABSENT = new Absent<>();

  default boolean isKnown() {
    return this instanceof Known;
  }

  default boolean isUnknown() {
    return this instanceof Unknown;
  }

  default boolean isAbsent() {
    return this instanceof Absent;
  }

  /** The value when known. */
  default Optional<T> get() {
    return this instanceof Known<T> k ? Optional.ofNullable(k.value()) : Optional.empty();
  }

  /** The span of a known or unknown value. */
  default Optional<SourceSpan> where() {
    if (this instanceof Known<T> k) return Optional.ofNullable(k.span());
    if (this instanceof Unknown<T> u) return Optional.ofNullable(u.span());
    return Optional.empty();
  }

  default <R> Value<R> map(Function<? super T, ? extends R> f) {
    if (this instanceof Known<T> k) return new Known<>(f.apply(k.value()), k.span());
    if (this instanceof Unknown<T> u) return new Unknown<>(u.reason(), u.span());
    return absent();
  }

  default boolean is(T expected) {
    return get().map(expected::equals).orElse(false);
  }
}
