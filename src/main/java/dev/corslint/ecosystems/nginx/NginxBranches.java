package dev.corslint.ecosystems.nginx;

import dev.corslint.model.OriginMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The choices one symbolic run makes where the answer depends on the request origin (an {@code if} on
 * {@code $http_origin}, a {@code map} keyed by it) or on something unknown. A run replays a prefix of
 * choices and takes the first option at every new decision; the explorer then advances the last decision
 * that has options left, so that every path is visited once. Each run also collects the origin checks its
 * path passed.
 */
final class NginxBranches {

  private final List<Integer> prefix;
  private final List<Integer> choices = new ArrayList<>();
  private final List<Integer> widths = new ArrayList<>();
  /** Checks the origin passed on this path, in order; the last is the nearest guard. */
  final List<OriginMatcher> passed = new ArrayList<>();

  NginxBranches(List<Integer> prefix) {
    this.prefix = prefix;
  }

  int choose(int width) {
    int i = choices.size();
    int c = i < prefix.size() ? Math.min(prefix.get(i), width - 1) : 0;
    choices.add(c);
    widths.add(width);
    return c;
  }

  /** The prefix for the next unexplored path, or null when every path has been run. */
  List<Integer> next() {
    int i = choices.size() - 1;
    while (i >= 0 && choices.get(i) + 1 >= widths.get(i)) i--;
    if (i < 0) return null;
    List<Integer> out = new ArrayList<>(choices.subList(0, i));
    out.add(choices.get(i) + 1);
    return out;
  }
}
