package dev.corslint.report;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.rules.Finding;
import dev.corslint.rules.Level;
import dev.corslint.rules.RelatedLocation;
import dev.corslint.scan.ScanResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report for people: each finding as {@code path:line:col: level [rule-id] message} (a form editors and
 * terminals turn into links), the source line with a caret under the span, the related lines, and a
 * summary.
 */
public final class TextReport implements Report {

  private final Ansi ansi;
  private final boolean verbose;

  /**
   * @param colour ANSI colours; the CLI passes true only on a terminal with {@code NO_COLOR} unset
   * @param verbose list the tool's notices rather than only counting them
   */
  public TextReport(boolean colour, boolean verbose) {
    this.ansi = new Ansi(colour);
    this.verbose = verbose;
  }

  @Override
  public void write(ScanResult result, Appendable out) throws IOException {
    SourceLines sources = new SourceLines(result.root());
    for (Finding finding : result.findings()) {
      finding(finding, sources, out);
      out.append('\n');
    }
    notices(result, out);
    summary(result, out);
  }

  /**
   * Each finding as the report shows it (the header line, the source line with its caret, the related
   * lines), without the blank line between findings: for the Maven goal, which logs each at its level.
   */
  public List<String> findingTexts(ScanResult result) {
    SourceLines sources = new SourceLines(result.root());
    List<String> texts = new ArrayList<>(result.findings().size());
    for (Finding finding : result.findings()) {
      StringBuilder out = new StringBuilder();
      try {
        finding(finding, sources, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a StringBuilder never throws
      }
      texts.add(out.toString().stripTrailing());
    }
    return texts;
  }

  /** A notice as one line: {@code file:line: message}. */
  public static String noticeText(Notice notice) {
    String where = notice.span() == null ? "" : notice.span().file() + ":" + notice.span().line() + ": ";
    return Terminal.safe(where + notice.message());
  }

  /** The summary line without colour. */
  public static String plainSummary(ScanResult result) {
    StringBuilder out = new StringBuilder();
    try {
      new TextReport(false, false).summary(result, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().stripTrailing();
  }

  private void finding(Finding finding, SourceLines sources, Appendable out) throws IOException {
    SourceSpan span = finding.location();
    out.append(Terminal.safe(span.toString())).append(": ")
        .append(ansi.boldLevel(finding.level(), finding.level().sarifName())).append(' ')
        .append(ansi.bold("[" + finding.ruleId() + "]")).append(' ')
        .append(Terminal.safe(finding.message())).append('\n');
    Optional<String> line = sources.line(span.file(), span.line());
    if (line.isPresent()) {
      CodeFrame frame = CodeFrame.of(line.get());
      String number = String.valueOf(span.line());
      String gutter = " ".repeat(number.length());
      out.append(ansi.dim(" " + number + " | ")).append(frame.line()).append('\n');
      out.append(ansi.dim(" " + gutter + " | ")).append(ansi.level(finding.level(), frame.caret(span)))
          .append('\n');
    }
    for (RelatedLocation related : finding.related()) {
      out.append(ansi.dim("  = note: " + Terminal.safe(related.span() + ": " + related.message())))
          .append('\n');
    }
  }

  /** Verbose: every notice. Otherwise the configuration's own notices, which a user must see, and a count. */
  private void notices(ScanResult result, Appendable out) throws IOException {
    List<Notice> notices = result.notices();
    List<Notice> shown = verbose ? notices : result.configurationNotices();
    for (Notice notice : shown) {
      out.append(ansi.level(level(notice.level()), "notice")).append(": ").append(noticeText(notice)).append('\n');
    }
    int hidden = notices.size() - shown.size();
    if (hidden > 0) {
      out.append(shown.isEmpty() ? "" : "and ").append(count(hidden, shown.isEmpty() ? "notice" : "more notice"))
          .append(" (run with --verbose to see them)\n");
    }
  }

  private void summary(ScanResult result, Appendable out) throws IOException {
    Tally tally = Tally.of(result.findings());
    String hidden = hidden(result);
    if (tally.problems() == 0) {
      String files = count(result.filesScanned(), "file");
      out.append(
              ansi.enabled()
                  ? ansi.success("\u2714 No CORS problems found") + " (" + files + " scanned" + hidden + ")"
                  : "No CORS problems found in " + files + (hidden.isEmpty() ? "" : " (" + hidden.substring(2) + ")")
                      + ".")
          .append('\n');
      return;
    }
    String counts =
        count(tally.problems(), "problem")
            + " ("
            + count(tally.errors(), "error") + ", "
            + count(tally.warnings(), "warning") + ", "
            + count(tally.notes(), "note")
            + ") in "
            + count(tally.files(), "file")
            + (hidden.isEmpty() ? "" : " (" + hidden.substring(2) + ")");
    Level worst = tally.errors() > 0 ? Level.ERROR : tally.warnings() > 0 ? Level.WARNING : Level.NOTE;
    out.append(ansi.enabled() ? ansi.boldLevel(worst, "\u2716 " + counts) : counts).append('\n');
  }

  /** ", 2 suppressed inline, 3 known from the baseline": what the counts leave out; empty when nothing is. */
  private static String hidden(ScanResult result) {
    StringBuilder out = new StringBuilder();
    if (!result.suppressed().isEmpty()) {
      out.append(", ").append(result.suppressed().size()).append(" suppressed inline");
    }
    if (!result.baselined().isEmpty()) {
      out.append(", ").append(result.baselined().size()).append(" known from the baseline");
    }
    return out.toString();
  }

  private static Level level(Notice.Level level) {
    return switch (level) {
      case ERROR -> Level.ERROR;
      case WARNING -> Level.WARNING;
      case NOTE -> Level.NOTE;
    };
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
