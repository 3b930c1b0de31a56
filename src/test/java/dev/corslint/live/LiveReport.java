package dev.corslint.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a live run found: figures, every mismatch between model and server, and fixtures or policies that
 * could not be probed. Rendered as a table so that one failing run shows every difference at once.
 */
final class LiveReport {

  record Mismatch(String fixture, String scope, String request, String expected, String actual, String summary) {}

  private final String ecosystem;
  private final List<Mismatch> mismatches = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private int fixtures;
  private int policies;
  private int probes;
  private int notReproducible;

  LiveReport(String ecosystem) {
    this.ecosystem = ecosystem;
  }

  void fixtureRun() {
    fixtures++;
  }

  void policyProbed() {
    policies++;
  }

  void probeSent() {
    probes++;
  }

  /** A probe that the server cannot be made to reproduce; counted, not compared. */
  void probeNotReproducible() {
    notReproducible++;
  }

  void mismatch(Mismatch m) {
    mismatches.add(m);
  }

  /** Something that makes the run fail besides mismatches: nginx rejected a fixture, a probe failed. */
  void failure(String message) {
    failures.add(message);
  }

  /** Printed, never failing: a skipped file, a fixture skipped for a missing optional module. */
  void note(String message) {
    notes.add(message);
  }

  boolean failed() {
    return !mismatches.isEmpty() || !failures.isEmpty();
  }

  List<Mismatch> mismatches() {
    return List.copyOf(mismatches);
  }

  String summary() {
    return ecosystem + " live: " + fixtures + " fixtures, " + policies + " policies, " + probes + " probes, "
        + mismatches.size() + " mismatches" + (failures.isEmpty() ? "" : ", " + failures.size() + " failures")
        + (notReproducible == 0 ? "" : " (" + notReproducible + " probes not reproducible, not compared)");
  }

  String render() {
    StringBuilder out = new StringBuilder(summary()).append('\n');
    for (String n : notes) out.append("note: ").append(n).append('\n');
    for (String f : failures) out.append("\nFAILURE: ").append(f).append('\n');
    if (!mismatches.isEmpty()) {
      out.append("\nDistinct differences (fixture | scope | difference | probes | first request):\n");
      Map<List<String>, List<Mismatch>> groups = new LinkedHashMap<>();
      for (Mismatch m : mismatches) {
        groups.computeIfAbsent(List.of(m.fixture(), m.scope(), m.summary()), k -> new ArrayList<>()).add(m);
      }
      for (var g : groups.entrySet()) {
        Mismatch first = g.getValue().get(0);
        out.append("  ")
            .append(String.join(" | ", g.getKey()))
            .append(" | ")
            .append(g.getValue().size())
            .append(" | ")
            .append(first.request())
            .append('\n');
      }
      out.append("\nAll mismatches:\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"fixture", "scope", "request", "expected (model)", "actual (nginx)"});
      for (Mismatch m : mismatches) {
        rows.add(new String[] {m.fixture(), m.scope(), m.request(), m.expected(), m.actual()});
      }
      out.append(table(rows));
    }
    return out.toString();
  }

  private static String table(List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) for (int i = 0; i < cols; i++) width[i] = Math.min(90, Math.max(width[i], r[i].length()));
    StringBuilder out = new StringBuilder();
    for (int ri = 0; ri < rows.size(); ri++) {
      String[] r = rows.get(ri);
      out.append('|');
      for (int i = 0; i < cols; i++) out.append(' ').append(pad(r[i], width[i])).append(" |");
      out.append('\n');
      if (ri == 0) {
        out.append('|');
        for (int i = 0; i < cols; i++) out.append('-').append("-".repeat(width[i])).append("-|");
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static String pad(String s, int w) {
    return s.length() >= w ? s : s + " ".repeat(w - s.length());
  }
}
