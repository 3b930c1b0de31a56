package dev.corslint.cli;

import dev.corslint.report.Report;
import dev.corslint.report.ReportFormat;
import dev.corslint.rules.Finding;
import dev.corslint.rules.Level;
import dev.corslint.scan.ScanResult;
import dev.corslint.scan.Scanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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

  /** The threshold for a failing exit code. */
  public enum FailOn {
    ERROR,
    WARNING,
    NOTE,
    NONE;

    boolean fails(Level level) {
      return this != NONE && level.atLeast(Level.valueOf(name()));
    }
  }

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Directories or files to scan.")
  List<Path> paths;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: text, sarif or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
      description = "Exit with 1 when a finding is at or above LEVEL: error, warning, note or none (default: ${DEFAULT-VALUE}).")
  FailOn failOn;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: .corslint.yml at the scan root).")
  Path config;

  @Option(names = {"-v", "--verbose"}, description = "Also list the tool's notices (files not parsed, values not known statically).")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    ReportFormat reportFormat;
    try {
      reportFormat = ReportFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    List<Path> targets = paths == null || paths.isEmpty() ? List.of(Path.of(".")) : paths;
    for (Path t : targets) {
      if (!java.nio.file.Files.exists(t)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "no such file or directory: " + t);
      }
    }
    ScanResult result = new Scanner().scan(targets, config);
    PrintWriter out = spec.commandLine().getOut();
    boolean colour = output == null && reportFormat == ReportFormat.TEXT && System.console() != null
        && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
    Report report = reportFormat.create(colour, verbose);
    if (output != null) {
      report.write(result, output);
      spec.commandLine().getErr().println(summary(result) + "; report written to " + output);
    } else {
      report.write(result, out);
      out.flush();
    }
    boolean fails = result.findings().stream().map(Finding::level).anyMatch(failOn::fails);
    return fails ? CorslintCommand.EXIT_FINDINGS : CorslintCommand.EXIT_CLEAN;
  }

  private static String summary(ScanResult r) {
    long errors = r.findings().stream().filter(f -> f.level() == Level.ERROR).count();
    return String.format(Locale.ROOT, "corslint: %d finding%s (%d error%s)", r.findings().size(),
        r.findings().size() == 1 ? "" : "s", errors, errors == 1 ? "" : "s");
  }
}
