package dev.corslint.cli;

import dev.corslint.report.ToolInfo;
import picocli.CommandLine;

/** The version printed by {@code --version}, the same one SARIF reports. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"corslint " + ToolInfo.version()};
  }
}
