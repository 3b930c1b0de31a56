package dev.corslint.report;

import java.util.Locale;

/** The formats {@code --format} accepts. */
public enum ReportFormat {
  TEXT,
  SARIF,
  JSON,
  GITHUB;

  /**
   * @param colour ANSI colours in the text report (only on a terminal and without {@code NO_COLOR})
   * @param verbose list the tool's notices in the text report instead of counting them
   */
  public Report create(boolean colour, boolean verbose) {
    return create(colour, verbose, false);
  }

  /**
   * @param includeSuppressed write inline-suppressed findings to SARIF, marked as suppressed
   */
  public Report create(boolean colour, boolean verbose, boolean includeSuppressed) {
    return switch (this) {
      case TEXT -> new TextReport(colour, verbose);
      case SARIF -> new SarifReport().withSuppressed(includeSuppressed);
      case JSON -> new JsonReport();
      case GITHUB -> GithubActionsReport.forEnvironment(verbose);
    };
  }

  /** The name users type, in lower case. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Accepts any case; throws {@link IllegalArgumentException} naming the accepted values otherwise. */
  public static ReportFormat parse(String text) {
    for (ReportFormat format : values()) {
      if (format.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown format '" + text + "' (expected text, sarif, json or github)");
  }
}
