package dev.corslint.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regex from a scanned file, translated to {@code java.util.regex} and run under a step budget, so that a
 * pathological pattern such as {@code (a+)+$} cannot hang the scan: a match that reads more characters
 * than the budget allows is abandoned and answers {@link Tri#UNKNOWN}.
 */
public final class GuardedRegex {

  /** Character reads per match; an origin is under 300 characters, so honest patterns stay far below. */
  static final int STEP_BUDGET = 200_000;

  private final String source;
  private final RegexFlavor flavor;
  private final RegexFlavor.Mode mode;
  private final Pattern pattern;

  private GuardedRegex(String source, RegexFlavor flavor, RegexFlavor.Mode mode, Pattern pattern) {
    this.source = source;
    this.flavor = flavor;
    this.mode = mode;
    this.pattern = pattern;
  }

  /** Compiles {@code source}; an error message when the pattern is not valid for Java's engine. */
  public static Result compile(String source, RegexFlavor flavor, RegexFlavor.Mode mode, boolean ignoreCase) {
    try {
      int flags = ignoreCase ? Pattern.CASE_INSENSITIVE : 0;
      return new Result(
          Optional.of(new GuardedRegex(source, flavor, mode, Pattern.compile(translate(source, flavor), flags))),
          null);
    } catch (PatternSyntaxException | StackOverflowError e) {
      String why = e instanceof PatternSyntaxException p ? p.getDescription() : "pattern too deeply nested";
      return new Result(Optional.empty(), why);
    }
  }

  /** The compiled regex, or why it could not be compiled. */
  public record Result(Optional<GuardedRegex> regex, String error) {}

  public String source() {
    return source;
  }

  public RegexFlavor flavor() {
    return flavor;
  }

  public RegexFlavor.Mode mode() {
    return mode;
  }

  /** Whether the server's engine accepts {@code input}; unknown when the step budget runs out. */
  public Tri matches(String input) {
    Matcher m = pattern.matcher(new BudgetedText(input, STEP_BUDGET));
    try {
      boolean found =
          switch (mode) {
            case SEARCH -> m.find();
            case START -> m.lookingAt();
            case FULL -> m.matches();
          };
      return Tri.of(found);
    } catch (BudgetExceeded | StackOverflowError e) {
      return Tri.UNKNOWN;
    }
  }

  /**
   * Rewrites the syntax of other engines that Java spells differently. Only syntax is translated; semantics
   * that Java cannot express make the pattern fail to compile, which callers report as a notice.
   */
  static String translate(String source, RegexFlavor flavor) {
    String s = source;
    if (flavor == RegexFlavor.PYTHON) {
      s = s.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>").replace("\\Z", "\\z");
    } else if (flavor == RegexFlavor.JAVASCRIPT) {
      s = s.replace("\\/", "/");
    }
    return s;
  }

  private static final class BudgetExceeded extends RuntimeException {
    BudgetExceeded() {
      super(null, null, false, false);
    }
  }

  /** Counts every character read by the matcher and gives up past the budget. */
  private static final class BudgetedText implements CharSequence {
    private final String text;
    private final int[] remaining;

    BudgetedText(String text, int budget) {
      this(text, new int[] {budget});
    }

    private BudgetedText(String text, int[] remaining) {
      this.text = text;
      this.remaining = remaining;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      if (--remaining[0] < 0) throw new BudgetExceeded();
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new BudgetedText(text.substring(start, end), remaining);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  @Override
  public String toString() {
    return source;
  }
}
