package dev.corslint.ecosystems.express;

import dev.corslint.model.Request;
import dev.corslint.model.Tri;
import java.util.ArrayList;
import java.util.List;

/**
 * Which ways through a function a concrete request can take. The paths of one run are mutually exclusive
 * (each {@code if} splits into its condition and the negation), so a path whose conditions certainly hold is
 * the one taken; otherwise every path that may hold remains a candidate.
 */
final class PathChoice {

  private PathChoice() {}

  static List<ExecPath> candidates(List<ExecPath> paths, Request r) {
    return candidates(paths, r, java.util.Set.of());
  }

  /** The candidates with the environment variables in {@code unset} taken as unset. */
  static List<ExecPath> candidates(List<ExecPath> paths, Request r, java.util.Set<String> unset) {
    List<ExecPath> maybe = new ArrayList<>();
    for (ExecPath p : paths) {
      Tri t = RequestEvaluation.evaluate(p.condition(), r, unset);
      if (t == Tri.YES) return List.of(p);
      if (t == Tri.UNKNOWN) maybe.add(p);
    }
    return maybe;
  }
}
