package dev.corslint.scan;

import dev.corslint.model.Notice;
import dev.corslint.rules.Finding;
import dev.corslint.rules.RuleMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything one scan produced, in report order.
 *
 * @param root the scan root; finding paths are relative to it
 * @param findings the findings to report and to judge the exit code by, sorted with {@link Finding#ORDER}
 * @param notices the tool's own notices, in the order they arose per file
 * @param rules the metadata of every rule that ran, by id, in catalog order
 * @param filesScanned how many files reached an ecosystem parser
 * @param policies how many policies were built
 * @param suppressed findings silenced by inline comments: counted, and written to SARIF only on request
 * @param baseline what a baseline took out of {@code findings}, or null when no baseline was applied
 * @param configFile the configuration file as notices name it, or null when none was read
 */
public record ScanResult(
    Path root,
    List<Finding> findings,
    List<Notice> notices,
    Map<String, RuleMetadata> rules,
    int filesScanned,
    int policies,
    List<Finding> suppressed,
    BaselineMatch baseline,
    String configFile) {

  /**
   * Findings already known from a baseline.
   *
   * @param known the findings of this scan that the baseline holds, sorted with {@link Finding#ORDER}
   * @param entries how many fingerprints the baseline holds
   */
  public record BaselineMatch(List<Finding> known, int entries) {
    public BaselineMatch {
      known = List.copyOf(known);
    }
  }

  public ScanResult {
    suppressed = suppressed == null ? List.of() : List.copyOf(suppressed);
  }

  public ScanResult(
      Path root, List<Finding> findings, List<Notice> notices, Map<String, RuleMetadata> rules, int filesScanned,
      int policies) {
    this(root, findings, notices, rules, filesScanned, policies, List.of(), null, null);
  }

  /** The findings a baseline knows; empty without a baseline. */
  public List<Finding> baselined() {
    return baseline == null ? List.of() : baseline.known();
  }

  /** Reported, suppressed and baselined findings together, sorted: what fingerprints are computed over. */
  public List<Finding> allFindings() {
    List<Finding> all = new ArrayList<>(findings.size() + suppressed.size() + baselined().size());
    all.addAll(findings);
    all.addAll(suppressed);
    all.addAll(baselined());
    all.sort(Finding.ORDER);
    return all;
  }

  /** Notices about the configuration file: reports show these even when they only count the others. */
  public List<Notice> configurationNotices() {
    if (configFile == null) return List.of();
    return notices.stream().filter(n -> n.span() != null && configFile.equals(n.span().file())).toList();
  }

  /** The same scan with {@code current} left to report and {@code match} set aside by a baseline. */
  public ScanResult withBaseline(List<Finding> current, BaselineMatch match) {
    return new ScanResult(root, current, notices, rules, filesScanned, policies, suppressed, match, configFile);
  }

  /** The same scan with every non-suppressed finding reported again, as a new baseline records them. */
  public ScanResult withoutBaseline() {
    if (baseline == null) return this;
    List<Finding> all = new ArrayList<>(findings);
    all.addAll(baseline.known());
    all.sort(Finding.ORDER);
    return new ScanResult(root, all, notices, rules, filesScanned, policies, suppressed, null, configFile);
  }
}
