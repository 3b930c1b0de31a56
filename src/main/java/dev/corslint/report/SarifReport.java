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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. */
public final class SarifReport implements Report {

  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  /** Code scanning keeps one analysis per category; ours is the tool's name. */
  static final String AUTOMATION_ID = "corslint/";

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

    Run run =
        new Run()
            .withTool(new Tool().withDriver(driver))
            .withInvocations(List.of(invocation(result.notices())))
            .withAutomationDetails(new RunAutomationDetails().withId(AUTOMATION_ID))
            .withColumnKind(Run.ColumnKind.UTF_16_CODE_UNITS)
            .withResults(results(result, ruleIndex));
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

  private static List<Result> results(ScanResult scan, Map<String, Integer> ruleIndex) {
    List<Finding> findings = scan.findings();
    List<String> fingerprints = Fingerprints.of(scan);
    List<Result> results = new ArrayList<>(findings.size());
    for (int i = 0; i < findings.size(); i++) {
      Finding finding = findings.get(i);
      Result result =
          new Result()
              .withRuleId(finding.ruleId())
              .withLevel(Result.Level.fromValue(finding.level().sarifName()))
              .withMessage(new Message().withText(finding.message()))
              .withLocations(List.of(SarifLocations.of(finding.location())))
              .withPartialFingerprints(
                  new PartialFingerprints().withAdditionalProperty(Fingerprints.KEY, fingerprints.get(i)));
      // A finding of a rule missing from the metadata (should not happen) still reports, by id only.
      Integer index = ruleIndex.get(finding.ruleId());
      if (index != null) {
        result.withRuleIndex(index);
      }
      if (!finding.related().isEmpty()) {
        result.withRelatedLocations(related(finding.related()));
      }
      results.add(result);
    }
    return results;
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
