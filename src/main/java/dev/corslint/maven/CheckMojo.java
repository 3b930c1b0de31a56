package dev.corslint.maven;

import dev.corslint.model.Notice;
import dev.corslint.report.Baseline;
import dev.corslint.report.Fingerprints;
import dev.corslint.report.SarifReport;
import dev.corslint.report.TextReport;
import dev.corslint.rules.Finding;
import dev.corslint.scan.FailOn;
import dev.corslint.scan.FileSelection;
import dev.corslint.scan.ScanResult;
import dev.corslint.scan.Scanner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Scans the project's directory for CORS mistakes, prints the findings in the build log, writes SARIF, and
 * fails the build when a finding reaches {@code failOn}. In a multi-module build each module scans its own
 * directory; an aggregator leaves its modules' directories to them.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMojo {

  /** Skips the check. */
  @Parameter(property = "corslint.skip", defaultValue = "false")
  boolean skip;

  /** The build fails when a finding is at or above this level: {@code error}, {@code warning}, {@code note} or {@code none}. */
  @Parameter(property = "corslint.failOn", defaultValue = "error")
  String failOn;

  /** Where the SARIF report is written. */
  @Parameter(property = "corslint.sarifFile", defaultValue = "${project.build.directory}/corslint.sarif")
  File sarifFile;

  /** The directory to scan; report paths are relative to it. */
  @Parameter(property = "corslint.scanDirectory", defaultValue = "${project.basedir}")
  File scanDirectory;

  /** Globs (relative to {@code scanDirectory}) of the files to scan; all files when empty. */
  @Parameter(property = "corslint.includes")
  List<String> includes;

  /** Globs (relative to {@code scanDirectory}) of files not to scan, in addition to the configuration's. */
  @Parameter(property = "corslint.excludes")
  List<String> excludes;

  /** The configuration file; by default {@code .corslint.yml} in {@code scanDirectory}, when present. */
  @Parameter(property = "corslint.configFile")
  File configFile;

  /**
   * A SARIF file of an earlier run (see {@code updateBaseline}): findings in it are neither reported nor
   * failing. When the file does not exist yet, every finding counts.
   */
  @Parameter(property = "corslint.baselineFile")
  File baselineFile;

  /** Writes every current finding to {@code baselineFile} instead of failing on them. */
  @Parameter(property = "corslint.updateBaseline", defaultValue = "false")
  boolean updateBaseline;

  /** Writes findings silenced by {@code corslint-disable} comments to the SARIF report, marked as suppressed. */
  @Parameter(property = "corslint.includeSuppressed", defaultValue = "false")
  boolean includeSuppressed;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  /** Replaced by tests that scan with their own extractors. */
  Supplier<Scanner> scanners = Scanner::new;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    Log log = getLog();
    if (skip) {
      log.info("corslint: skipped (corslint.skip)");
      return;
    }
    FailOn threshold = threshold();
    Path root = scanRoot();
    FileSelection selection = selection(root);
    Baseline baseline = updateBaseline ? null : readBaseline();

    ScanResult result = scanners.get().scan(List.of(root), configPath(), selection);
    if (baseline != null) {
      result = baseline.apply(result);
    }
    writeSarif(result);
    logFindings(result);
    if (updateBaseline) {
      writeBaseline(result);
      return;
    }
    List<Finding> failing = threshold.failing(result.findings());
    if (!failing.isEmpty()) {
      throw new MojoFailureException(failure(failing, threshold));
    }
  }

  private FailOn threshold() throws MojoExecutionException {
    try {
      return FailOn.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("corslint failOn: " + e.getMessage());
    }
  }

  private Path scanRoot() throws MojoExecutionException {
    if (scanDirectory == null || !scanDirectory.isDirectory()) {
      throw new MojoExecutionException("corslint scanDirectory is not a directory: " + scanDirectory);
    }
    return scanDirectory.toPath().toAbsolutePath().normalize();
  }

  private FileSelection selection(Path root) throws MojoExecutionException {
    List<String> moduleDirectories = project == null || project.getBasedir() == null
        ? List.of()
        : ReactorModules.excludes(project.getBasedir().toPath(), project.getModules(), root);
    if (!moduleDirectories.isEmpty()) {
      getLog().debug("corslint: module directories left to the modules: " + moduleDirectories);
    }
    try {
      return new FileSelection(clean(includes), clean(excludes)).excluding(moduleDirectories);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("corslint includes/excludes: " + e.getMessage());
    }
  }

  /** Drops blank entries, which an empty property such as -Dcorslint.excludes= produces. */
  private static List<String> clean(List<String> globs) {
    return globs == null ? List.of() : globs.stream().filter(g -> g != null && !g.isBlank()).map(String::strip).toList();
  }

  private Path configPath() throws MojoExecutionException {
    if (configFile == null) return null;
    if (!configFile.isFile()) {
      throw new MojoExecutionException("corslint configFile not found: " + configFile);
    }
    return configFile.toPath();
  }

  private Baseline readBaseline() throws MojoExecutionException {
    if (baselineFile == null) return null;
    if (!baselineFile.isFile()) {
      getLog().warn("corslint: no baseline at " + baselineFile + " yet, so every finding counts;"
          + " create it with -Dcorslint.updateBaseline");
      return null;
    }
    try {
      Baseline read = Baseline.read(baselineFile.toPath());
      if (read.ignoredResults() > 0) {
        getLog().warn("corslint: " + read.ignoredResults() + " result(s) in " + baselineFile + " have no "
            + Fingerprints.KEY + " fingerprint and match nothing");
      }
      return read;
    } catch (IOException e) {
      throw new MojoExecutionException("corslint baselineFile: " + e.getMessage(), e);
    }
  }

  private void writeSarif(ScanResult result) throws MojoExecutionException {
    if (sarifFile == null) return;
    try {
      new SarifReport().withSuppressed(includeSuppressed).withAutomationId(automationId()).write(result,
          sarifFile.toPath());
    } catch (IOException e) {
      throw new MojoExecutionException("corslint: cannot write " + sarifFile + ": " + e.getMessage(), e);
    }
  }

  private void writeBaseline(ScanResult result) throws MojoExecutionException {
    if (baselineFile == null) {
      throw new MojoExecutionException("corslint updateBaseline needs baselineFile (-Dcorslint.baselineFile=FILE)");
    }
    try {
      Baseline.write(result, baselineFile.toPath());
    } catch (IOException e) {
      throw new MojoExecutionException("corslint: cannot write " + baselineFile + ": " + e.getMessage(), e);
    }
    int written = result.findings().size() + result.baselined().size();
    getLog().info("corslint: baseline of " + written + " finding" + (written == 1 ? "" : "s") + " written to "
        + baselineFile);
  }

  /**
   * {@code corslint/} for the top-level project, {@code corslint/<module path>/} for a module: code scanning
   * keeps one analysis per category, so modules uploaded together must not share one.
   */
  String automationId() {
    if (project == null || project.getBasedir() == null || session == null || session.getTopLevelProject() == null
        || session.getTopLevelProject().getBasedir() == null) {
      return "corslint/";
    }
    Path top = session.getTopLevelProject().getBasedir().toPath().toAbsolutePath().normalize();
    Path here = project.getBasedir().toPath().toAbsolutePath().normalize();
    if (!here.startsWith(top) || here.equals(top)) return "corslint/";
    return "corslint/" + top.relativize(here).toString().replace('\\', '/') + "/";
  }

  private void logFindings(ScanResult result) {
    Log log = getLog();
    TextReport text = new TextReport(false, false);
    List<String> blocks = text.findingTexts(result);
    for (int i = 0; i < blocks.size(); i++) {
      for (String line : blocks.get(i).split("\n")) {
        switch (result.findings().get(i).level()) {
          case ERROR -> log.error(line);
          case WARNING -> log.warn(line);
          case NOTE -> log.info(line);
        }
      }
    }
    List<Notice> configuration = result.configurationNotices();
    for (Notice notice : configuration) {
      log.warn("corslint configuration: " + TextReport.noticeText(notice));
    }
    List<Notice> others = new ArrayList<>(result.notices());
    others.removeAll(configuration);
    for (Notice notice : others) {
      log.debug("corslint notice: " + TextReport.noticeText(notice));
    }
    if (!others.isEmpty() && !log.isDebugEnabled()) {
      log.info("corslint: " + others.size() + " notice" + (others.size() == 1 ? "" : "s")
          + " (files not parsed, values not known statically; run Maven with -X to see them)");
    }
    log.info("corslint: " + TextReport.plainSummary(result));
    if (sarifFile != null) {
      log.info("corslint: SARIF report written to " + sarifFile);
    }
  }

  private String failure(List<Finding> failing, FailOn threshold) {
    long files = failing.stream().map(f -> f.location().file()).distinct().count();
    return String.format(Locale.ROOT,
        "corslint found %d CORS problem%s at or above '%s' in %d file%s (listed above; SARIF in %s)."
            + " Fix %s, silence a deliberate one with a 'corslint-disable-next-line <rule-id>' comment,"
            + " or set failOn (-Dcorslint.failOn=none) to report without failing.",
        failing.size(), failing.size() == 1 ? "" : "s", threshold.id(), files, files == 1 ? "" : "s",
        sarifFile, failing.size() == 1 ? "it" : "them");
  }
}
