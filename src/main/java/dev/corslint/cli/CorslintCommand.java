package dev.corslint.cli;

import dev.corslint.bench.BenchCommand;
import dev.corslint.bench.ScanProbeCommand;
import dev.corslint.scan.Scanner;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code corslint}: the command-line entry point. Exit codes: 0 clean, 1 findings at or above the threshold, 2 usage or internal error. */
@Command(
    name = "corslint",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Finds CORS mistakes in nginx, Express, Django and Spring configuration before they reach a browser.",
    subcommands = {ScanCommand.class, ExplainCommand.class, RulesCommand.class, BenchCommand.class,
      ScanProbeCommand.class, CommandLine.HelpCommand.class})
public final class CorslintCommand implements Runnable {

  public static final int EXIT_CLEAN = 0;
  public static final int EXIT_FINDINGS = 1;
  public static final int EXIT_ERROR = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use 'corslint scan PATH' or 'corslint rules'.");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line without exiting, for tests and the Maven goal. */
  public static int execute(String... args) {
    CommandLine cli = commandLine();
    return cli.execute(args);
  }

  public static CommandLine commandLine() {
    return commandLine(Scanner::new);
  }

  /** The command line with {@code scan} using scanners from {@code scanners} (tests pass their own extractors). */
  public static CommandLine commandLine(Supplier<Scanner> scanners) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      @SuppressWarnings("unchecked")
      public <K> K create(Class<K> type) throws Exception {
        return type == ScanCommand.class ? (K) new ScanCommand(scanners) : defaults.create(type);
      }
    };
    CommandLine cli = new CommandLine(new CorslintCommand(), factory);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("corslint: internal error: " + ex);
      return EXIT_ERROR;
    });
    cli.setParameterExceptionHandler((ex, args) -> {
      CommandLine cmd = ex.getCommandLine();
      cmd.getErr().println("corslint: " + ex.getMessage());
      cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
      return EXIT_ERROR;
    });
    return cli;
  }
}
