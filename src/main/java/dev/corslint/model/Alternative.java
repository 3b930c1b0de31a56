package dev.corslint.model;

import java.util.Objects;

/**
 * One value that the code itself names for something it reads only at run time: the default it falls back to
 * when an environment variable is unset ({@code process.env.CORS_ORIGIN || 'https://app.example.com'}), so
 * that a value unknown statically can still be followed case by case.
 *
 * @param input the run-time input the value depends on, as the code names it ({@code CORS_ORIGIN})
 * @param when the case in words ({@code CORS_ORIGIN is unset})
 * @param value what the value is in that case
 * @param span where the code writes it (the default's literal)
 */
public record Alternative<T>(String input, String when, T value, SourceSpan span) {

  public Alternative {
    Objects.requireNonNull(input);
    Objects.requireNonNull(when);
    Objects.requireNonNull(value);
  }
}
