package dev.corslint.report;

import dev.corslint.rules.Finding;
import dev.corslint.scan.ScanResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@value #KEY} partial fingerprint: a SHA-256 over the rule, the file, the text of the primary line
 * (whitespace-normalized), the finding's key and an occurrence counter. Line numbers are left out so that
 * a finding keeps its identity in code scanning when unrelated lines are added or removed above it.
 */
public final class Fingerprints {

  public static final String KEY = "corslint/v1";

  private Fingerprints() {}

  /** One fingerprint per finding of {@code result}, in the same order. */
  public static List<String> of(ScanResult result) {
    Map<Finding, String> all = index(result);
    return result.findings().stream().map(all::get).toList();
  }

  /**
   * The fingerprint of every finding of {@code result}: reported, suppressed and baselined alike. They are
   * computed over all of them together, so that a finding keeps its fingerprint whether or not a
   * suppression or a baseline hides another one that looks the same.
   */
  public static Map<Finding, String> index(ScanResult result) {
    return index(result.allFindings(), new SourceLines(result.root()));
  }

  static Map<Finding, String> index(List<Finding> findings, SourceLines sources) {
    List<String> fingerprints = of(findings, sources);
    // By identity: two findings that are equal records are still two results.
    Map<Finding, String> byFinding = new IdentityHashMap<>();
    for (int i = 0; i < findings.size(); i++) {
      byFinding.put(findings.get(i), fingerprints.get(i));
    }
    return byFinding;
  }

  static List<String> of(List<Finding> findings, SourceLines sources) {
    List<String> fingerprints = new ArrayList<>(findings.size());
    // Identical tuples (the same mistake pasted twice in one file) are told apart by order of appearance.
    Map<String, Integer> seen = new HashMap<>();
    for (Finding finding : findings) {
      String file = finding.location().file();
      String text = sources.line(file, finding.location().line()).map(Fingerprints::normalize).orElse("");
      String tuple = String.join("\u0000", finding.ruleId(), file, text, finding.key());
      int occurrence = seen.merge(tuple, 1, Integer::sum);
      fingerprints.add(sha256(tuple + "\u0000" + occurrence));
    }
    return fingerprints;
  }

  /** Indentation and spacing changes are not changes to the finding. */
  static String normalize(String line) {
    return line.strip().replaceAll("\\s+", " ");
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
