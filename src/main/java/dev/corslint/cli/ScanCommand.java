package dev.corslint.cli;

import dev.corslint.model.Notice;
import dev.corslint.report.Baseline;
import dev.corslint.report.Fingerprints;
import dev.corslint.report.Report;
import dev.corslint.report.ReportFormat;
import dev.corslint.report.TextReport;
import dev.corslint.scan.FailOn;
import dev.corslint.scan.FileSelection;
import dev.corslint.scan.ScanResult;
import dev.corslint.scan.Scanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code corslint scan}: scans paths and reports findings. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = "Scans PATHs (directories or files; default: the current directory) and reports CORS problems.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no finding at or above --fail-on",
      "1:findings at or above --fail-on",
      "2:usage or internal error"
    })
public final class ScanCommand implements Callable<Integer> {

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Directories or files to scan.")
  List<Path> paths;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: text, sarif, json or github (GitHub Actions annotations)"
          + " (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
      description = "Exit with 1 when a finding is at or above LEVEL: error, warning, note or none (default: ${DEFAULT-VALUE}).")
  FailOn failOn;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: .corslint.yml at the scan root).")
  Path config;

  @Option(names = "--include", paramLabel = "GLOB",
      description = "Scan only files matching GLOB (relative to the scan root; repeatable).")
  List<String> includes;

  @Option(names = "--exclude", paramLabel = "GLOB",
      description = "Do not scan files matching GLOB (relative to the scan root; repeatable), in addition to the"
          + " configuration's exclude.")
  List<String> excludes;

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "A SARIF file of an earlier run: findings already in it are neither reported nor failing.")
  Path baseline;

  @Option(names = "--write-baseline", paramLabel = "FILE",
      description = "Write every current finding to FILE as a baseline (SARIF) and exit with 0.")
  Path writeBaseline;

  @Option(names = "--include-suppressed",
      description = "Write findings silenced by corslint-disable comments to SARIF, marked as suppressed"
          + " (left out by default: GitHub code scanning shows them as open alerts).")
  boolean includeSuppressed;

  @Option(names = {"-v", "--verbose"}, description = "Also list the tool's notices (files not parsed, values not known statically).")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Supplier<Scanner> scanners;

  public ScanCommand() {
    this(Scanner::new);
  }

  ScanCommand(Supplier<Scanner> scanners) {
    this.scanners = scanners;
  }

  @Override
  public Integer call() throws IOException {
    ReportFormat reportFormat;
    FileSelection selection;
    try {
      reportFormat = ReportFormat.parse(format);
      selection = new FileSelection(includes, excludes);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    List<Path> targets = paths == null || paths.isEmpty() ? List.of(Path.of(".")) : paths;
    for (Path t : targets) {
      if (!Files.exists(t)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "no such file or directory: " + t);
      }
    }
    Baseline known = readBaseline();
    PrintWriter err = spec.commandLine().getErr();
    ScanResult result = scanners.get().scan(targets, config, selection);
    if (known != null) {
      result = known.apply(result);
    }
    if (writeBaseline != null) {
      Baseline.write(result, writeBaseline);
      int written = result.findings().size() + result.baselined().size();
      err.println("corslint: baseline of " + written + " finding" + (written == 1 ? "" : "s") + " written to "
          + writeBaseline);
    }
    if (reportFormat == ReportFormat.SARIF || reportFormat == ReportFormat.JSON) {
      // These formats carry the notices inside the file, where nobody reads them; configuration mistakes
      // must be seen.
      for (Notice notice : result.configurationNotices()) {
        err.println("corslint: " + TextReport.noticeText(notice));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean colour = output == null && reportFormat == ReportFormat.TEXT && System.console() != null
        && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
    Report report = reportFormat.create(colour, verbose, includeSuppressed);
    if (output != null) {
      report.write(result, output);
      String summary = TextReport.plainSummary(result);
      summary = summary.endsWith(".") ? summary.substring(0, summary.length() - 1) : summary;
      err.println("corslint: " + summary + "; report written to " + output);
    } else {
      report.write(result, out);
      out.flush();
    }
    err.flush();
    if (writeBaseline != null) {
      // Writing a baseline accepts every current finding.
      return CorslintCommand.EXIT_CLEAN;
    }
    return failOn.failing(result.findings()).isEmpty() ? CorslintCommand.EXIT_CLEAN : CorslintCommand.EXIT_FINDINGS;
  }

  /** The --baseline file, or null; a file that is missing or not a baseline is a usage error. */
  private Baseline readBaseline() {
    if (baseline == null) return null;
    if (!Files.isRegularFile(baseline)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "baseline file not found: " + baseline + " (create it with --write-baseline " + baseline + ")");
    }
    try {
      Baseline read = Baseline.read(baseline);
      if (read.ignoredResults() > 0) {
        spec.commandLine().getErr().println("corslint: " + read.ignoredResults() + " result(s) in " + baseline
            + " have no " + Fingerprints.KEY + " fingerprint and match nothing");
      }
      return read;
    } catch (IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
