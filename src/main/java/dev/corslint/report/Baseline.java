package dev.corslint.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.corslint.rules.Finding;
import dev.corslint.scan.ScanResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Findings accepted earlier, so that only new ones are reported and fail the run. A baseline is a SARIF log
 * of an earlier corslint run (what {@code --write-baseline} writes, or any {@code corslint.sarif}); its
 * results are matched by their {@value Fingerprints#KEY} partial fingerprint, which leaves line numbers out,
 * so a finding still matches after lines above it were added or removed. Editing the flagged line itself
 * makes it a new finding.
 */
public final class Baseline {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Set<String> fingerprints;
  private final int ignoredResults;

  private Baseline(Set<String> fingerprints, int ignoredResults) {
    this.fingerprints = Set.copyOf(fingerprints);
    this.ignoredResults = ignoredResults;
  }

  /** A baseline holding {@code fingerprints}. */
  public static Baseline of(Set<String> fingerprints) {
    return new Baseline(fingerprints, 0);
  }

  /**
   * Reads a SARIF baseline: the results of every corslint run in it, except those whose
   * {@code baselineState} is {@code absent} (gone already when it was written).
   *
   * @throws IOException when the file cannot be read or is not a SARIF log
   */
  public static Baseline read(Path file) throws IOException {
    JsonNode log;
    try (InputStream in = Files.newInputStream(file)) {
      log = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      throw new IOException(file + " is not a SARIF baseline: " + e.getOriginalMessage(), e);
    }
    if (log == null || !log.path("runs").isArray()) {
      throw new IOException(file + " is not a SARIF baseline: it has no 'runs' array");
    }
    Set<String> fingerprints = new HashSet<>();
    int ignored = 0;
    int corslintRuns = 0;
    for (JsonNode run : log.path("runs")) {
      if (!ToolInfo.NAME.equals(run.path("tool").path("driver").path("name").asText())) continue;
      corslintRuns++;
      for (JsonNode result : run.path("results")) {
        if ("absent".equals(result.path("baselineState").asText())) continue;
        JsonNode fingerprint = result.path("partialFingerprints").path(Fingerprints.KEY);
        if (fingerprint.isTextual() && !fingerprint.asText().isBlank()) {
          fingerprints.add(fingerprint.asText());
        } else {
          ignored++;
        }
      }
    }
    if (corslintRuns == 0 && !log.path("runs").isEmpty()) {
      throw new IOException(file + " is not a corslint baseline: none of its runs is by " + ToolInfo.NAME);
    }
    return new Baseline(fingerprints, ignored);
  }

  /** How many findings the baseline holds. */
  public int size() {
    return fingerprints.size();
  }

  /** Results in the file that had no {@value Fingerprints#KEY} fingerprint and so can match nothing. */
  public int ignoredResults() {
    return ignoredResults;
  }

  /** {@code result} with the findings this baseline knows set aside: they are neither reported nor failing. */
  public ScanResult apply(ScanResult result) {
    Map<Finding, String> all = Fingerprints.index(result);
    List<Finding> current = new ArrayList<>();
    List<Finding> known = new ArrayList<>();
    for (Finding finding : result.findings()) {
      (fingerprints.contains(all.get(finding)) ? known : current).add(finding);
    }
    // Also those a previous baseline had set aside, so that applying two baselines is well defined.
    for (Finding finding : result.baselined()) {
      (fingerprints.contains(all.get(finding)) ? known : current).add(finding);
    }
    current.sort(Finding.ORDER);
    known.sort(Finding.ORDER);
    return result.withBaseline(current, new ScanResult.BaselineMatch(known, size()));
  }

  /**
   * Writes {@code result} as a baseline: a SARIF log of every finding that is not suppressed inline,
   * including those an earlier baseline had set aside.
   */
  public static void write(ScanResult result, Path file) throws IOException {
    new SarifReport().write(result.withoutBaseline(), file);
  }
}
