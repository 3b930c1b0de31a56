package dev.corslint.report;

import dev.corslint.model.Notice;
import dev.corslint.model.SourceSpan;
import dev.corslint.rules.Finding;
import dev.corslint.rules.RelatedLocation;
import dev.corslint.rules.RuleMetadata;
import dev.corslint.scan.ScanResult;
import java.io.IOException;
import java.nio.file.Path;

/**
 * GitHub Actions workflow commands: one {@code ::error}, {@code ::warning} or {@code ::notice} line per
 * finding, which the Actions runner turns into an annotation on the file and line (in the pull request's
 * diff and the run summary), for repositories without code scanning. Paths are given relative to the
 * workspace, as the runner resolves them. Everything taken from scanned files is escaped, so a scanned value
 * can never start a workflow command of its own.
 */
public final class GithubActionsReport implements Report {

  private final Path workspace;
  private final boolean verbose;

  /**
   * @param workspace the checkout directory annotations are relative to ({@code GITHUB_WORKSPACE}); when the
   *     scan root is not inside it, paths stay relative to the scan root
   * @param verbose also annotate the tool's notices rather than only counting them
   */
  public GithubActionsReport(Path workspace, boolean verbose) {
    this.workspace = workspace == null ? null : workspace.toAbsolutePath().normalize();
    this.verbose = verbose;
  }

  /** Relative to {@code GITHUB_WORKSPACE} when set, else to the working directory. */
  public static GithubActionsReport forEnvironment(boolean verbose) {
    String fromEnv = System.getenv("GITHUB_WORKSPACE");
    Path workspace = fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : Path.of("");
    return new GithubActionsReport(workspace, verbose);
  }

  @Override
  public void write(ScanResult result, Appendable out) throws IOException {
    String prefix = pathPrefix(result.root());
    for (Finding finding : result.findings()) {
      RuleMetadata rule = result.rules().get(finding.ruleId());
      String title = "corslint " + finding.ruleId() + (rule == null ? "" : ": " + rule.title());
      StringBuilder message = new StringBuilder(finding.message());
      for (RelatedLocation related : finding.related()) {
        message.append('\n').append(prefix).append(related.span()).append(": ").append(related.message());
      }
      if (rule != null) {
        message.append('\n').append(rule.helpUri());
      }
      command(out, command(finding), prefix, finding.location(), title, message.toString());
    }
    int annotated = 0;
    for (Notice notice : result.notices()) {
      boolean configuration = result.configurationNotices().contains(notice);
      if (verbose || configuration) {
        annotated++;
        String command = switch (notice.level()) {
          case ERROR, WARNING -> "warning";
          case NOTE -> "notice";
        };
        String title = configuration ? "corslint configuration" : "corslint notice";
        command(out, command, prefix, notice.span(), title, notice.message());
      }
    }
    int hidden = result.notices().size() - annotated;
    if (hidden > 0) {
      out.append(annotated == 0 ? "" : "and ").append(String.valueOf(hidden))
          .append(annotated == 0 ? " notice" : " more notice").append(hidden == 1 ? "" : "s")
          .append(" (run with --verbose to see them)\n");
    }
    // Plain lines: the run's log shows them as they are.
    out.append(TextReport.plainSummary(result)).append('\n');
  }

  private static String command(Finding finding) {
    return switch (finding.level()) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case NOTE -> "notice";
    };
  }

  private static void command(Appendable out, String command, String prefix, SourceSpan span, String title,
      String message) throws IOException {
    out.append("::").append(command).append(' ');
    if (span != null) {
      out.append("file=").append(property(prefix + span.file()))
          .append(",line=").append(String.valueOf(span.line()));
      if (span.endLine() != span.line()) {
        out.append(",endLine=").append(String.valueOf(span.endLine()));
      }
      out.append(",col=").append(String.valueOf(span.column()));
      // The runner accepts an end column only on a one-line annotation.
      if (span.endLine() == span.line() && span.endColumn() > span.column()) {
        out.append(",endColumn=").append(String.valueOf(span.endColumn()));
      }
      out.append(',');
    }
    out.append("title=").append(property(Terminal.safe(title))).append("::").append(data(Terminal.safe(message)))
        .append('\n');
  }

  /** The scan root relative to the workspace, with a trailing '/'; empty when it is the workspace or outside. */
  String pathPrefix(Path root) {
    if (workspace == null || root == null) return "";
    Path abs = root.toAbsolutePath().normalize();
    if (!abs.startsWith(workspace) || abs.equals(workspace)) return "";
    return workspace.relativize(abs).toString().replace('\\', '/') + "/";
  }

  /** The message part: '%', CR and LF are percent-encoded, as the runner decodes them. */
  static String data(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A property value: as {@link #data}, and ':' and ',' too, which end a property. */
  static String property(String text) {
    return data(text).replace(":", "%3A").replace(",", "%2C");
  }
}
