package dev.corslint.cli;

import dev.corslint.rules.RuleCatalog;
import dev.corslint.rules.RuleEngine;
import dev.corslint.rules.RuleMetadata;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code corslint rules}: lists the rules, or shows one rule's help. */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = "Lists every rule with its level and ecosystems, or prints the full help of RULE-ID.")
public final class RulesCommand implements Callable<Integer> {

  @Parameters(paramLabel = "RULE-ID", arity = "0..1", description = "Show this rule's description and examples.")
  String id;

  @Option(names = "--markdown", description = "Print the rule list as a Markdown table (for documentation).")
  boolean markdown;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    RuleCatalog catalog = RuleCatalog.bundled();
    if (id != null) {
      RuleMetadata m = catalog.get(id).orElseThrow(() ->
          new CommandLine.ParameterException(spec.commandLine(), "unknown rule '" + id + "'; run 'corslint rules' for the list"));
      out.println(m.id() + " (" + levels(m) + ", " + m.category() + ")");
      out.println(m.title());
      out.println();
      out.println(m.fullDescription());
      out.println();
      out.println(m.help());
      out.flush();
      return CorslintCommand.EXIT_CLEAN;
    }
    if (markdown) {
      out.println("| Rule | Level | Ecosystems | What it finds |");
      out.println("|---|---|---|---|");
    }
    for (RuleMetadata m : catalog.all()) {
      String ecosystems = String.join(", ", m.ecosystems());
      if (markdown) {
        out.printf(Locale.ROOT, "| `%s` | %s | %s | %s |%n", m.id(), levels(m), ecosystems, m.shortDescription());
      } else {
        String state = RuleEngine.instantiate(m).isPresent() ? "" : "  (not checked yet)";
        out.printf(Locale.ROOT, "%-36s %-15s %-30s %s%s%n", m.id(), levels(m), ecosystems, m.title(), state);
      }
    }
    out.flush();
    return CorslintCommand.EXIT_CLEAN;
  }

  private static String levels(RuleMetadata m) {
    return m.level().sarifName() + m.levelWithoutCredentials().map(l -> "/" + l.sarifName()).orElse("");
  }
}
