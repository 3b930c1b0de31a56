package dev.corslint.report;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.OriginalUriBaseIds;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.RunAutomationDetails;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Suppression;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import dev.corslint.model.Notice;
import dev.corslint.rules.Finding;
import dev.corslint.rules.RelatedLocation;
import dev.corslint.rules.RuleMetadata;
import dev.corslint.scan.ScanResult;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
 *
 * <p>What is written: every reported finding; with a baseline, the findings it already knows as well, marked
 * {@code baselineState: unchanged} (and the others {@code new}), because code scanning closes an alert
 * whose result disappears from the upload; findings silenced by inline comments only when asked
 * ({@link #withSuppressed}), since code scanning ignores {@code suppressions} and would show them as open
 * alerts. At most {@link #withResultLimit the result limit} results, the most severe first: code scanning
 * rejects a run with more than {@value #GITHUB_RESULT_LIMIT}.
 */
public final class SarifReport implements Report {

  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  /** Code scanning keeps one analysis per category; ours is the tool's name. */
  static final String AUTOMATION_ID = "corslint/";
  /** Code scanning rejects runs with more results than this. */
  public static final int GITHUB_RESULT_LIMIT = 25_000;

  private final boolean includeSuppressed;
  private final String automationId;
  private final int resultLimit;

  public SarifReport() {
    this(false, AUTOMATION_ID, GITHUB_RESULT_LIMIT);
  }

  private SarifReport(boolean includeSuppressed, String automationId, int resultLimit) {
    this.includeSuppressed = includeSuppressed;
    this.automationId = automationId;
    this.resultLimit = resultLimit;
  }

  /** Also write inline-suppressed findings, with {@code suppressions: [{kind: inSource}]}. */
  public SarifReport withSuppressed(boolean include) {
    return new SarifReport(include, automationId, resultLimit);
  }

  /**
   * {@code automationDetails.id}: code scanning takes what comes before its last '/' as the analysis
   * category, so each module of a build that uploads separately needs its own ({@code corslint/api/}).
   */
  public SarifReport withAutomationId(String id) {
    if (id == null || id.isBlank()) throw new IllegalArgumentException("an automation id is needed");
    return new SarifReport(includeSuppressed, id, resultLimit);
  }

  /** At most {@code limit} results per run. */
  public SarifReport withResultLimit(int limit) {
    if (limit < 1) throw new IllegalArgumentException("the result limit must be positive");
    return new SarifReport(includeSuppressed, automationId, limit);
  }

  @Override
  public void write(ScanResult result, Appendable out) throws IOException {
    out.append(SarifJson.WRITER.writeValueAsString(toSarif(result))).append('\n');
  }

  SarifSchema210 toSarif(ScanResult result) {
    List<ReportingDescriptor> rules = new ArrayList<>();
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (RuleMetadata rule : result.rules().values()) {
      ruleIndex.put(rule.id(), rules.size());
      rules.add(SarifRules.descriptor(rule));
    }
    String version = ToolInfo.version();
    ToolComponent driver =
        new ToolComponent()
            .withName(ToolInfo.NAME)
            .withVersion(version)
            .withSemanticVersion(version)
            .withInformationUri(URI.create(ToolInfo.INFORMATION_URI))
            .withRules(new LinkedHashSet<>(rules));

    List<Notice> notices = new ArrayList<>(result.notices());
    Run run =
        new Run()
            .withTool(new Tool().withDriver(driver))
            .withAutomationDetails(new RunAutomationDetails().withId(automationId))
            .withColumnKind(Run.ColumnKind.UTF_16_CODE_UNITS)
            .withResults(results(result, ruleIndex, notices));
    run.withInvocations(List.of(invocation(notices)));
    if (result.root() != null) {
      run.withOriginalUriBaseIds(
          new OriginalUriBaseIds()
              .withAdditionalProperty(
                  SarifLocations.SRCROOT,
                  new ArtifactLocation().withUri(SarifLocations.rootUri(result.root()))));
    }
    return new SarifSchema210()
        .with$schema(URI.create(SCHEMA_URI))
        .withVersion(SarifSchema210.Version._2_1_0)
        .withRuns(List.of(run));
  }

  /** The findings to write, in report order, within the limit; a notice when some were left out. */
  private List<Finding> selected(ScanResult scan, List<Notice> notices) {
    List<Finding> chosen = new ArrayList<>(scan.findings());
    chosen.addAll(scan.baselined());
    if (includeSuppressed) {
      chosen.addAll(scan.suppressed());
    }
    if (chosen.size() > resultLimit) {
      int all = chosen.size();
      chosen.sort(Comparator.comparing(Finding::level).thenComparing(Finding.ORDER));
      chosen = new ArrayList<>(chosen.subList(0, resultLimit));
      notices.add(Notice.warning(
          String.format(Locale.ROOT,
              "%d of %d results written, the most severe first: code scanning accepts at most %d per run."
                  + " Exclude generated or vendored files, or turn off rules you do not act on, to see the rest.",
              resultLimit, all, GITHUB_RESULT_LIMIT),
          null));
    }
    chosen.sort(Finding.ORDER);
    return chosen;
  }

  private List<Result> results(ScanResult scan, Map<String, Integer> ruleIndex, List<Notice> notices) {
    Map<Finding, String> fingerprints = Fingerprints.index(scan);
    Set<Finding> suppressed = identitySet(scan.suppressed());
    Set<Finding> known = identitySet(scan.baselined());
    List<Finding> findings = selected(scan, notices);
    List<Result> results = new ArrayList<>(findings.size());
    for (Finding finding : findings) {
      Result result =
          new Result()
              .withRuleId(finding.ruleId())
              .withLevel(Result.Level.fromValue(finding.level().sarifName()))
              .withMessage(new Message().withText(finding.message()))
              .withLocations(List.of(SarifLocations.of(finding.location())))
              .withPartialFingerprints(
                  new PartialFingerprints().withAdditionalProperty(Fingerprints.KEY, fingerprints.get(finding)));
      // A finding of a rule missing from the metadata (should not happen) still reports, by id only.
      Integer index = ruleIndex.get(finding.ruleId());
      if (index != null) {
        result.withRuleIndex(index);
      }
      if (!finding.related().isEmpty()) {
        result.withRelatedLocations(related(finding.related()));
      }
      if (scan.baseline() != null) {
        result.withBaselineState(known.contains(finding) ? Result.BaselineState.UNCHANGED : Result.BaselineState.NEW);
      }
      if (suppressed.contains(finding)) {
        result.withSuppressions(new LinkedHashSet<>(List.of(new Suppression().withKind(Suppression.Kind.IN_SOURCE))));
      }
      results.add(result);
    }
    return results;
  }

  private static Set<Finding> identitySet(List<Finding> findings) {
    Set<Finding> set = Collections.newSetFromMap(new IdentityHashMap<>());
    set.addAll(findings);
    return set;
  }

  private static Set<Location> related(List<RelatedLocation> related) {
    Set<Location> locations = new LinkedHashSet<>();
    int id = 1;
    for (RelatedLocation location : related) {
      locations.add(
          SarifLocations.of(location.span())
              .withId(id++)
              .withMessage(new Message().withText(location.message())));
    }
    return locations;
  }

  /**
   * Notices never make the run unsuccessful: a file that cannot be parsed is reported and the scan goes
   * on with the others, so the analysis as a whole did execute.
   */
  private static Invocation invocation(List<Notice> notices) {
    List<Notification> notifications = new ArrayList<>(notices.size());
    for (Notice notice : notices) {
      Notification notification =
          new Notification()
              .withLevel(Notification.Level.fromValue(notice.level().name().toLowerCase(Locale.ROOT)))
              .withMessage(new Message().withText(notice.message()));
      if (notice.span() != null) {
        notification.withLocations(new LinkedHashSet<>(List.of(SarifLocations.lineOf(notice.span()))));
      }
      notifications.add(notification);
    }
    return new Invocation().withExecutionSuccessful(true).withToolExecutionNotifications(notifications);
  }
}
