package dev.corslint.live;

import dev.corslint.model.CorsPolicy;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The environment variables a fixture's policies read at run time with a default in the code. A live server
 * runs without them, so that its answers are the unset case the policies (or their alternatives) describe.
 */
public final class RunTimeInputs {

  private RunTimeInputs() {}

  /** Every input named by the policies' alternatives and assumed defaults, but those the runner itself sets. */
  public static Set<String> unsetFor(List<CorsPolicy> policies, Set<String> runnerSets) {
    Set<String> out = new TreeSet<>();
    for (CorsPolicy p : policies) {
      p.alternatives().forEach(a -> out.add(a.input()));
      p.assumedDefaults().forEach(a -> out.add(a.input()));
    }
    out.removeAll(runnerSets);
    return out;
  }
}
