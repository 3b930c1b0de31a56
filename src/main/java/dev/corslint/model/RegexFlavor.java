package dev.corslint.model;

/**
 * The regex engine that runs a pattern on the server, and how it is applied to the origin. The match mode
 * matters more than anything else for origin checks: Python's {@code re.match} is anchored at the start only,
 * nginx {@code ~} and JavaScript {@code test()} search anywhere, Spring and Starlette match the whole string.
 */
public enum RegexFlavor {
  /** nginx {@code ~}, {@code ~*}, {@code map ~}: PCRE, searches anywhere. */
  PCRE,
  /** Python {@code re}. */
  PYTHON,
  /** JavaScript {@code RegExp}. */
  JAVASCRIPT,
  /** {@code java.util.regex}. */
  JAVA;

  /** How the pattern is applied to the whole origin. */
  public enum Mode {
    /** Anywhere in the string ({@code re.search}, {@code RegExp.test}, nginx). */
    SEARCH,
    /** Anchored at the start only ({@code re.match}). */
    START,
    /** The whole string ({@code re.fullmatch}, {@code String.matches}). */
    FULL
  }
}
